package io.github.parallelworktrees.engine.gate;

import io.github.parallelworktrees.engine.gate.report.Coverage;
import io.github.parallelworktrees.engine.gate.report.TestSummary;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of a quality gate run: the overall status (the most severe of the gates'; INACTIVE when no
 * gate had anything to measure) and each gate's result, with the figures they were judged on.
 */
public record Verdict(GateStatus status, List<GateResult> results, Optional<TestSummary> tests,
        Optional<Coverage> coverage, String dir, Instant evaluatedAt) {

    public Verdict {
        results = List.copyOf(results);
    }

    /** The one-line reasons of the gates that were not met. */
    public List<String> failures() {
        return results.stream().filter(r -> r.status().ordinal() > GateStatus.PASSED.ordinal())
                .map(GateResult::reason).toList();
    }
}
