package io.github.parallelworktrees.engine.run;

import io.github.parallelworktrees.engine.state.RunInfo;
import io.github.parallelworktrees.engine.state.RunLayout;
import io.github.parallelworktrees.engine.state.WorkerRecord;
import io.github.parallelworktrees.engine.state.WorkerStatus;
import java.util.List;

/** What a finished run left: its state and where its files are. */
public record RunSummary(RunLayout layout, RunInfo info, List<WorkerRecord> workers) {

    public RunSummary {
        workers = List.copyOf(workers);
    }

    /** True when every workstream is done. */
    public boolean succeeded() {
        return workers.stream().allMatch(w -> w.status() == WorkerStatus.DONE);
    }
}
