package io.github.parallelworktrees.engine.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.parallelworktrees.engine.merge.WaveResult;
import io.github.parallelworktrees.engine.ledger.RunInfo;
import io.github.parallelworktrees.engine.ledger.RunLayout;
import io.github.parallelworktrees.engine.ledger.WorkerRecord;
import io.github.parallelworktrees.engine.ledger.WorkerStatus;
import java.util.List;

/**
 * What a finished run left: its state, the waves it merged (as run.json records them) and where its files are.
 */
public record RunSummary(RunLayout layout, RunInfo info, List<WorkerRecord> workers, List<JsonNode> merges) {

    public RunSummary {
        workers = List.copyOf(workers);
        merges = List.copyOf(merges);
    }

    /** True when every workstream is done and no merged wave left one out. */
    public boolean succeeded() {
        return workers.stream().allMatch(w -> w.status() == WorkerStatus.DONE) && leftOut().isEmpty();
    }

    /** The workstreams a wave's merge left out, with the reason, in the order the waves ran. */
    public List<WaveResult.LeftOut> leftOut() {
        return leftOut(merges);
    }

    /** The same, read from merges as run.json records them. */
    static List<WaveResult.LeftOut> leftOut(List<JsonNode> merges) {
        List<WaveResult.LeftOut> left = new java.util.ArrayList<>();
        for (JsonNode merge : merges) {
            merge.path("left_out").forEach(l -> left.add(new WaveResult.LeftOut(l.path("workstream").asText(),
                    l.path("reason").asText())));
        }
        return left;
    }
}
