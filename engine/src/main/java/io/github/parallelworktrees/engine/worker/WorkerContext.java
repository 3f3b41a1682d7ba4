package io.github.parallelworktrees.engine.worker;

import io.github.parallelworktrees.engine.plan.Workstream;
import java.nio.file.Path;
import java.util.Map;

/**
 * Everything a worker needs for one attempt at one workstream.
 *
 * @param env the variables added to the worker's environment (plan env, PORT offset, PWT_* names)
 * @param attempt 1 for the first run, more for retries and resumes
 */
public record WorkerContext(
        Workstream workstream,
        String feature,
        String branch,
        Path worktree,
        Path log,
        Map<String, String> env,
        int attempt,
        WorkerListener listener) {
}
