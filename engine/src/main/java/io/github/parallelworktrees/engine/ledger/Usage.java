package io.github.parallelworktrees.engine.ledger;

import java.util.ArrayList;
import java.util.List;

/**
 * What an agent's attempts cost, summed over attempts.
 *
 * @param permissionDenials tool calls the agent was not allowed to make ("Bash: rm -rf build")
 */
public record Usage(double costUsd, int turns, long inputTokens, long outputTokens, List<String> permissionDenials) {

    public static final Usage NONE = new Usage(0, 0, 0, 0, List.of());

    public Usage {
        permissionDenials = List.copyOf(permissionDenials);
    }

    public Usage plus(Usage other) {
        List<String> denials = new ArrayList<>(permissionDenials);
        denials.addAll(other.permissionDenials);
        return new Usage(costUsd + other.costUsd, turns + other.turns, inputTokens + other.inputTokens,
                outputTokens + other.outputTokens, denials);
    }
}
