package io.github.parallelworktrees.engine.plan;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How one workstream's worker runs: the plan's worker defaults merged with the workstream's override.
 *
 * @param retries how often a transient API failure (overloaded, rate limited, 5xx) is retried
 * @param retryDelay the first retry's wait; it doubles for each further one
 */
public record WorkerSpec(
        WorkerType type,
        String model,
        Optional<Integer> maxTurns,
        Duration timeout,
        String permissionMode,
        Optional<Double> budgetUsd,
        String claudePath,
        Optional<String> run,
        Optional<String> rehearsal,
        List<String> allowedTools,
        int retries,
        Duration retryDelay) {

    public WorkerSpec {
        allowedTools = List.copyOf(allowedTools);
    }
}
