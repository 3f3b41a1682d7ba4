package io.github.parallelworktrees.engine.gate;

import java.util.Optional;

/**
 * How one gate came out.
 *
 * @param measured what was found ("58.2%", "3 failed", "exit 2"); "n/a" when inactive
 * @param threshold what was required (">= 60.0%", "<= 0")
 * @param reason one line a person reads ("line coverage 58.2% < 60.0%")
 * @param output where a command gate's output was kept
 */
public record GateResult(String gate, Criticality criticality, GateStatus status, String measured,
        String threshold, String reason, Optional<String> output) {
}
