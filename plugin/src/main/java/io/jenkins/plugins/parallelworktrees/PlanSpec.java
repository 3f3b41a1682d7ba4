package io.jenkins.plugins.parallelworktrees;

import hudson.AbortException;
import hudson.remoting.VirtualChannel;
import io.github.parallelworktrees.engine.plan.PlanParser;
import io.github.parallelworktrees.engine.planner.Planner;
import io.github.parallelworktrees.engine.planner.Planning;
import io.github.parallelworktrees.engine.planner.PlanningRequest;
import io.github.parallelworktrees.engine.process.Environment;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import jenkins.MasterToSlaveFileCallable;

/**
 * Plans a spec on the agent that holds the workspace, with the engine's planner exactly as {@code pwt plan} does
 * (the brief, validation with the checks of {@code pwt run}, the errors sent back, the records under
 * {@code .worktrees/.planning/}), and says what to archive.
 *
 * <p>A file already at the plan's path is replaced as {@code pwt plan} replaces it: only when an earlier planning
 * wrote it and nobody edited it since, or with the planner's {@code force}; a copy goes into the records. A step
 * that plans again after a controller restart (its work runs again, ResumableExecution) is recognised by its
 * token in the records' folder: the valid plan it already made is used as it is, and a planning that did not
 * finish is started again over what its own planner wrote.
 */
final class PlanSpec extends MasterToSlaveFileCallable<PlannedPlan> {

    private static final long serialVersionUID = 1L;

    /** In the plan's records folder: the token of the step that plans that file now (or last). */
    static final String STEP_TOKEN = "jenkins-step";

    private final String spec;
    private final String plan;
    private final String workspace;
    private final PipelineEnvironment environment;
    private final PlannerDefinition planner;
    private final WorkerDefaults defaults;
    private final String apiKey;
    private final BuildLog log;
    private final String token;

    /**
     * @param plan where the plan goes, as the step was given it; null for beside the spec
     * @param workspace the node's workspace (WORKSPACE), which no path may leave
     * @param apiKey the Claude planner's key from a credential, or null for the agent's environment
     * @param token the step execution's own, the same after a restart
     */
    PlanSpec(String spec, String plan, String workspace, PipelineEnvironment environment, PlannerDefinition planner,
            WorkerDefaults defaults, String apiKey, BuildLog log, String token) {
        this.spec = spec;
        this.plan = plan;
        this.workspace = workspace;
        this.environment = environment;
        this.planner = planner;
        this.defaults = defaults;
        this.apiKey = apiKey;
        this.log = log;
        this.token = token;
    }

    @Override
    public PlannedPlan invoke(File dir, VirtualChannel channel) throws IOException, InterruptedException {
        return EngineCalls.call(log, () -> {
            Environment env = environment.onThisAgent();
            Path cwd = dir.toPath().toRealPath();
            Path root = WorkspacePaths.root(cwd, workspace);
            Path specFile = WorkspacePaths.realPath(WorkspacePaths.resolve(root, cwd, spec, "spec"));
            Path repository = WorkspacePaths.repository(root, specFile, env);
            Path out = plan != null ? WorkspacePaths.realPath(WorkspacePaths.resolve(root, cwd, plan, "plan"))
                    : PlanningRequest.defaultOut(specFile);
            if (!out.startsWith(repository)) {
                throw new AbortException("plan '" + plan + "' lies outside the repository " + repository + " that"
                        + " holds the spec, where the plan will run; give a path inside it, or leave plan out for"
                        + " the default beside the spec");
            }
            String named = plan != null ? plan : PlannedPlan.relative(cwd, out);
            Optional<String> rehearsal = planner.getRehearsal() == null ? Optional.empty() : Optional.of(
                    WorkspacePaths.resolve(root, cwd, planner.getRehearsal(), "planner rehearsal").toString());

            Path records = Planner.recordsOf(repository, out);
            Path tokenFile = records.resolve(STEP_TOKEN);
            boolean again = Files.isRegularFile(tokenFile)
                    && Files.readString(tokenFile, StandardCharsets.UTF_8).strip().equals(token);
            if (again) {
                Optional<Path> made = Planner.validPlanAt(repository, out);
                if (made.isPresent()) {
                    log.info("this step planned " + named + " before the controller restarted: running that plan");
                    return PlannedPlan.reused(PlanParser.read(out), named, repository, out, made.get());
                }
                log.info("this step's planning of " + named + " did not finish before the controller restarted:"
                        + " planning again over what its planner wrote");
            }
            Files.createDirectories(records);
            Files.writeString(tokenFile, token + "\n", StandardCharsets.UTF_8);

            log.info("planning " + spec + " into " + named + " with a " + (planner.isClaude() ? "Claude" : "command")
                    + " planner, at most " + planner.attemptsOrDefault() + " attempt"
                    + (planner.attemptsOrDefault() == 1 ? "" : "s"));
            Planning planning;
            try {
                PlanningRequest request = new PlanningRequest(repository, specFile, out,
                        Optional.ofNullable(planner.getWorkstreams()), planner.attemptsOrDefault(),
                        planner.workerSpec(defaults, rehearsal), planner.isForce() || again);
                planning = new Planner(env, ApiKeyEndpoints.of(apiKey), log::info).plan(request);
            } catch (IllegalArgumentException e) {
                // bad input, refused before the planner started
                throw new AbortException(inStepTerms(e.getMessage()));
            }
            return PlannedPlan.of(planning, named, repository);
        });
    }

    /**
     * The engine's refusal in the step's words: it names {@code pwt plan}'s options (--out, --force, ...), which are
     * the step's {@code plan} and the planner's keys here.
     */
    static String inStepTerms(String message) {
        return message.replace("pass --force", "set planner: [force: true]")
                .replace("choose another --out", "choose another plan")
                .replace("an earlier 'pwt plan' wrote", "an earlier planning (pwt plan, or this step) wrote")
                .replace("--out ", "plan ")
                .replace("--attempts ", "planner attempts ")
                .replace("--workstreams ", "planner workstreams ");
    }
}
