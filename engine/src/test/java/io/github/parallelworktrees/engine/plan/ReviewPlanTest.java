package io.github.parallelworktrees.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.parallelworktrees.engine.gate.Criticality;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code review:} on the plan, a wave or a workstream: its keys, which level wins, what is refused and where. */
class ReviewPlanTest {

    private static final Path YAML = Path.of("specs/plan.yaml");

    private static Plan parse(String text) {
        return PlanParser.parse(YAML, text);
    }

    private static Review review(Plan plan, String ws) {
        return plan.review(plan.workstream(ws).orElseThrow()).orElseThrow();
    }

    @Test
    void withoutReviewNoWorkstreamIsReviewed() {
        Plan plan = parse("worker: {type: command, run: 'true'}\nworkstreams: [{name: a, prompt: x}]\n");

        assertThat(plan.review(plan.workstream("a").orElseThrow())).isEmpty();
    }

    @Test
    void thePlansReviewHasItsKeysAndDefaults() {
        Plan plan = parse("""
                worker: {type: claude, model: sonnet, claudePath: /opt/claude, rehearsal: worker.yaml, budgetUsd: 5}
                review:
                  worker: {model: opus, budgetUsd: 0.5}
                  focus: [security, tests]
                  criticality: unstable
                  tests: false
                workstreams: [{name: a, prompt: x}]
                """);

        Review r = review(plan, "a");
        assertThat(r.focus()).containsExactly(Review.Focus.SECURITY, Review.Focus.TESTS);
        assertThat(r.criticality()).isEqualTo(Criticality.UNSTABLE);
        assertThat(r.worker().type()).isEqualTo(WorkerType.CLAUDE);
        assertThat(r.worker().model()).isEqualTo("opus");
        assertThat(r.worker().budgetUsd()).contains(0.5);
        // the plan's worker settings are inherited, but not the worker's own script
        assertThat(r.worker().claudePath()).isEqualTo("/opt/claude");
        assertThat(r.worker().rehearsal()).isEmpty();
        // a review that names no criticality gates: FAILURE; no focus: every area
        Review defaults = review(parse("review: {}\nworkstreams: [{name: a, prompt: x}]\n"), "a");
        assertThat(defaults.criticality()).isEqualTo(Criticality.FAILURE);
        assertThat(defaults.focus()).containsExactly(Review.Focus.values());
    }

    @Test
    void theMostSpecificLevelWinsKeyByKey() {
        Plan plan = parse("""
                review: {focus: [style], criticality: NOTE, worker: {type: command, run: plan-reviewer}}
                waves: [{wave: 2, review: {criticality: FAILURE, worker: {run: wave-reviewer}}}]
                worker: {type: command, run: 'true'}
                workstreams:
                  - {name: a, prompt: x}
                  - {name: b, prompt: x, dependsOn: [a]}
                  - {name: c, prompt: x, dependsOn: [a], review: {focus: [security], worker: {run: own-reviewer}}}
                """);

        assertThat(review(plan, "a").criticality()).isEqualTo(Criticality.NOTE);
        assertThat(review(plan, "a").worker().run()).contains("plan-reviewer");
        assertThat(review(plan, "b").criticality()).isEqualTo(Criticality.FAILURE);
        assertThat(review(plan, "b").focus()).containsExactly(Review.Focus.STYLE);
        assertThat(review(plan, "b").worker().run()).contains("wave-reviewer");
        assertThat(review(plan, "c").criticality()).isEqualTo(Criticality.FAILURE);
        assertThat(review(plan, "c").focus()).containsExactly(Review.Focus.SECURITY);
        assertThat(review(plan, "c").worker().run()).contains("own-reviewer");
        assertThat(review(plan, "c").worker().type()).isEqualTo(WorkerType.COMMAND);
    }

    @Test
    void aWorkstreamMayBeTheOnlyOneReviewed() {
        Plan plan = parse("""
                worker: {type: command, run: 'true'}
                workstreams:
                  - {name: a, prompt: x}
                  - {name: b, prompt: x, review: {worker: {type: command, run: reviewer}}}
                """);

        assertThat(plan.review(plan.workstream("a").orElseThrow())).isEqualTo(Optional.empty());
        assertThat(review(plan, "b").worker().run()).contains("reviewer");
    }

    @Test
    void anUnknownFocusIsRefusedWithItsLineAndASuggestion() {
        assertThatThrownBy(() -> parse("""
                workstreams: [{name: a, prompt: x}]
                review:
                  focus: [tests, secuirty]
                """))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("specs/plan.yaml:3: review focus 'secuirty' is unknown (did you mean"
                        + " 'security'?); use security, performance, tests, style, architecture");
    }

    @Test
    void aCriticalityOutsideNoteUnstableFailureIsRefused() {
        assertThatThrownBy(() -> parse("workstreams: [{name: a, prompt: x, review: {criticality: FAILUER}}]\n"))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("specs/plan.yaml:1: review criticality 'FAILUER' is not one of NOTE, UNSTABLE,"
                        + " FAILURE (did you mean 'FAILURE'?)");
        assertThatThrownBy(() -> parse("workstreams: [{name: a, prompt: x}]\nreview: {criticality: ERROR}\n"))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("ERROR has no meaning for a branch");
    }

    @Test
    void testsTrueAsksForATestWriterOnASiblingBranchAndTheMostSpecificLevelWins() {
        Plan plan = parse("""
                feature: shop
                review: {tests: true}
                workstreams:
                  - {name: a, prompt: x}
                  - {name: b, prompt: x, review: {tests: false}}
                """);

        assertThat(review(plan, "a").tests()).isTrue();
        assertThat(review(plan, "b").tests()).isFalse();
        assertThat(plan.testsBranch(plan.workstream("a").orElseThrow())).isEqualTo("shop/a-tests");
        // the run makes the tests branch: pwt's checks of branches in the way see it
        assertThat(plan.branches()).contains("shop/a-tests").doesNotContain("shop/b-tests");
        assertThat(review(parse("review: {}\nworkstreams: [{name: a, prompt: x}]\n"), "a").tests()).isFalse();
    }

    @Test
    void aWorkstreamNamedLikeATestWritersBranchIsRefusedByTheRuleRacersShare() {
        assertThatThrownBy(() -> parse("""
                review: {tests: true}
                workstreams:
                  - {name: auth, prompt: x}
                  - {name: auth-tests, prompt: y, review: {tests: false}}
                """))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("specs/plan.yaml:4: workstream name 'auth-tests' is the name of the test-writer"
                        + " of workstream 'auth' (its branch and worktree); rename the workstream, or turn off review"
                        + " tests of 'auth'");
        // without tests the name is free
        assertThat(parse("workstreams: [{name: auth, prompt: x}, {name: auth-tests, prompt: y}]\n").workstreams())
                .hasSize(2);
    }

    @Test
    void testsOnARacedWorkstreamAreNotSupportedYet() {
        // the plan's review with tests reaches a raced workstream without them, saying so; its own is refused
        Plan plan = parse("""
                review: {tests: true}
                workstreams:
                  - {name: auth, prompt: x, race: 2}
                  - {name: docs, prompt: x}
                """);
        assertThat(plan.review(plan.workstream("auth").orElseThrow())).hasValueSatisfying(r ->
                assertThat(r.tests()).isFalse());
        assertThat(plan.review(plan.workstream("docs").orElseThrow())).hasValueSatisfying(r ->
                assertThat(r.tests()).isTrue());
        assertThat(plan.warnings()).anyMatch(w -> w.contains("workstream 'auth' races: its racers are reviewed"
                + " without a test-writer") && w.contains("not supported yet"));
        assertThatThrownBy(() -> parse("""
                workstreams:
                  - {name: auth, prompt: x, race: 2, review: {tests: true}}
                """))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("review tests: true on the raced workstream 'auth' is not supported yet");
    }

    @Test
    void aCommandReviewerNeedsItsOwnRunAndUnknownKeysAreNamed() {
        assertThatThrownBy(() -> parse("""
                worker: {type: command, run: worker-script}
                review: {focus: [tests]}
                workstreams: [{name: a, prompt: x}]
                """))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("specs/plan.yaml:2: a reviewer of type 'command' needs 'run' under"
                        + " review.worker");
        assertThatThrownBy(() -> parse("workstreams: [{name: a, prompt: x}]\nreview: {criticallity: NOTE}\n"))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("specs/plan.yaml:2: unknown key 'criticallity' in review (did you mean"
                        + " 'criticality'?)");
    }
    @Test
    void aReviewReachesARacedWorkstreamFromThePlanAWaveOrItsOwn() {
        Plan plan = parse("""
                worker: {type: command, run: 'true'}
                review: {worker: {type: command, run: plan-reviewer}}
                waves: [{wave: 2, review: {criticality: NOTE}}]
                workstreams:
                  - {name: a, prompt: x, race: 2}
                  - {name: b, prompt: x, racers: [{}, {}], wave: 2}
                  - {name: c, prompt: x, race: 2, review: {criticality: UNSTABLE, worker: {run: own-reviewer}}}
                """);
        assertThat(plan.review(plan.workstream("a").orElseThrow())).hasValueSatisfying(r -> {
            assertThat(r.worker().run()).contains("plan-reviewer");
            assertThat(r.criticality()).isEqualTo(Criticality.FAILURE);
        });
        assertThat(plan.review(plan.workstream("b").orElseThrow()).orElseThrow().criticality())
                .isEqualTo(Criticality.NOTE);
        assertThat(plan.review(plan.workstream("c").orElseThrow())).hasValueSatisfying(r -> {
            assertThat(r.worker().run()).contains("own-reviewer");
            assertThat(r.criticality()).isEqualTo(Criticality.UNSTABLE);
        });
        assertThat(plan.warnings()).noneMatch(w -> w.contains("races"));
    }
}
