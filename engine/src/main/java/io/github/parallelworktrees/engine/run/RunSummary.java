package io.github.parallelworktrees.engine.run;

import io.github.parallelworktrees.engine.ledger.RunInfo;
import io.github.parallelworktrees.engine.ledger.RunLayout;
import io.github.parallelworktrees.engine.ledger.RunView;
import io.github.parallelworktrees.engine.ledger.WaveResult;
import io.github.parallelworktrees.engine.ledger.WorkerRecord;
import io.github.parallelworktrees.engine.ledger.WorkerStatus;
import java.util.List;
import java.util.Set;

/**
 * What a run left, as the ledger and git say it when the run ended.
 *
 * @param merges every merge of the run's waves, each with the rollback that undid it, if one did
 * @param landed the workstreams whose branch the integration branch holds (git's answer, not a record)
 * @param leftOut the workstreams a merge left out that have not landed since, with the reason
 * @param mergeExpected the plan merges by itself (autoMerge): a workstream counts only once it has landed
 */
public record RunSummary(RunLayout layout, RunInfo info, List<WorkerRecord> workers, List<RunView.Merge> merges,
        Set<String> landed, List<WaveResult.LeftOut> leftOut, boolean mergeExpected) {

    public RunSummary {
        workers = List.copyOf(workers);
        merges = List.copyOf(merges);
        landed = Set.copyOf(landed);
        leftOut = List.copyOf(leftOut);
    }

    /** True when every workstream is done and, where the plan merges, on the integration branch as git says. */
    public boolean succeeded() {
        return info.status() != RunInfo.Status.INTERRUPTED
                && workers.stream().allMatch(w -> w.status() == WorkerStatus.DONE)
                && leftOut.isEmpty()
                && (!mergeExpected || workers.stream().allMatch(w -> landed.contains(w.workstream())));
    }

    /** True when a signal stopped the run: {@code pwt resume} continues it. */
    public boolean interrupted() {
        return info.status() == RunInfo.Status.INTERRUPTED;
    }
}
