package io.github.parallelworktrees.engine.plan;

import java.util.Arrays;
import java.util.Optional;

/**
 * How {@code autoMerge} lands finished work: wave by wave (a wave merges when all its workers have ended, and the
 * next wave starts after it), or as a queue (each finished workstream is merged as soon as it is done, gated by its
 * wave's gate, and a dependent starts as soon as its own dependencies have landed). The queue is the default.
 */
public enum MergeMode {
    WAVES("waves"),
    QUEUE("queue");

    private final String id;

    MergeMode(String id) {
        this.id = id;
    }

    /** The word in the plan ({@code merge: {mode: queue}}). */
    public String id() {
        return id;
    }

    public static Optional<MergeMode> of(String id) {
        return Arrays.stream(values()).filter(m -> m.id.equals(id)).findFirst();
    }
}
