package io.jenkins.plugins.parallelworktrees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import hudson.EnvVars;
import io.github.parallelworktrees.engine.plan.WorkerSpec;
import io.github.parallelworktrees.engine.plan.WorkerType;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Optional;
import org.jenkinsci.Symbol;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * Which parameters of parallelWorktrees plan a spec, and which combinations are refused before anything runs; the
 * planner's options as the engine's worker spec.
 */
class PlanFirstTest {

    private static ParallelWorktreesStep step(String plan) {
        return new ParallelWorktreesStep(plan);
    }

    private static ParallelWorktreesStep withSpec(String spec) {
        ParallelWorktreesStep step = step(null);
        step.setSpec(spec);
        return step;
    }

    private static PlannerDefinition command(String run) {
        PlannerDefinition planner = new PlannerDefinition();
        planner.setType("command");
        planner.setRun(run);
        return planner;
    }

    @Test
    void theFormsPlannerTypeDefaultsToTheEmptyValueSoTheSnippetGeneratorLeavesItOut() {
        hudson.util.ListBoxModel items = new PlannerDefinition.DescriptorImpl().doFillTypeItems();

        // the value a new PlannerDefinition has: structs writes a value only when it differs from that
        assertThat(items.get(0).value).isEmpty();
        assertThat(items.get(0).selected).isTrue();
        assertThat(items.get(0).name).contains("claude");
        assertThat(new PlannerDefinition().getType()).isNull();
        PlannerDefinition fromForm = new PlannerDefinition();
        fromForm.setType(items.get(0).value);
        assertThat(fromForm.getType()).as("the default option binds to the default").isNull();
        assertThat(items).extracting(o -> o.value).containsExactly("", "claude", "command");
    }

    @Test
    void withoutASpecNothingIsPlanned() throws Exception {
        assertThat(PlanFirst.of(step("specs/plan.yaml"))).isNull();
    }

    @Test
    void aSpecWithoutABodyIsPlannedThenRun() throws Exception {
        ParallelWorktreesStep step = withSpec("specs/shop.md");
        step.setPlanWorkers(true);

        assertThat(PlanFirst.of(step)).isNotNull();
    }

    @Test
    void neitherAPlanNorASpecIsRefusedNamingBoth() {
        assertThatThrownBy(() -> PlanFirst.of(step(null))).isInstanceOf(AbortException.class)
                .hasMessage("parallelWorktrees needs plan: (the plan file to run), or spec: (a spec to plan first,"
                        + " e.g. parallelWorktrees(spec: 'specs/shop.md'))");
        assertThatThrownBy(() -> PlanFirst.of(step("  "))).hasMessageStartingWith("parallelWorktrees needs plan:");
    }

    @Test
    void plannerOptionsOrPlanOnlyWithoutASpecAreRefused() {
        ParallelWorktreesStep planner = step("specs/plan.yaml");
        planner.setPlanner(command("./plan.sh"));
        ParallelWorktreesStep planOnly = step("specs/plan.yaml");
        planOnly.setPlanOnly(true);

        assertThatThrownBy(() -> PlanFirst.of(planner)).hasMessageStartingWith(
                "parallelWorktrees: planner: needs spec:");
        assertThatThrownBy(() -> PlanFirst.of(planOnly)).hasMessageStartingWith(
                "parallelWorktrees: planOnly: true needs spec:");
    }

    /**
     * The step itself cannot plan before its bodies start: a body reaching it with a spec came past the global
     * variable (steps.parallelWorktrees), which is what plans first.
     */
    @Test
    void aSpecWithABodyReachingTheStepIsRefusedNamingTheWayThatPlansFirst() {
        assertThatThrownBy(() -> PlanFirst.of(withSpec("specs/shop.md"))).isInstanceOf(AbortException.class)
                .hasMessageContaining("spec: with a body is planned by the parallelWorktrees global variable")
                .hasMessageContaining("def plan = parallelWorktrees(spec: 'specs/shop.md', planOnly: true)");
    }

    @Test
    void planOnlyWithRunOptionsIsRefusedNamingThem() {
        ParallelWorktreesStep step = withSpec("specs/shop.md");
        step.setPlanOnly(true);
        step.setMaxParallel(2);
        step.setWave(1);

        assertThatThrownBy(() -> PlanFirst.of(step)).hasMessageContaining("planOnly: true plans and runs nothing,"
                + " so maxParallel, wave would do nothing; remove them");
    }

    @Test
    void theSpecAsThePlanAndBadPlannerOptionsAreRefusedTogether() {
        ParallelWorktreesStep step = step("specs/./shop.md");
        step.setSpec("specs/shop.md");
        step.setPlanOnly(true);
        PlannerDefinition planner = new PlannerDefinition();
        planner.setType("command");
        planner.setModel("opus");
        planner.setAttempts(0);
        step.setPlanner(planner);

        assertThatThrownBy(() -> PlanFirst.of(step)).isInstanceOf(AbortException.class)
                .hasMessageContaining("spec 'specs/shop.md' is also the plan file")
                .hasMessageContaining("planner: [type: 'command'] needs run:")
                .hasMessageContaining("planner model is for a Claude planner")
                .hasMessageContaining("planner attempts: Must be at least 1, got 0");
    }

    @Test
    void aSpecThatLeavesTheWorkspaceIsRefusedBeforeAnythingRuns() {
        ParallelWorktreesStep step = withSpec("../other-job/spec.md");
        step.setPlanOnly(true);

        assertThatThrownBy(() -> PlanFirst.of(step)).hasMessageContaining("spec '../other-job/spec.md' leaves the"
                + " workspace");
    }

    @Test
    void planOnlyOutsideANodeSaysToCallItInANode() {
        ParallelWorktreesStep step = withSpec("specs/shop.md");
        step.setPlanOnly(true);
        FakeStepContext outside = new FakeStepContext().with(EnvVars.class, new EnvVars());

        assertThatThrownBy(() -> step.start(outside)).isInstanceOf(AbortException.class)
                .hasMessageStartingWith("parallelWorktrees(spec: ...) plans in this node's workspace");
    }

    @Test
    void aClaudePlannerTakesTheGlobalModelCliAndBudgetCapWhereItsOptionsSayNothing() {
        WorkerDefaults defaults = new WorkerDefaults("/opt/claude", "opus", 5.0);
        PlannerDefinition planner = new PlannerDefinition();
        planner.setBudgetUsd(8.0);

        WorkerSpec spec = planner.workerSpec(defaults, Optional.of("/ws/specs/planner.rehearsal.yaml"));

        assertThat(spec.type()).isEqualTo(WorkerType.CLAUDE);
        assertThat(spec.model()).isEqualTo("opus");
        assertThat(spec.claudePath()).isEqualTo("/opt/claude");
        assertThat(spec.budgetUsd()).as("the global cap is lower").contains(5.0);
        assertThat(spec.timeout()).isEqualTo(Duration.ofMinutes(PlannerDefinition.DEFAULT_TIMEOUT_MINUTES));
        assertThat(spec.permissionMode()).isEqualTo("acceptEdits");
        assertThat(spec.rehearsal()).contains("/ws/specs/planner.rehearsal.yaml");

        planner.setModel("haiku");
        planner.setTimeoutMinutes(5);
        assertThat(planner.workerSpec(WorkerDefaults.NONE, Optional.empty())).satisfies(s -> {
            assertThat(s.model()).isEqualTo("haiku");
            assertThat(s.claudePath()).isEqualTo("claude");
            assertThat(s.budgetUsd()).contains(8.0);
            assertThat(s.timeout()).isEqualTo(Duration.ofMinutes(5));
        });
    }

    @Test
    void aCommandPlannerRunsItsCommandWithNoBudget() {
        WorkerSpec spec = command("./scripts/plan.sh").workerSpec(new WorkerDefaults(null, null, 5.0),
                Optional.empty());

        assertThat(spec.type()).isEqualTo(WorkerType.COMMAND);
        assertThat(spec.run()).contains("./scripts/plan.sh");
        assertThat(spec.budgetUsd()).isEmpty();
        assertThat(command("x").problems()).isEmpty();
        assertThat(new PlannerDefinition().attemptsOrDefault()).isEqualTo(3);
    }

    /**
     * {@code planner: [type: 'command', run: '...']} is a map: structs' DescribableModel.coerce makes it the
     * parameter's class only when that class is concrete, data-bound, and the map needs no {@code $class}.
     */
    @Test
    void thePlannerParameterIsAConcreteDataBoundClassSoPipelineTakesAPlainMap() throws Exception {
        Class<?> type = ParallelWorktreesStep.class.getMethod("setPlanner", PlannerDefinition.class)
                .getParameterTypes()[0];

        assertThat(Modifier.isAbstract(type.getModifiers())).isFalse();
        assertThat(type.getConstructor().isAnnotationPresent(DataBoundConstructor.class)).isTrue();
        assertThat(PlannerDefinition.DescriptorImpl.class.getAnnotation(Symbol.class)).as("a symbol would make the"
                + " Snippet Generator write planner: planner(...)").isNull();
    }

    @Test
    void anUnknownPlannerTypeIsRefusedWithTheNearestOne() {
        PlannerDefinition planner = new PlannerDefinition();
        planner.setType("comand");

        assertThat(planner.problems()).containsExactly("planner type 'comand' is unknown (did you mean"
                + " 'command'?); use claude (the default) or command");
    }
}
