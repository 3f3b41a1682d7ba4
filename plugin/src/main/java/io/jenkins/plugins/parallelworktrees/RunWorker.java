package io.jenkins.plugins.parallelworktrees;

import hudson.remoting.VirtualChannel;
import io.github.parallelworktrees.engine.git.Git;
import io.github.parallelworktrees.engine.ledger.RunLockedException;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.plan.PlanParser;
import io.github.parallelworktrees.engine.plan.Workstream;
import io.github.parallelworktrees.engine.process.Environment;
import io.github.parallelworktrees.engine.run.PlanRunner;
import io.github.parallelworktrees.engine.run.RunSummary;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import jenkins.MasterToSlaveFileCallable;

/**
 * claudeWorker's work on the agent that holds the workspace: the workstream (or one racer of it) of the plan, in
 * this workspace's run, with the branches it builds on brought from the build's bundles; its files and branch
 * reported back for the controller to archive.
 */
final class RunWorker extends MasterToSlaveFileCallable<WorkersReport> {

    private static final long serialVersionUID = 1L;
    private static final long LOCK_POLL_MILLIS = 2000;

    private final String workstream;
    private final int racer;
    private final String plan;
    private final String workspace;
    private final PipelineEnvironment environment;
    private final String feature;
    private final String prompt;
    private final LinkedHashMap<String, Object> worker;
    private final boolean push;
    private final String carried;
    private final ArrayList<String> copied;
    private final WorkerDefaults defaults;
    private final String apiKey;
    private final BuildLog log;

    /**
     * @param racer the racer of the raced {@code workstream} to run, or 0 to run the workstream
     * @param environment the Pipeline's, for every process the worker's run starts
     * @param carried where the build's bundles were copied on the agent
     * @param copied the bundles copied there (archive paths), see {@link CarriedBranches}
     */
    RunWorker(String workstream, int racer, String plan, String workspace, PipelineEnvironment environment,
            String feature, String prompt, LinkedHashMap<String, Object> worker, boolean push, String carried,
            List<String> copied, WorkerDefaults defaults, String apiKey, BuildLog log) {
        this.workstream = workstream;
        this.racer = racer;
        this.plan = plan;
        this.workspace = workspace;
        this.environment = environment;
        this.feature = feature;
        this.prompt = prompt;
        this.worker = worker;
        this.push = push;
        this.carried = carried;
        this.copied = new ArrayList<>(copied);
        this.defaults = defaults;
        this.apiKey = apiKey;
        this.log = log;
    }

    @Override
    public WorkersReport invoke(File dir, VirtualChannel channel) throws IOException, InterruptedException {
        return EngineCalls.call(log, () -> {
            Environment env = environment.onThisAgent();
            Path repository;
            Plan effective;
            if (plan != null) {
                WorkspacePaths.PlanFile planFile = WorkspacePaths.planFile(dir, workspace, plan, env);
                repository = planFile.repository();
                effective = EffectivePlan.forWorkstream(PlanParser.read(planFile.path()), repository, workstream,
                        racer, Optional.ofNullable(prompt), worker, defaults);
            } else {
                Path cwd = dir.toPath().toRealPath();
                repository = WorkspacePaths.repository(WorkspacePaths.root(cwd, workspace), cwd, env);
                effective = EffectivePlan.single(repository, feature != null ? feature : "claude", workstream,
                        prompt, worker, defaults);
            }
            if (plan != null) {
                CarriedBranches.bring(Git.in(repository, env), effective, effective.workstream(workstream).orElseThrow(),
                        Path.of(carried), copied, log);
            }
            CarriedBranches.forget(Path.of(carried));
            PlanRunner runner = new PlanRunner(effective, repository, env, Optional.of(1), log,
                    ApiKeyEndpoints.of(apiKey));
            Workstream ws = effective.workstream(workstream).orElseThrow();
            boolean done = runTakingTurns(() -> racer == 0 ? runner.runWorkstream(workstream)
                    : runner.runRacer(workstream, racer)).succeeded();
            String branch = racer == 0 ? effective.branchOf(ws) : effective.racerBranch(ws, racer);
            if (push && done) {
                log.info(workstream + ": pushing " + branch + " to origin");
                runner.layout().git().run("push", "--quiet", "origin", "refs/heads/" + branch + ":refs/heads/"
                        + branch);
            }
            return racer == 0 ? WorkersReport.collect(runner.layout(), List.of(workstream),
                    push ? List.of(workstream) : List.of())
                    : WorkersReport.collectRacer(runner.layout(), workstream, racer, push);
        });
    }

    /**
     * Runs the workstream (or racer) in this workspace's run (made by the first worker here, continued by the
     * others, and after a restart). Workers that share a workspace share its run lock, so they take turns.
     *
     * @return how the workstream ended
     */
    private RunSummary runTakingTurns(Supplier<RunSummary> runs) throws InterruptedException {
        boolean told = false;
        while (true) {
            try {
                return runs.get();
            } catch (RunLockedException e) {
                if (!told) {
                    log.info(workstream + ": waiting: " + e.getMessage() + " (workers that share a workspace"
                            + " take turns; give each body its own node or workspace to run them at once)");
                    told = true;
                }
                Thread.sleep(LOCK_POLL_MILLIS);
            }
        }
    }
}
