package io.github.parallelworktrees.engine.gate.report;

import java.util.Locale;
import java.util.Optional;

/** A coverage metric, named as JaCoCo names its counters; other formats fill the ones they have. */
public enum Metric {
    LINE, BRANCH, INSTRUCTION, METHOD, CLASS, COMPLEXITY;

    /** The metric named {@code text} in any case ("line", "Branch"), or empty when there is none by that name. */
    public static Optional<Metric> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String name = text.strip().toUpperCase(Locale.ROOT);
        for (Metric metric : values()) {
            if (metric.name().equals(name)) {
                return Optional.of(metric);
            }
        }
        return Optional.empty();
    }
}
