package io.github.parallelworktrees.engine.gate;

import io.github.parallelworktrees.engine.gate.report.Metric;

/** One condition an integration must meet, and what happens when it is not met. */
public sealed interface Gate {

    Criticality criticality();

    /** A short name for reports ("line coverage", "tests failed", "command 'npm run lint'"). */
    String name();

    /** No more than {@code max} failed tests (failures plus errors). */
    record MaxFailures(int max, Criticality criticality) implements Gate {
        public String name() {
            return "failed tests";
        }
    }

    /** At least {@code min} tests ran (guards against a test run that silently ran nothing). */
    record MinTests(int min, Criticality criticality) implements Gate {
        public String name() {
            return "tests run";
        }
    }

    /** No more than {@code max} skipped tests. */
    record MaxSkipped(int max, Criticality criticality) implements Gate {
        public String name() {
            return "skipped tests";
        }
    }

    /** Coverage of {@code metric} at least {@code minPercent}. */
    record MinCoverage(Metric metric, double minPercent, Criticality criticality) implements Gate {
        public String name() {
            return metric.name().toLowerCase(java.util.Locale.ROOT) + " coverage";
        }
    }

    /** Coverage of {@code metric} drops by at most {@code maxDrop} points against the baseline report. */
    record CoverageDelta(Metric metric, double maxDrop, Criticality criticality) implements Gate {
        public String name() {
            return metric.name().toLowerCase(java.util.Locale.ROOT) + " coverage change";
        }
    }

    /** A command (type check, lint, benchmark script) that must exit 0. */
    record Command(String command, Criticality criticality) implements Gate {
        public String name() {
            return "command '" + command + "'";
        }
    }
}
