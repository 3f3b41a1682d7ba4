package io.jenkins.plugins.parallelworktrees;

import hudson.AbortException;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.plan.RaceSpec;
import io.github.parallelworktrees.engine.run.Schedule;
import io.github.parallelworktrees.engine.plan.Workstream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Function;
import org.jenkinsci.plugins.workflow.steps.BodyExecution;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.BodyInvoker;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * The bodies a parallelWorktrees step starts for its workstreams: one per workstream, and for a raced workstream
 * ({@code race:} / {@code racers:}) one per racer instead, named {@code <ws>-racer-<n>}, whose claudeWorker runs
 * that racer (docs/racing.md: PWT_RACER, its own branch and worktree). Each body gets its variables and a ticket
 * to the step's worker slots; a racer's ticket is its own, so each racer is one worker against maxParallel.
 *
 * <p>A race is judged where every racer's branch is, by its wave's mergeWave, after this step. So a workstream
 * that depends on a raced one cannot run in the same step (it would wait for a judgement that comes only after the
 * step ends): such a plan is refused before any body starts, saying to run the waves apart.
 */
final class WorkstreamBodies {

    private WorkstreamBodies() {
    }

    /**
     * One body to start.
     *
     * @param name the body's branch name: the workstream's, or the racer's ({@code <ws>-racer-<n>})
     * @param racer the racer's number, or 0 for a workstream's body
     */
    record Body(String name, String workstream, int racer, WorkstreamEnvironment environment,
            WorkerSlots.Ticket ticket) {
    }

    /**
     * The bodies of {@code members} (the plan's workstreams, or one wave's), in plan order, racers in racer order.
     *
     * @param planPath the plan as the step was given it (PWT_PLAN)
     * @param pool the step's slot pool, with {@code slots} workers at once
     * @throws AbortException for a member that depends on a raced member of the same step
     */
    static List<Body> of(Plan plan, List<Workstream> members, String planPath, String pool, int slots)
            throws AbortException {
        refuseDependentsOfRaces(plan, members);
        List<String> names = members.stream().map(Workstream::name).toList();
        Schedule schedule = new Schedule(plan);
        List<Body> bodies = new ArrayList<>();
        for (Workstream ws : members) {
            List<String> elsewhere = ws.dependsOn().stream().filter(d -> !names.contains(d)).toList();
            List<String> here = ws.dependsOn().stream().filter(names::contains).toList();
            int urgency = schedule.remainingPath(ws.name());
            if (ws.race().isEmpty()) {
                bodies.add(new Body(ws.name(), ws.name(), 0, WorkstreamEnvironment.of(plan, ws, planPath),
                        new WorkerSlots.Ticket(pool, slots, ws.name(), here, elsewhere, urgency, ws.index())));
                continue;
            }
            for (RaceSpec.Racer racer : ws.race().get().racers()) {
                String name = RaceSpec.racerName(ws.name(), racer.number());
                bodies.add(new Body(name, ws.name(), racer.number(),
                        WorkstreamEnvironment.ofRacer(plan, ws, racer.number(), planPath),
                        new WorkerSlots.Ticket(pool, slots, name, here, elsewhere, urgency, ws.index())));
            }
        }
        return bodies;
    }

    /**
     * Starts every planned body now, which the step must do while its start() runs (see
     * ParallelWorktreesStep.BodiesExecution), each named after its workstream or racer, with its variables over the
     * step's, its ticket and the callback {@code callbackFor} gives its name. The variables and the ticket reach the
     * body's steps, nested {@code node {}} included: CpsBodyExecution.launch gives the body's thread
     * ContextVariableSet.from(the caller's set, these overrides), and ContextVariableSet.get answers a type with the
     * first value that isInstance of it, else asks the parent set (jenkinsci/workflow-cps-plugin e007b7ff,
     * plugin/src/main/java/org/jenkinsci/plugins/workflow/cps/CpsBodyExecution.java:146,
     * ContextVariableSet.java:96-103, 179-180). EnvironmentExpander.merge of no expander is the body's own
     * (jenkinsci/workflow-step-api-plugin 0773c3c, EnvironmentExpander.java:96-99).
     *
     * @param environment the step's own expander, if any
     */
    static List<BodyExecution> start(StepContext context, EnvironmentExpander environment, List<Body> planned,
            Function<String, BodyExecutionCallback> callbackFor) {
        List<BodyExecution> started = new ArrayList<>();
        for (Body each : planned) {
            BodyInvoker body = WorkstreamBranchAction.mark(context.newBodyInvoker(), each.name());
            started.add(body
                    .withContexts(environment == null ? each.environment()
                            : EnvironmentExpander.merge(environment, each.environment()), each.ticket())
                    .withCallback(callbackFor.apply(each.name()))
                    .start());
        }
        return started;
    }

    /**
     * Refuses a member that depends on a raced member of the same step, before any body starts: its race is judged
     * only by mergeWave, after the step.
     */
    static void refuseDependentsOfRaces(Plan plan, List<Workstream> members) throws AbortException {
        List<String> raced = members.stream().filter(ws -> ws.race().isPresent()).map(Workstream::name).toList();
        for (Workstream ws : members) {
            for (String dep : ws.dependsOn()) {
                if (raced.contains(dep)) {
                    throw new AbortException("parallelWorktrees with a body: workstream '" + ws.name()
                            + "' depends on the raced workstream '" + dep + "' (" + plan.source() + "), whose race"
                            + " is judged by its wave's mergeWave, after this step; run the waves apart:"
                            + " parallelWorktrees(plan: ..., wave: n) { ... } and mergeWave(plan: ..., wave: n) for"
                            + " each wave in turn");
                }
            }
        }
    }

    /**
     * Which racers' bodies each raced workstream waits for, so that the step knows when a race's last racer ended
     * (its outcome is then {@link WorkerSlots#RACED}). Saved with the step's execution (a plain class: the Pipeline
     * program's serialization sets fields by reflection).
     */
    static final class Races implements Serializable {

        private static final long serialVersionUID = 1L;

        private final LinkedHashMap<String, String> workstreamOf = new LinkedHashMap<>();
        private final LinkedHashMap<String, Integer> running = new LinkedHashMap<>();

        Races(List<Body> bodies) {
            for (Body body : bodies) {
                if (body.racer() > 0) {
                    workstreamOf.put(body.name(), body.workstream());
                    running.merge(body.workstream(), 1, Integer::sum);
                }
            }
        }

        /**
         * A body ended.
         *
         * @return the raced workstream whose last racer it was, or null
         */
        synchronized String ended(String body) {
            String ws = workstreamOf.remove(body);
            if (ws == null) {
                return null;
            }
            int left = running.merge(ws, -1, Integer::sum);
            return left == 0 ? ws : null;
        }
    }
}
