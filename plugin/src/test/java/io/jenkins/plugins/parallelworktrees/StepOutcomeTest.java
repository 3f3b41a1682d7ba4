package io.jenkins.plugins.parallelworktrees;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.github.parallelworktrees.engine.gate.Criticality;
import io.github.parallelworktrees.engine.gate.GateStatus;
import org.junit.jupiter.api.Test;

/** A verdict in Jenkins terms, as plugin-util-api's quality gates set them. */
class StepOutcomeTest {

    @Test
    void aPassedOrInactiveGateChangesNothing() {
        assertThat(StepOutcome.of(GateStatus.PASSED)).isEqualTo(StepOutcome.NONE);
        assertThat(StepOutcome.of(GateStatus.INACTIVE)).isEqualTo(StepOutcome.NONE);
    }

    @Test
    void noteMarksOnlyTheStepUnstable() {
        StepOutcome outcome = StepOutcome.of(Criticality.NOTE.whenFailed());

        assertThat(outcome.stage()).isSameAs(Result.UNSTABLE);
        assertThat(outcome.build()).isNull();
        assertThat(outcome.failStep()).isFalse();
    }

    @Test
    void unstableMarksTheStepAndTheBuildUnstable() {
        StepOutcome outcome = StepOutcome.of(Criticality.UNSTABLE.whenFailed());

        assertThat(outcome.stage()).isSameAs(Result.UNSTABLE);
        assertThat(outcome.build()).isSameAs(Result.UNSTABLE);
        assertThat(outcome.failStep()).isFalse();
    }

    @Test
    void errorMarksTheStepFailedAndLeavesTheBuildAlone() {
        StepOutcome outcome = StepOutcome.of(Criticality.ERROR.whenFailed());

        assertThat(outcome.stage()).isSameAs(Result.FAILURE);
        assertThat(outcome.build()).isNull();
        assertThat(outcome.failStep()).isFalse();
    }

    @Test
    void failureFailsTheStepAndTheBuild() {
        StepOutcome outcome = StepOutcome.of(Criticality.FAILURE.whenFailed());

        assertThat(outcome.stage()).isSameAs(Result.FAILURE);
        assertThat(outcome.build()).isSameAs(Result.FAILURE);
        assertThat(outcome.failStep()).isTrue();
    }
}
