package io.jenkins.plugins.parallelworktrees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.model.Result;
import io.github.parallelworktrees.engine.ledger.WorkerRecord;
import io.github.parallelworktrees.engine.ledger.WorkerStatus;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.plan.PlanParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import io.jenkins.plugins.parallelworktrees.report.ParallelWorktreesAction;
import io.jenkins.plugins.parallelworktrees.report.WorkstreamRow;
import org.jenkinsci.plugins.workflow.steps.BodyExecution;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.BodyInvoker;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.jupiter.api.Test;

/**
 * The body form with races: each racer of a raced workstream is a parallel body of its own, named after the racer,
 * with the racer's variables and a worker slot of its own; the raced workstream's outcome is {@code raced} once its
 * last racer's body ended (mergeWave judges the race), and a workstream depending on it cannot be in the same step.
 */
class RacesInBodiesTest {

    private final String pool = UUID.randomUUID().toString();

    private static Plan plan(String yaml) {
        return PlanParser.parse(Path.of("specs/plan.yaml"), yaml);
    }

    private static final Plan RACED = plan("""
            feature: shop
            worker: {type: command, run: 'true'}
            workstreams:
              - {name: core, prompt: c}
              - {name: auth, prompt: a, race: 3, dependsOn: [core], wave: 2}
              - {name: docs, prompt: d, wave: 2}
            """);

    private List<WorkstreamBodies.Body> bodiesOfWave(Plan plan, int wave, int slots) throws AbortException {
        return WorkstreamBodies.of(plan, ParallelWorktreesStep.BodiesExecution.bodiesOf(plan, wave), "specs/plan.yaml",
                pool, slots);
    }

    @Test
    void aRacedWorkstreamGetsABodyPerRacerNamedAfterTheRacerInPlaceOfItsOwn() throws Exception {
        List<WorkstreamBodies.Body> bodies = bodiesOfWave(RACED, 2, 4);

        assertThat(bodies).extracting(WorkstreamBodies.Body::name)
                .containsExactly("auth-racer-1", "auth-racer-2", "auth-racer-3", "docs");
        assertThat(bodies).extracting(WorkstreamBodies.Body::workstream)
                .containsExactly("auth", "auth", "auth", "docs");
        assertThat(bodies).extracting(WorkstreamBodies.Body::racer).containsExactly(1, 2, 3, 0);
    }

    @Test
    void aRacersBodySeesItsNumberItsBranchAndItsWorktree() throws Exception {
        WorkstreamBodies.Body second = bodiesOfWave(RACED, 2, 4).get(1);

        assertThat(second.environment().variables()).contains(
                entry("PWT_WORKSTREAM", "auth"),
                entry("PWT_RACER", "2"),
                entry("PWT_BRANCH", "shop/auth-racer-2"),
                entry("PWT_WORKTREE", ".worktrees/shop/auth-racer-2"),
                entry("PWT_WAVE", "2"),
                entry("PWT_PLAN", "specs/plan.yaml"));
        assertThat(bodiesOfWave(RACED, 2, 4).get(3).environment().variables()).doesNotContainKey("PWT_RACER");
    }

    @Test
    void eachRacerHoldsATicketOfItsOwnThatWaitsForTheWorkstreamsDependencies() throws Exception {
        List<WorkstreamBodies.Body> bodies = bodiesOfWave(RACED, 2, 2);

        assertThat(bodies).extracting(b -> b.ticket().workstream())
                .containsExactly("auth-racer-1", "auth-racer-2", "auth-racer-3", "docs");
        // core is in wave 1, not a body of this step: each racer waits for it to have landed earlier in the build
        WorkerSlots.Ticket racer = bodies.get(0).ticket();
        assertThat(racer.slots().acquire(racer, dep -> Optional.empty())).hasValueSatisfying(
                why -> assertThat(why).contains("dependency 'core' has not run in this build"));
        WorkerSlots.forget(pool);
    }

    @Test
    void aWorkstreamThatDependsOnARacedOneInTheSameStepIsRefusedBeforeAnyBodyStarts() {
        Plan plan = plan("""
                feature: shop
                worker: {type: command, run: 'true'}
                workstreams:
                  - {name: auth, prompt: a, race: 2}
                  - {name: api, prompt: b, dependsOn: [auth]}
                """);

        assertThatThrownBy(() -> WorkstreamBodies.of(plan, plan.workstreams(), "specs/plan.yaml", pool, 2))
                .isInstanceOf(AbortException.class)
                .hasMessageContaining("workstream 'api' depends on the raced workstream 'auth'")
                .hasMessageContaining("judged by its wave's mergeWave")
                .hasMessageContaining("wave: n");
    }

    @Test
    void everyBodyIsStartedWhileTheStepStartsEachWithItsVariablesTicketAndCallback() throws Exception {
        List<WorkstreamBodies.Body> planned = bodiesOfWave(RACED, 2, 4);
        BodiesContext context = new BodiesContext();
        ParallelWorktreesStep.ResultHandler handler = new ParallelWorktreesStep.ResultHandler(context, null,
                planned.size(), false, pool, 4, new WorkstreamBodies.Races(planned));

        List<BodyExecution> started = WorkstreamBodies.start(context, null, planned, handler::callbackFor);

        // all of them before start() returns: only bodies started then become parallel branches
        assertThat(started).hasSize(4);
        assertThat(context.invokers).allMatch(i -> i.started);
        assertThat(context.invokers).extracting(i -> i.displayName)
                .containsExactly("auth-racer-1", "auth-racer-2", "auth-racer-3", "docs");
        for (int i = 0; i < planned.size(); i++) {
            assertThat(context.invokers.get(i).contexts).containsExactly(planned.get(i).environment(),
                    planned.get(i).ticket());
            assertThat(context.invokers.get(i).callbacks).hasSize(1);
        }
    }

    @Test
    void whenTheLastRacerOfARaceEndsTheRacedWorkstreamsOutcomeIsRaced() throws Exception {
        List<WorkstreamBodies.Body> planned = bodiesOfWave(RACED, 2, 4);
        BodiesContext context = new BodiesContext();
        ParallelWorktreesStep.ResultHandler handler = new ParallelWorktreesStep.ResultHandler(context, null,
                planned.size(), false, pool, 4, new WorkstreamBodies.Races(planned));
        WorkstreamBodies.start(context, null, planned, handler::callbackFor);

        for (String body : List.of("auth-racer-2", "docs", "auth-racer-1")) {
            context.invokerOf(body).callbacks.get(0).onSuccess(context, null);
        }
        assertThat(context.ended).as("the step waits for racer 3").isNull();
        context.invokerOf("auth-racer-3").callbacks.get(0).onSuccess(context, null);

        // bodies that ran no worker (this test's) end "completed"; the race ends "raced", for mergeWave to judge
        assertThat(context.ended).isInstanceOf(Map.class);
        @SuppressWarnings("unchecked")
        Map<String, String> outcomes = (Map<String, String>) context.ended;
        assertThat(outcomes).containsEntry("auth", "raced").containsEntry("docs", "completed")
                .containsEntry("auth-racer-3", "completed").hasSize(5);
    }

    @Test
    void theRacesRememberWhichBodyIsTheLastOfEachRace() throws Exception {
        WorkstreamBodies.Races races = new WorkstreamBodies.Races(bodiesOfWave(RACED, 2, 4));

        assertThat(races.ended("docs")).isNull();
        assertThat(races.ended("auth-racer-3")).isNull();
        assertThat(races.ended("auth-racer-1")).isNull();
        assertThat(races.ended("auth-racer-2")).isEqualTo("auth");
        assertThat(races.ended("auth-racer-2")).as("a body ends once").isNull();
    }

    @Test
    void claudeWorkerInARacersBodyRunsThatRacerOfTheBodysWorkstream() throws Exception {
        EnvVars env = new EnvVars();
        env.put("PWT_WORKSTREAM", "auth");
        env.put("PWT_RACER", "2");
        env.put("PWT_PLAN", "specs/plan.yaml");

        assertThat(ClaudeWorkerStep.Execution.racerOf(env, null, "specs/plan.yaml")).isEqualTo(2);
        assertThat(ClaudeWorkerStep.Execution.racerOf(env, "auth", "specs/plan.yaml")).isEqualTo(2);
        assertThat(ClaudeWorkerStep.Execution.racerOf(env, "docs", "specs/plan.yaml"))
                .as("a worker for another workstream").isZero();
        assertThat(ClaudeWorkerStep.Execution.racerOf(env, "auth", null)).as("a worker of its own, no plan").isZero();
        assertThat(ClaudeWorkerStep.Execution.racerOf(new EnvVars(), null, "specs/plan.yaml")).isZero();
        env.put("PWT_RACER", "two");
        assertThatThrownBy(() -> ClaudeWorkerStep.Execution.racerOf(env, null, "specs/plan.yaml"))
                .isInstanceOf(AbortException.class).hasMessageContaining("PWT_RACER must be the number of a racer");
    }

    @Test
    void aRacedDependencyWhoseRacersRanButWasNotJudgedIsRecordedRaced() {
        ParallelWorktreesAction action = new ParallelWorktreesAction();
        action.put(List.of(WorkstreamRow.of(WorkerRecord.pending("auth-racer-1", "shop/auth-racer-1", 1)
                .withStatus(WorkerStatus.DONE, null), Optional.empty(), false)));

        assertThat(ClaudeWorkerStep.Execution.recordedOutcome(action, "auth")).contains(WorkerSlots.RACED);
        assertThat(ClaudeWorkerStep.Execution.recordedOutcome(action, "docs")).isEmpty();
        action.put(List.of(WorkstreamRow.of(WorkerRecord.pending("auth", "shop/auth", 1)
                .withStatus(WorkerStatus.DONE, "race: racer 1 won"), Optional.empty(), false)));
        assertThat(ClaudeWorkerStep.Execution.recordedOutcome(action, "auth")).as("judged").contains("done");
    }

    /** A step's context that records the bodies it starts and how the step ended; no Jenkins. */
    private static final class BodiesContext extends StepContext {
        private static final long serialVersionUID = 1L;

        final transient List<RecordingInvoker> invokers = new ArrayList<>();
        transient Object ended;

        RecordingInvoker invokerOf(String name) {
            return invokers.stream().filter(i -> name.equals(i.displayName)).findFirst().orElseThrow();
        }

        @Override
        public <T> T get(Class<T> key) {
            return null;
        }

        @Override
        public void onSuccess(Object result) {
            ended = result;
        }

        @Override
        public void onFailure(Throwable t) {
            ended = t;
        }

        @Override
        public BodyInvoker newBodyInvoker() {
            RecordingInvoker invoker = new RecordingInvoker();
            invokers.add(invoker);
            return invoker;
        }

        // the other abstract members of the real StepContext (workflow-step-api StepContext.java:88, 96, 105)
        public boolean isReady() {
            return true;
        }

        public ListenableFuture<Void> saveState() {
            return Futures.immediateVoidFuture();
        }

        public void setResult(Result r) {
            throw new AssertionError("the step set the build's result to " + r);
        }

        @Override
        public boolean equals(Object o) {
            return o == this;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }

    /** Records what a body was given; started, it runs nothing. */
    private static final class RecordingInvoker extends BodyInvoker {
        final List<Object> contexts = new ArrayList<>();
        final List<BodyExecutionCallback> callbacks = new ArrayList<>();
        String displayName;
        boolean started;

        @Override
        public BodyInvoker withContexts(Object... overrides) {
            contexts.addAll(Arrays.asList(overrides));
            return this;
        }

        // the real BodyInvoker's abstract member (workflow-step-api BodyInvoker.java:63)
        public BodyInvoker withContext(Object override) {
            contexts.add(override);
            return this;
        }

        @Override
        public BodyInvoker withDisplayName(String name) {
            displayName = name;
            return this;
        }

        @Override
        public BodyInvoker withCallback(BodyExecutionCallback callback) {
            callbacks.add(callback);
            return this;
        }

        @Override
        public BodyExecution start() {
            started = true;
            return new IdleBody();
        }
    }

    /** A body that never runs. */
    private static final class IdleBody extends BodyExecution {
        private static final long serialVersionUID = 1L;

        // the real BodyExecution's abstract member (workflow-step-api BodyExecution.java:51)
        public Collection<StepExecution> getCurrentExecutions() {
            return List.of();
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return false;
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean isDone() {
            return false;
        }

        @Override
        public Object get() {
            return null;
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            return null;
        }
    }
}
