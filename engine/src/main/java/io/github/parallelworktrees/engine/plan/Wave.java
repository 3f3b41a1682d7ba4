package io.github.parallelworktrees.engine.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.parallelworktrees.engine.gate.GateSpec;
import java.util.List;
import java.util.Optional;

/**
 * A merge wave: the workstreams that integrate together, with the gate their merge must pass.
 *
 * @param gate the wave's gate as written in the plan (shown to the workers in TASKS.md)
 * @param gateSpec the same gate, checked and ready to run
 * @param partial land the branches that pass and leave out the culprits, instead of nothing
 * @param repairAttempts how often a branch of this wave that a merge leaves out (a gate culprit, or a conflict no
 *     policy resolves) goes back to its own worker to be fixed: the wave's {@code repair: {attempts: N}}, else the
 *     plan's, else 0 (no repair)
 */
public record Wave(int number, List<String> workstreams, Optional<JsonNode> gate, Optional<GateSpec> gateSpec,
        boolean partial, int repairAttempts) {

    public Wave {
        workstreams = List.copyOf(workstreams);
    }
}
