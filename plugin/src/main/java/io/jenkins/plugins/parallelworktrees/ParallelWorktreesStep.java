package io.jenkins.plugins.parallelworktrees;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.plan.PlanParser;
import io.github.parallelworktrees.engine.plan.Workstream;
import io.jenkins.plugins.parallelworktrees.report.ParallelWorktreesAction;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.BodyExecution;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * {@code parallelWorktrees}: a plan's workstreams in parallel. With a body, one parallel branch per workstream,
 * named after it, each waiting in its claudeWorker for its dependencies and for a slot ({@code maxParallel}); the
 * body usually takes a node and runs {@code claudeWorker()}. Without a body, every workstream's own worker (claude
 * or command) runs on this agent, scheduled by the engine exactly as {@code pwt run} does. Returns a map
 * workstream to outcome ({@code done}, {@code failed}, ...). With {@code spec}, a planner writes the plan from the
 * spec first ({@link PlanFirst}).
 *
 * <p>Pipeline cannot give one step an optional body (workflow-cps' DSL refuses a body-taking step called without
 * one), so the step always takes a body and {@link OptionalBodyDsl}, a global variable of the same name,
 * calls it with {@code planWorkers: true} and an empty body when the script wrote none.
 */
public final class ParallelWorktreesStep extends Step {

    /**
     * What the step needs from its context before it starts: not FilePath nor Launcher, which exist only inside
     * {@code node} (workflow-support DefaultStepContext.get: FilePath and Launcher come from the enclosing node
     * step, everything here from the build itself). workflow-cps' DSL.invokeStep calls
     * StepDescriptor.checkContextAvailability, which throws MissingContextVariableException for a required type
     * the context lacks, before the step starts; a step that needs the workspace only sometimes, or wants to say
     * why it needs it, must not list it, and checks it itself ({@link #workspaceFor}).
     */
    static final Set<Class<?>> REQUIRED_CONTEXT = Set.of(Run.class, TaskListener.class, FlowNode.class,
            EnvVars.class);

    private final String plan;
    private Integer maxParallel;
    private boolean failFast;
    private boolean planWorkers;
    private Integer wave;
    private String spec;
    private PlannerDefinition planner;
    private boolean planOnly;

    @DataBoundConstructor
    public ParallelWorktreesStep(String plan) {
        this.plan = plan;
    }

    public String getPlan() {
        return plan;
    }

    public Integer getMaxParallel() {
        return maxParallel;
    }

    /** Workers at once; default: the global configuration's, else the plan's. */
    @DataBoundSetter
    public void setMaxParallel(Integer maxParallel) {
        this.maxParallel = maxParallel;
    }

    public boolean isFailFast() {
        return failFast;
    }

    /** When one workstream fails, stop the others (as parallel's failFast). */
    @DataBoundSetter
    public void setFailFast(boolean failFast) {
        this.failFast = failFast;
    }

    public boolean isPlanWorkers() {
        return planWorkers;
    }

    /** Ignore the body: run each workstream's worker as the plan says, on this agent. */
    @DataBoundSetter
    public void setPlanWorkers(boolean planWorkers) {
        this.planWorkers = planWorkers;
    }

    public Integer getWave() {
        return wave;
    }

    /**
     * Only this wave's workstreams get a body; their dependencies in earlier waves must have finished earlier in
     * the build. With a mergeWave stage between two waves, a workstream starts from the integration branch that
     * holds its dependencies.
     */
    @DataBoundSetter
    public void setWave(Integer wave) {
        this.wave = wave;
    }

    public String getSpec() {
        return spec;
    }

    /**
     * A spec to plan first: a planner writes the plan to {@code plan} (default: beside the spec,
     * {@code <spec name>.plan.yaml}), and the step runs that plan ({@link PlanFirst}).
     */
    @DataBoundSetter
    public void setSpec(String spec) {
        this.spec = FormChecks.fixEmpty(spec);
    }

    public PlannerDefinition getPlanner() {
        return planner;
    }

    /** Who plans the spec, and how: Claude Code by default. */
    @DataBoundSetter
    public void setPlanner(PlannerDefinition planner) {
        this.planner = planner;
    }

    public boolean isPlanOnly() {
        return planOnly;
    }

    /** Plan the spec, archive the plan, and run nothing: the step returns the plan's path. */
    @DataBoundSetter
    public void setPlanOnly(boolean planOnly) {
        this.planOnly = planOnly;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        if (maxParallel != null && maxParallel < 1) {
            throw new AbortException("maxParallel must be at least 1, got " + maxParallel);
        }
        if (wave != null && wave < 1) {
            throw new AbortException("wave must be at least 1, got " + wave);
        }
        PlanFirst planFirst = PlanFirst.of(this);
        if (planOnly) {
            UnixAgent.require(context, "parallelWorktrees");
            PlanFirst.requireWorkspace(context);
            return new PlanFirst.Execution(context, planFirst);
        }
        if (planWorkers && wave != null) {
            throw new AbortException("parallelWorktrees(wave: " + wave + ") without a body is not supported yet:"
                    + " give a body (one per workstream of the wave), or let the plan's autoMerge run the waves in"
                    + " order");
        }
        if (planWorkers) {
            // with a body the workers run in claudeWorker steps, on the bodies' agents, which check their own
            UnixAgent.require(context, "parallelWorktrees");
        }
        workspaceFor(context, planWorkers);
        return planWorkers ? new PlanExecution(context, plan, maxParallel, failFast, planFirst)
                : new BodiesExecution(context, plan, maxParallel, failFast, wave);
    }

    /**
     * The workspace the plan is read from, which only a {@code node} gives: with a body the plan is read before the
     * bodies (and their own nodes) start, since the branches are named after its workstreams; without one the
     * workers run there. Without a body the node's Launcher is needed too, to archive what the workers leave.
     *
     * @throws AbortException outside {@code node}, saying how to call the step
     */
    static FilePath workspaceFor(StepContext context, boolean planWorkers) throws IOException,
            InterruptedException {
        FilePath workspace = context.get(FilePath.class);
        if (workspace == null || planWorkers && context.get(Launcher.class) == null) {
            throw new AbortException(planWorkers
                    ? "parallelWorktrees without a body runs the plan's workers in this node's workspace: call it"
                            + " inside node { } (after checkout scm), or in a Declarative stage with an agent"
                    : "parallelWorktrees with a body reads the plan from the workspace before its bodies start:"
                            + " wrap it in node { } with the repository checked out (checkout scm), or use a"
                            + " Declarative stage with an agent; the bodies still take their own agents"
                            + " (node('claude') { ... })");
        }
        return workspace;
    }

    /**
     * One body per workstream, and one per racer of a raced workstream ({@link WorkstreamBodies}). Every body is
     * started here, inside start(): workflow-cps runs bodies started during start() as parallel branches on forked
     * flow heads, while a body started later, from a callback or a background thread, runs on this step's own
     * thread, where two at once would share one head (jenkinsci/workflow-cps-plugin e007b7ff: CpsBodyInvoker.start,
     * plugin/src/main/java/org/jenkinsci/plugins/workflow/cps/CpsBodyInvoker.java:138-169, queues a body while the
     * step is in sync mode, else launches it on the step's own thread; DSL.ThreadTaskImpl
     * .invokeBodiesAndSwitchToAsyncMode, DSL.java:823-849, gives every queued body but the first a forked head). So
     * maxParallel and dependsOn are enforced inside the bodies, by {@link WorkerSlots}, not by starting bodies late.
     * A race's last racer ending makes the raced workstream's outcome {@code raced}: mergeWave judges it.
     *
     * <p>The plan is read here, in start(), on the CPS VM thread: the branch names must be known before any body
     * starts, and that is one small file (workflow-cps' own LoadStepExecution reads its script the same way).
     */
    static final class BodiesExecution extends StepExecution {

        private static final long serialVersionUID = 1L;

        private final String plan;
        private final Integer maxParallel;
        private final boolean failFast;
        private final Integer wave;
        private final String pool = UUID.randomUUID().toString();
        private final ArrayList<BodyExecution> bodies = new ArrayList<>();
        private ResultHandler handler;

        BodiesExecution(StepContext context, String plan, Integer maxParallel, boolean failFast, Integer wave) {
            super(context);
            this.plan = plan;
            this.maxParallel = maxParallel;
            this.failFast = failFast;
            this.wave = wave;
        }

        @Override
        public boolean start() throws Exception {
            StepContext context = getContext();
            Optional<String> problem = FormChecks.workspacePath(plan, true);
            if (problem.isPresent()) {
                throw new AbortException("plan " + problem.get());
            }
            String text = workspaceFor(context, false).child(plan).readToString();
            Plan parsed = EngineCalls.call(() -> PlanParser.parse(Path.of(plan), text));
            Integer configured = ParallelWorktreesConfiguration.get().getMaxParallel();
            int slots = maxParallel != null ? maxParallel : configured != null ? configured : parsed.maxParallel();
            EnvironmentExpander environment = context.get(EnvironmentExpander.class);
            List<WorkstreamBodies.Body> planned = WorkstreamBodies.of(parsed, bodiesOf(parsed, wave), plan, pool,
                    slots);
            handler = new ResultHandler(context, this, planned.size(), failFast, pool, slots,
                    new WorkstreamBodies.Races(planned));
            bodies.addAll(WorkstreamBodies.start(context, environment, planned, handler::callbackFor));
            return false;
        }

        /** The workstreams that get a body: the plan's, or one wave's. */
        static List<Workstream> bodiesOf(Plan plan, Integer wave) throws AbortException {
            if (wave == null) {
                return plan.workstreams();
            }
            List<Workstream> bodies = plan.workstreams().stream().filter(ws -> ws.wave() == wave).toList();
            if (bodies.isEmpty()) {
                throw new AbortException("the plan " + plan.source() + " has no wave " + wave + "; its waves are "
                        + plan.waves().stream().map(w -> String.valueOf(w.number())).toList());
            }
            return bodies;
        }

        /** After a restart, the pool (in memory) learns again which workstreams already ended. */
        @Override
        public void onResume() {
            if (handler != null) {
                handler.reseed();
            }
        }

        @Override
        public void stop(@NonNull Throwable cause) {
            for (BodyExecution body : bodies) {
                body.cancel(cause);
            }
        }

        void cancelAll(Throwable cause) {
            stop(cause);
        }
    }

    /** Collects each body's outcome; when the last one ends, the step ends (failing as parallel does). */
    static final class ResultHandler implements Serializable {

        private static final long serialVersionUID = 1L;

        private final StepContext context;
        private final BodiesExecution execution;
        private final boolean failFast;
        private final String pool;
        private final int slots;
        private final LinkedHashMap<String, String> outcomes = new LinkedHashMap<>();
        /** The racers' bodies of each raced workstream; null in an execution saved before races had bodies. */
        private final WorkstreamBodies.Races races;
        private int remaining;
        private Throwable failure;

        ResultHandler(StepContext context, BodiesExecution execution, int bodies, boolean failFast, String pool,
                int slots, WorkstreamBodies.Races races) {
            this.context = context;
            this.execution = execution;
            this.remaining = bodies;
            this.failFast = failFast;
            this.pool = pool;
            this.slots = slots;
            this.races = races;
        }

        synchronized void reseed() {
            outcomes.forEach((ws, outcome) -> WorkerSlots.of(pool, slots).ended(ws, outcome));
        }

        BodyExecutionCallback callbackFor(String workstream) {
            return new Callback(this, workstream);
        }

        private synchronized void ended(String workstream, Throwable error) {
            String outcome = outcome(recordedAction(), workstream, error);
            outcomes.put(workstream, outcome);
            WorkerSlots.of(pool, slots).ended(workstream, outcome);
            String raced = races == null ? null : races.ended(workstream);
            if (raced != null) {
                outcomes.put(raced, WorkerSlots.RACED);
                WorkerSlots.of(pool, slots).ended(raced, WorkerSlots.RACED);
            }
            if (error != null && failure == null) {
                failure = error;
                if (failFast) {
                    execution.cancelAll(new AbortException("failFast: workstream '" + workstream + "' failed"));
                }
            }
            if (--remaining == 0) {
                WorkerSlots.forget(pool);
                if (failure != null) {
                    context.onFailure(failure);
                } else {
                    context.onSuccess(new LinkedHashMap<>(outcomes));
                }
            }
        }

        /**
         * A body's outcome: what its claudeWorker recorded in the build's Parallel Worktrees rows (a worker's state,
         * or {@code skipped}), else {@code completed} or {@code failed} for a body that ran no worker.
         */
        static String outcome(ParallelWorktreesAction recorded, String workstream, Throwable error) {
            Optional<String> status = recorded == null ? Optional.empty() : recorded.statusOf(workstream);
            return status.orElse(error == null ? "completed" : "failed");
        }

        private ParallelWorktreesAction recordedAction() {
            try {
                Run<?, ?> run = context.get(Run.class);
                return run == null ? null : run.getAction(ParallelWorktreesAction.class);
            } catch (IOException | InterruptedException e) {
                return null;
            }
        }
    }

    private static final class Callback extends BodyExecutionCallback {
        private static final long serialVersionUID = 1L;

        private final ResultHandler handler;
        private final String workstream;

        Callback(ResultHandler handler, String workstream) {
            this.handler = handler;
            this.workstream = workstream;
        }

        @Override
        public void onSuccess(StepContext context, Object result) {
            handler.ended(workstream, null);
        }

        @Override
        public void onFailure(StepContext context, Throwable t) {
            handler.ended(workstream, t);
        }
    }

    /** The step's name, form and validation. */
    @Extension
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "parallelWorktrees";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Run a plan's workstreams in parallel, each on its own git worktree";
        }

        @Override
        public boolean takesImplicitBlockArgument() {
            return true;
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return REQUIRED_CONTEXT;
        }

        public FormValidation doCheckPlan(@QueryParameter String value, @QueryParameter String spec) {
            return FormChecks.toValidation(FormChecks.planOrSpec(value, spec));
        }

        public FormValidation doCheckSpec(@QueryParameter String value, @QueryParameter String plan) {
            return FormChecks.toValidation(FormChecks.spec(value, plan));
        }

        public FormValidation doCheckMaxParallel(@QueryParameter String value) {
            return FormChecks.toValidation(FormChecks.wholeNumber(value, 1));
        }
    }
}
