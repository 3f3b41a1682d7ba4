package io.jenkins.plugins.parallelworktrees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.parallelworktrees.engine.gate.Criticality;
import io.github.parallelworktrees.engine.gate.Gate;
import io.github.parallelworktrees.engine.gate.GateException;
import io.github.parallelworktrees.engine.gate.GateSpec;
import io.github.parallelworktrees.engine.gate.report.Metric;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A qualityGate's gate definitions as the engine's gates. */
class GateDefinitionTest {

    private static GateDefinition gate(String type, double threshold, String criticality) {
        GateDefinition gate = new GateDefinition(type, threshold);
        gate.setCriticality(criticality);
        return gate;
    }

    @Test
    void coverageTypesBecomeMinimumCoverageGatesOfTheirMetric() {
        assertThat(gate("LINE", 60.0, null).toGate(Criticality.UNSTABLE))
                .isEqualTo(new Gate.MinCoverage(Metric.LINE, 60.0, Criticality.UNSTABLE));
        assertThat(gate("branch", 40.0, "NOTE").toGate(Criticality.UNSTABLE))
                .isEqualTo(new Gate.MinCoverage(Metric.BRANCH, 40.0, Criticality.NOTE));
        assertThat(gate("INSTRUCTION", 50.0, null).toGate(Criticality.ERROR))
                .isEqualTo(new Gate.MinCoverage(Metric.INSTRUCTION, 50.0, Criticality.ERROR));
        assertThat(gate("METHOD", 70.0, "failure").toGate(Criticality.UNSTABLE))
                .isEqualTo(new Gate.MinCoverage(Metric.METHOD, 70.0, Criticality.FAILURE));
    }

    @Test
    void testTypesBecomeCountGates() {
        assertThat(gate("FAILED_TESTS", 0, "FAILURE").toGate(Criticality.UNSTABLE))
                .isEqualTo(new Gate.MaxFailures(0, Criticality.FAILURE));
        assertThat(gate("MIN_TESTS", 40, null).toGate(Criticality.UNSTABLE))
                .isEqualTo(new Gate.MinTests(40, Criticality.UNSTABLE));
        assertThat(gate("SKIPPED_TESTS", 3, null).toGate(Criticality.NOTE))
                .isEqualTo(new Gate.MaxSkipped(3, Criticality.NOTE));
    }

    @Test
    void lineDropComparesLineCoverageWithTheBaseline() {
        assertThat(gate("LINE_DROP", 1.0, "UNSTABLE").toGate(Criticality.FAILURE))
                .isEqualTo(new Gate.CoverageDelta(Metric.LINE, 1.0, Criticality.UNSTABLE));
    }

    @Test
    void aPercentageOutsideZeroToHundredIsRefused() {
        assertThatThrownBy(() -> gate("LINE", 160.0, null).toGate(Criticality.UNSTABLE))
                .isInstanceOf(GateException.class).hasMessageContaining("LINE gate's threshold")
                .hasMessageContaining("0 to 100");
        assertThatThrownBy(() -> gate("LINE_DROP", -1.0, null).toGate(Criticality.UNSTABLE))
                .isInstanceOf(GateException.class);
    }

    @Test
    void aCountMustBeAWholeNumberOfZeroOrMore() {
        assertThatThrownBy(() -> gate("FAILED_TESTS", 0.5, null).toGate(Criticality.UNSTABLE))
                .isInstanceOf(GateException.class).hasMessageContaining("whole number");
        assertThatThrownBy(() -> gate("MIN_TESTS", -2, null).toGate(Criticality.UNSTABLE))
                .isInstanceOf(GateException.class).hasMessageContaining("0 or more");
    }

    @Test
    void anUnknownTypeOrCriticalityIsNamedWithTheKnownOnes() {
        assertThatThrownBy(() -> gate("LINES", 60.0, null).toGate(Criticality.UNSTABLE))
                .isInstanceOf(GateException.class).hasMessageContaining("gate type 'LINES' is unknown")
                .hasMessageContaining("did you mean 'LINE'");
        assertThatThrownBy(() -> gate("LINE", 60.0, "WARNING").toGate(Criticality.UNSTABLE))
                .isInstanceOf(GateException.class).hasMessageContaining("criticality 'WARNING' is unknown");
    }

    @Test
    void theStepsGlobsAndGatesMakeTheEngineSpec() {
        GateSpec spec = QualityGateStep.spec("a/*.xml, b/*.xml", "**/jacoco.xml", "base/jacoco.xml", true,
                List.of(gate("LINE", 60.0, null), gate("LINE_DROP", 1.0, "NOTE")), "FAILURE");

        assertThat(spec.junit()).containsExactly("a/*.xml", "b/*.xml");
        assertThat(spec.coverage()).containsExactly("**/jacoco.xml");
        assertThat(spec.baseline()).contains("base/jacoco.xml");
        assertThat(spec.allowEmpty()).isTrue();
        // a JUnit glob means "no failed tests", with the step's criticality, as a plan's wave gate does
        assertThat(spec.gates()).containsExactly(new Gate.MaxFailures(0, Criticality.FAILURE),
                new Gate.MinCoverage(Metric.LINE, 60.0, Criticality.FAILURE),
                new Gate.CoverageDelta(Metric.LINE, 1.0, Criticality.NOTE));
    }

    @Test
    void anExplicitFailedTestsGateReplacesTheImpliedOne() {
        GateSpec spec = QualityGateStep.spec("**/*.xml", null, null, false,
                List.of(gate("FAILED_TESTS", 2, "NOTE")), "UNSTABLE");

        assertThat(spec.gates()).containsExactly(new Gate.MaxFailures(2, Criticality.NOTE));
    }

    @Test
    void aGateThatChecksNothingIsAnInputError() {
        assertThatThrownBy(() -> QualityGateStep.spec(null, null, null, false, List.of(), "UNSTABLE"))
                .isInstanceOf(GateException.class).hasMessageContaining("checks nothing");
        assertThatThrownBy(() -> QualityGateStep.spec(null, null, null, false, List.of(gate("LINE", 60, null)),
                "UNSTABLE")).isInstanceOf(GateException.class).hasMessageContaining("coverage");
    }
}
