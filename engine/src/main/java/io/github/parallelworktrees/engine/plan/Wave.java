package io.github.parallelworktrees.engine.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * A merge wave: the workstreams that integrate together, with the gate their merge must pass.
 *
 * @param gate the wave's gate as written in the plan (interpreted by the quality gate, not here)
 * @param partial land the branches that pass and leave out the culprits, instead of nothing
 */
public record Wave(int number, List<String> workstreams, Optional<JsonNode> gate, boolean partial) {

    public Wave {
        workstreams = List.copyOf(workstreams);
    }
}
