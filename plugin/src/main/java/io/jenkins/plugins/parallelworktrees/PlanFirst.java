package io.jenkins.plugins.parallelworktrees;

import hudson.AbortException;
import hudson.FilePath;
import hudson.Launcher;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * {@code parallelWorktrees(spec: ...)}: a planner writes the plan from the spec on the workspace's agent before
 * anything runs ({@link PlanSpec}); the plan and the planner's records are archived under {@code planning/}, the
 * log says where, and a planning that ends without a valid plan fails the step with the validator's problems.
 *
 * <p>Without a body the step plans and then runs the plan ({@code PlanExecution}). With a body it cannot: the
 * bodies must start inside the step's start() to be parallel branches (workflow-cps DSL.invokeStep runs the
 * ThreadTaskImpl that launches the bodies started there on forked heads), and the plan, which names the branches,
 * must exist by then, while planning runs a process for minutes, which start() on the CPS VM thread must not. So
 * the parallelWorktrees global variable (OptionalBody.groovy) calls the step twice: first with {@code planOnly:
 * true} ({@link Execution}, which returns the plan's path), then with the body and that plan.
 *
 * <p>Held by the step's execution, so it is saved with the Pipeline and its token is the same after a restart.
 */
final class PlanFirst implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String spec;
    private final String plan;
    private final PlannerDefinition planner;
    /** Tells this step's planning from an earlier build's in the records (PlanSpec.STEP_TOKEN). */
    private final String token = UUID.randomUUID().toString();

    private PlanFirst(String spec, String plan, PlannerDefinition planner) {
        this.spec = spec;
        this.plan = plan;
        this.planner = planner != null ? planner : new PlannerDefinition();
    }

    /**
     * The planning the step's parameters ask for, or null when they name no spec; refuses, before anything runs,
     * planning parameters without a spec, the spec in a form that cannot plan, and run parameters with
     * {@code planOnly}.
     */
    static PlanFirst of(ParallelWorktreesStep step) throws AbortException {
        String spec = FormChecks.fixEmpty(step.getSpec());
        String plan = FormChecks.fixEmpty(step.getPlan());
        if (spec == null) {
            if (step.getPlanner() != null) {
                throw new AbortException("parallelWorktrees: planner: needs spec: (the spec the planner plans from);"
                        + " without a spec, plan: names a plan that exists");
            }
            if (step.isPlanOnly()) {
                throw new AbortException("parallelWorktrees: planOnly: true needs spec: (the spec to plan)");
            }
            if (plan == null) {
                throw new AbortException("parallelWorktrees needs plan: (the plan file to run), or spec: (a spec to"
                        + " plan first, e.g. parallelWorktrees(spec: 'specs/shop.md'))");
            }
            return null;
        }
        List<String> problems = new ArrayList<>();
        FormChecks.spec(spec, plan).ifPresent(p -> problems.add("spec " + p));
        if (plan != null) {
            FormChecks.workspacePath(plan, false).ifPresent(p -> problems.add("plan " + p));
        }
        if (step.getPlanner() != null) {
            problems.addAll(step.getPlanner().problems());
        }
        if (step.isPlanOnly()) {
            List<String> runOptions = new ArrayList<>();
            if (step.getMaxParallel() != null) {
                runOptions.add("maxParallel");
            }
            if (step.isFailFast()) {
                runOptions.add("failFast");
            }
            if (step.getWave() != null) {
                runOptions.add("wave");
            }
            if (!runOptions.isEmpty()) {
                problems.add("planOnly: true plans and runs nothing, so " + String.join(", ", runOptions)
                        + " would do nothing; remove " + (runOptions.size() == 1 ? "it" : "them") + ", or leave"
                        + " out planOnly to plan and run");
            }
        } else if (!step.isPlanWorkers()) {
            problems.add("spec: with a body is planned by the parallelWorktrees global variable, which plans first"
                    + " (planOnly: true) and then starts the bodies on the planned plan; call parallelWorktrees(spec:"
                    + " ...) { ... } as it is, not steps.parallelWorktrees(...), or plan in a step of its own:"
                    + " def plan = parallelWorktrees(spec: '" + spec + "', planOnly: true)");
        }
        if (!problems.isEmpty()) {
            throw new AbortException("parallelWorktrees: " + String.join("; ", problems));
        }
        return new PlanFirst(spec, plan, step.getPlanner());
    }

    /**
     * Refuses a step that would plan outside {@code node}: the planner runs in the workspace, and archiving needs the
     * node's Launcher.
     */
    static void requireWorkspace(StepContext context) throws IOException, InterruptedException {
        if (context.get(FilePath.class) == null || context.get(Launcher.class) == null) {
            throw new AbortException("parallelWorktrees(spec: ...) plans in this node's workspace, from the spec"
                    + " checked out there: call it inside node { } (after checkout scm), or in a Declarative stage"
                    + " with an agent");
        }
    }

    /**
     * Plans, archives the plan and the planner's records (masked), and says in the log where they are.
     *
     * @return the plan's path as the step names it (relative to its directory), for the run
     * @throws AbortException when there is no valid plan, with the validator's problems
     */
    String plan(EngineStepContext ctx) throws IOException, InterruptedException {
        String apiKey = planner.isClaude() ? ApiKeys.lookup(planner.getCredentialsId(), ctx.run()) : null;
        BuildLog log = ctx.log(apiKey);
        PlannedPlan planned = ctx.workspace().act(new PlanSpec(spec, plan, ctx.workspaceVariable(),
                ctx.pipelineEnvironment(), planner, ParallelWorktreesConfiguration.get().workerDefaults(), apiKey,
                log, token));
        ctx.archive(planned.base(), planned.artifacts());
        planned.report().forEach(log::info);
        Optional<String> failure = planned.failure();
        if (failure.isPresent()) {
            throw new AbortException(ctx.mask(failure.get()));
        }
        return planned.plan();
    }

    /** {@code planOnly: true}: plans and archives on a background thread; returns the plan's path. */
    static final class Execution extends ResumableExecution {

        private static final long serialVersionUID = 1L;

        private final PlanFirst planFirst;

        Execution(StepContext context, PlanFirst planFirst) {
            super(context);
            this.planFirst = planFirst;
        }

        @Override
        protected void work() throws Exception {
            getContext().onSuccess(planFirst.plan(EngineStepContext.of(getContext())));
        }
    }
}
