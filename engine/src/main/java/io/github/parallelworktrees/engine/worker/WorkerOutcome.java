package io.github.parallelworktrees.engine.worker;

import java.util.Optional;

/**
 * How a worker's attempt ended, before its results are looked at.
 *
 * @param failure why it failed in one line; empty when the worker says it succeeded
 */
public record WorkerOutcome(int exitCode, boolean timedOut, Optional<String> failure, Optional<Double> costUsd,
        Optional<Integer> turns) {

    public static WorkerOutcome succeeded(int exitCode) {
        return new WorkerOutcome(exitCode, false, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static WorkerOutcome failed(int exitCode, boolean timedOut, String why) {
        return new WorkerOutcome(exitCode, timedOut, Optional.of(why), Optional.empty(), Optional.empty());
    }

    public boolean succeeded() {
        return failure.isEmpty();
    }
}
