package io.github.parallelworktrees.engine.plan;

import java.util.List;
import java.util.Optional;

/**
 * One unit of parallel work: its own worktree, branch {@code <feature>/<name>} and worker.
 *
 * @param index position in the plan (0-based); used for the PORT offset and as the scheduling tie-break
 */
public record Workstream(
        String name,
        int index,
        Optional<String> prompt,
        Optional<String> tasksFile,
        List<String> files,
        List<String> dependsOn,
        int wave,
        WorkerSpec worker) {

    public Workstream {
        files = List.copyOf(files);
        dependsOn = List.copyOf(dependsOn);
    }
}
