package io.github.parallelworktrees.engine.plan;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** How one workstream's worker runs: the plan's worker defaults merged with the workstream's override. */
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
        List<String> allowedTools) {

    public WorkerSpec {
        allowedTools = List.copyOf(allowedTools);
    }
}
