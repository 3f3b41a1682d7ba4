package io.github.parallelworktrees.engine.worker;

import java.io.IOException;

/** Does one workstream's work in its worktree. */
public interface Worker {

    WorkerOutcome run(WorkerContext context) throws IOException, InterruptedException;
}
