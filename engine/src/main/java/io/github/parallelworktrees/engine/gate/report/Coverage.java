package io.github.parallelworktrees.engine.gate.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The coverage counters of one or more reports, summed; a metric the reports do not have is absent, never zero.
 */
public record Coverage(Map<Metric, Counter> counters, List<Path> files) {

    /** No report read: no counters, no files. */
    public static final Coverage EMPTY = new Coverage(Map.of(), List.of());

    public Coverage {
        EnumMap<Metric, Counter> copy = new EnumMap<>(Metric.class);
        counters.forEach((metric, counter) -> copy.put(Objects.requireNonNull(metric, "metric"),
                Objects.requireNonNull(counter, "counter of " + metric)));
        counters = Collections.unmodifiableMap(copy);
        files = List.copyOf(files);
    }

    /** The counter of {@code metric}, or empty when no report read had that metric. */
    public Optional<Counter> counter(Metric metric) {
        return Optional.ofNullable(counters.get(metric));
    }

    /**
     * Both reports' counters summed metric by metric. A metric only one side has keeps that side's counter: the
     * gate sees the figure that exists rather than a made-up zero for the other side.
     */
    public Coverage plus(Coverage other) {
        EnumMap<Metric, Counter> sum = new EnumMap<>(Metric.class);
        sum.putAll(counters);
        other.counters.forEach((metric, counter) -> sum.merge(metric, counter, Counter::plus));
        List<Path> allFiles = new ArrayList<>(files);
        allFiles.addAll(other.files);
        return new Coverage(sum, allFiles);
    }
}
