package io.github.parallelworktrees.engine.worker;

import io.github.parallelworktrees.engine.plan.Workstream;
import io.github.parallelworktrees.engine.process.Environment;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Everything a worker needs for one attempt at one workstream.
 *
 * @param repository the repository's top level (relative paths in the plan are relative to it)
 * @param runRoot the run's folder ({@code .worktrees/<feature>}), shared by all workstreams
 * @param resultsDir where this workstream's worker.log, result.json and transcript go
 * @param env the worker's whole environment: the caller's, with the plan's env, the PORT offset and the PWT_*
 *     names
 * @param attempt 1 for the first run, more for retries and resumes
 * @param session the agent session an earlier attempt started, to be continued
 * @param repair set when this attempt repairs a branch a merge left out
 */
public record WorkerContext(
        Workstream workstream,
        String feature,
        String branch,
        Path worktree,
        Path repository,
        Path runRoot,
        Path resultsDir,
        Path log,
        Environment env,
        int attempt,
        Optional<String> session,
        WorkerListener listener,
        Optional<RepairRequest> repair) {

    /** An attempt that is no repair. */
    public WorkerContext(Workstream workstream, String feature, String branch, Path worktree, Path repository,
            Path runRoot, Path resultsDir, Path log, Environment env, int attempt, Optional<String> session,
            WorkerListener listener) {
        this(workstream, feature, branch, worktree, repository, runRoot, resultsDir, log, env, attempt, session,
                listener, Optional.empty());
    }
}
