package io.github.parallelworktrees.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code repair: {attempts: N}} at plan and wave level: how often a left-out branch goes back to its worker. */
class RepairPlanTest {

    private static final Path YAML = Path.of("specs/plan.yaml");
    private static final String WORKSTREAMS = """
            worker: {type: command, run: 'true'}
            workstreams:
              - {name: a, prompt: x}
              - {name: b, prompt: x, dependsOn: [a]}
            """;

    private static Plan parse(String text) {
        return PlanParser.parse(YAML, text);
    }

    @Test
    void withoutRepairNoBranchIsRepaired() {
        Plan plan = parse(WORKSTREAMS);

        assertThat(plan.waves()).extracting(Wave::repairAttempts).containsExactly(0, 0);
        assertThat(plan.repairAttempts(plan.workstream("b").orElseThrow())).isZero();
    }

    @Test
    void thePlansAttemptsApplyToEveryWaveAndAWavesOwnOverrideThem() {
        Plan plan = parse("repair: {attempts: 2}\nwaves: [{wave: 2, repair: {attempts: 0}}]\n" + WORKSTREAMS);

        assertThat(plan.repairAttempts(plan.workstream("a").orElseThrow())).isEqualTo(2);
        assertThat(plan.repairAttempts(plan.workstream("b").orElseThrow())).isZero();
    }

    @Test
    void aWaveMayTurnRepairOnAlone() {
        Plan plan = parse("waves: [{wave: 1, repair: {attempts: 3}}]\n" + WORKSTREAMS);

        assertThat(plan.waves()).extracting(Wave::repairAttempts).containsExactly(3, 0);
    }

    @Test
    void negativeAttemptsAreRefusedWithTheirLine() {
        assertThatThrownBy(() -> parse(WORKSTREAMS + "repair: {attempts: -1}\n"))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("specs/plan.yaml:5: repair attempts must be 0 or more, got -1");
    }

    @Test
    void attemptsThatAreNoWholeNumberAreRefused() {
        assertThatThrownBy(() -> parse("waves: [{wave: 1, repair: {attempts: twice}}]\n" + WORKSTREAMS))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("specs/plan.yaml:1: ")
                .hasMessageContaining("must be a whole number, got 'twice'");
    }

    @Test
    void anUnknownKeyUnderRepairIsNamedWithTheKnownOnes() {
        assertThatThrownBy(() -> parse("repair: {atempts: 2}\n" + WORKSTREAMS))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("specs/plan.yaml:1: unknown key 'atempts'")
                .hasMessageContaining("did you mean 'attempts'")
                .hasMessageContaining("known keys: attempts");
    }

    @Test
    void repairWithoutAttemptsSaysWhatItNeeds() {
        assertThatThrownBy(() -> parse("repair: {}\n" + WORKSTREAMS))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("specs/plan.yaml:1: repair needs 'attempts'");
    }
}
