package io.github.parallelworktrees.engine.gate.report;

import java.util.OptionalDouble;

/** How many items of one metric a report counted as covered and as missed. */
public record Counter(long covered, long missed) {

    public Counter {
        if (covered < 0 || missed < 0) {
            throw new IllegalArgumentException("a coverage counter cannot be negative: covered " + covered
                    + ", missed " + missed);
        }
    }

    /** Covered plus missed. */
    public long total() {
        return Math.addExact(covered, missed);
    }

    /** Covered items as a percentage of the total; empty when there is nothing to cover (0 of 0 is no figure). */
    public OptionalDouble percent() {
        long total = total();
        return total == 0 ? OptionalDouble.empty() : OptionalDouble.of(100.0 * covered / total);
    }

    /** Both counters summed: merging reports adds items, it never averages percentages. */
    public Counter plus(Counter other) {
        return new Counter(Math.addExact(covered, other.covered), Math.addExact(missed, other.missed));
    }
}
