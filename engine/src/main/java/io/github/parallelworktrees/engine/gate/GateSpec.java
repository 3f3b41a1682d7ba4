package io.github.parallelworktrees.engine.gate;

import java.util.List;
import java.util.Optional;

/**
 * What to gate on: report globs (relative to the directory the gate runs in), an optional baseline coverage
 * report, and the gates.
 *
 * @param allowEmpty a glob that matches nothing makes its gates INACTIVE instead of an input error
 */
public record GateSpec(List<String> junit, List<String> coverage, Optional<String> baseline, boolean allowEmpty,
        List<Gate> gates) {

    public GateSpec {
        junit = List.copyOf(junit);
        coverage = List.copyOf(coverage);
        gates = List.copyOf(gates);
        for (Gate gate : gates) {
            if ((gate instanceof Gate.MaxFailures || gate instanceof Gate.MinTests
                    || gate instanceof Gate.MaxSkipped) && junit.isEmpty()) {
                throw new GateException("the " + gate.name() + " gate needs test reports: give a JUnit XML glob"
                        + " (--junit / junit:)");
            }
            if ((gate instanceof Gate.MinCoverage || gate instanceof Gate.CoverageDelta) && coverage.isEmpty()) {
                throw new GateException("the " + gate.name() + " gate needs coverage reports: give a JaCoCo,"
                        + " Cobertura or LCOV glob (--coverage / coverage:)");
            }
            if (gate instanceof Gate.CoverageDelta && baseline.isEmpty()) {
                throw new GateException("the " + gate.name() + " gate needs a baseline coverage report"
                        + " (--baseline / baseline:)");
            }
        }
    }
}
