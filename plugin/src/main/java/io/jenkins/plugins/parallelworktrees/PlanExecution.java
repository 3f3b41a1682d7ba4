package io.jenkins.plugins.parallelworktrees;

import hudson.AbortException;
import hudson.remoting.VirtualChannel;
import io.github.parallelworktrees.engine.ledger.RunListener;
import io.github.parallelworktrees.engine.ledger.RunState;
import io.github.parallelworktrees.engine.ledger.WorkerRecord;
import io.github.parallelworktrees.engine.ledger.WorkerStatus;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.plan.PlanParser;
import io.github.parallelworktrees.engine.plan.Workstream;
import io.github.parallelworktrees.engine.process.Environment;
import io.github.parallelworktrees.engine.report.RunReport;
import io.github.parallelworktrees.engine.run.PlanRunner;
import io.github.parallelworktrees.engine.run.RunException;
import io.jenkins.plugins.parallelworktrees.report.ParallelWorktreesAction;
import io.jenkins.plugins.parallelworktrees.report.WorkstreamRow;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import jenkins.MasterToSlaveFileCallable;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * {@code parallelWorktrees} without a body: the whole plan through the engine's PlanRunner, next to the workspace,
 * on a background thread. After a controller restart the engine resumes the run from its state files: finished
 * workstreams are kept, a worker that was running continues its Claude session. With a spec the plan is planned
 * first, on the same agent.
 */
final class PlanExecution extends ResumableExecution {

    private static final long serialVersionUID = 1L;

    private final String plan;
    private final Integer maxParallel;
    private final boolean failFast;
    /** The spec's planning, or null when the plan exists. */
    private final PlanFirst planFirst;

    PlanExecution(StepContext context, String plan, Integer maxParallel, boolean failFast, PlanFirst planFirst) {
        super(context);
        this.plan = plan;
        this.maxParallel = maxParallel;
        this.failFast = failFast;
        this.planFirst = planFirst;
    }

    @Override
    protected void work() throws Exception {
        EngineStepContext ctx = EngineStepContext.of(getContext());
        String planned = planFirst == null ? plan : planFirst.plan(ctx);
        ParallelWorktreesConfiguration config = ParallelWorktreesConfiguration.get();
        String apiKey = ApiKeys.lookup(null, ctx.run());
        Integer parallel = maxParallel != null ? maxParallel : config.getMaxParallel();
        BuildLog log = ctx.log(apiKey);
        // the build page shows the run's rows while it goes on, not only once the agent's call below returns
        RunProgress.Read progress = new RunProgress.Read(planned, ctx.workspaceVariable(),
                ctx.pipelineEnvironment());
        java.util.function.Consumer<List<WorkstreamRow>> page = rows -> ParallelWorktreesAction.of(ctx.run())
                .put(rows.stream().map(r -> r.masked(ctx::mask)).toList());
        WorkersReport report;
        try (RunProgress.Poller poller = RunProgress.Poller.start(() -> ctx.workspace().act(progress), page,
                log::info, RunProgress.EVERY, "parallelWorktrees page rows")) {
            report = ctx.workspace().act(new RunPlan(planned, ctx.workspaceVariable(),
                    ctx.pipelineEnvironment(), parallel, failFast, config.workerDefaults(), apiKey, log));
        } catch (IOException | RuntimeException e) {
            // no report comes back: the page keeps the ledger's last word rather than the last look's
            RunProgress.lastLook(() -> ctx.workspace().act(progress), page);
            throw e;
        } catch (InterruptedException e) {
            // the build was aborted (GeneralNonBlockingStepExecution.stop cancels this thread): the engine on the
            // agent is still stopping its workers, so the page's rows must not say they run on
            RunProgress.lastLook(() -> ctx.workspace().act(progress), rows -> page.accept(rows.stream()
                    .map(r -> r.interruptedIfWorking("the build was aborted while it ran")).toList()));
            throw e;
        }
        ctx.keep(report.base(), report.artifacts(), action -> report.record(action, ctx::mask));
        if (report.stoppedBy() != null) {
            throw new AbortException("failFast: " + report.stoppedBy() + "; the other workers were stopped"
                    + " (the next build in this workspace resumes them)");
        }
        if (!report.unfinished().isEmpty()) {
            ctx.unstable("workstreams that did not finish: " + String.join(", ", report.unfinished()));
        }
        // as the engine's run: a review of criticality UNSTABLE that did not approve lets the branch land
        for (String review : report.unstableReviews()) {
            ctx.unstable(review);
        }
        getContext().onSuccess(new LinkedHashMap<>(report.outcomes()));
    }

    /** Runs the plan on the agent that holds the workspace. */
    static final class RunPlan extends MasterToSlaveFileCallable<WorkersReport> {

        private static final long serialVersionUID = 1L;

        private final String plan;
        private final String workspace;
        private final PipelineEnvironment environment;
        private final Integer maxParallel;
        private final boolean failFast;
        private final WorkerDefaults defaults;
        private final String apiKey;
        private final BuildLog log;

        /**
         * @param workspace the node's workspace (WORKSPACE), which paths must not leave
         * @param environment the Pipeline's, for every process the run starts
         */
        RunPlan(String plan, String workspace, PipelineEnvironment environment, Integer maxParallel,
                boolean failFast, WorkerDefaults defaults, String apiKey, BuildLog log) {
            this.plan = plan;
            this.workspace = workspace;
            this.environment = environment;
            this.maxParallel = maxParallel;
            this.failFast = failFast;
            this.defaults = defaults;
            this.apiKey = apiKey;
            this.log = log;
        }

        @Override
        public WorkersReport invoke(File dir, VirtualChannel channel) throws IOException, InterruptedException {
            return EngineCalls.call(log, () -> {
                Environment env = environment.onThisAgent();
                WorkspacePaths.PlanFile planFile = WorkspacePaths.planFile(dir, workspace, plan, env);
                Path repository = planFile.repository();
                Plan effective = EffectivePlan.withDefaults(PlanParser.read(planFile.path()), repository, defaults);
                FailFast stop = failFast ? new FailFast(log, Thread.currentThread()) : null;
                PlanRunner runner = new PlanRunner(effective, repository, env, Optional.ofNullable(maxParallel),
                        stop != null ? stop : log, ApiKeyEndpoints.of(apiKey));
                String stopped = null;
                try {
                    if (RunState.load(runner.layout()).isPresent()) {
                        log.info("this workspace already has a run of feature '" + effective.feature() + "': resuming"
                                + " it (done workstreams are kept; clean the workspace for a fresh run)");
                        runner.resume();
                    } else {
                        runner.run();
                    }
                } catch (RunException e) {
                    if (stop == null || stop.cause == null) {
                        throw e;
                    }
                    stopped = stop.cause;
                    // the engine re-raises the interrupt it was stopped with; the report below still needs git
                    Thread.interrupted();
                }
                RunReport.write(runner.layout());
                WorkersReport report = WorkersReport.collectRun(runner.layout(),
                        effective.workstreams().stream().map(Workstream::name).toList(), effective.autoMerge());
                return stopped == null ? report : report.stoppedBy(stopped);
            });
        }
    }

    /** Stops the run at the first workstream that ends without finishing, by interrupting the engine's run. */
    private static final class FailFast implements RunListener {
        private final RunListener log;
        private final Thread run;
        private volatile String cause;

        FailFast(RunListener log, Thread run) {
            this.log = log;
            this.run = run;
        }

        @Override
        public void info(String message) {
            log.info(message);
        }

        @Override
        public void workerProgress(String workstream, String line) {
            log.workerProgress(workstream, line);
        }

        @Override
        public void workerFinished(WorkerRecord record) {
            log.workerFinished(record);
            if (record.status() != WorkerStatus.DONE && cause == null) {
                cause = "workstream '" + record.workstream() + "' ended " + record.status().id()
                        + (record.reason() == null ? "" : " (" + record.reason() + ")");
                run.interrupt();
            }
        }
    }
}
