package io.github.parallelworktrees.engine.plan;

import java.util.List;
import java.util.Optional;

/**
 * One unit of parallel work: its own worktree, branch {@code <feature>/<name>} and worker.
 *
 * @param index position in the plan (0-based); used for the PORT offset and as the scheduling tie-break
 * @param race its racers and score, when several workers race for it ({@code race:} / {@code racers:})
 */
public record Workstream(
        String name,
        int index,
        Optional<String> prompt,
        Optional<String> tasksFile,
        List<String> files,
        List<String> dependsOn,
        int wave,
        WorkerSpec worker,
        Optional<RaceSpec> race) {

    public Workstream {
        files = List.copyOf(files);
        dependsOn = List.copyOf(dependsOn);
    }

    /** A workstream no one races for. */
    public Workstream(String name, int index, Optional<String> prompt, Optional<String> tasksFile,
            List<String> files, List<String> dependsOn, int wave, WorkerSpec worker) {
        this(name, index, prompt, tasksFile, files, dependsOn, wave, worker, Optional.empty());
    }

    /**
     * The workstream as racer {@code racer} works it: the racer's worker, and its own prompt (in place of the
     * workstream's prompt and tasks file) when it has one. Its name stays the workstream's: the racer works it.
     */
    public Workstream asRacer(RaceSpec.Racer racer) {
        return new Workstream(name, index, racer.prompt().or(() -> prompt),
                racer.prompt().isPresent() ? Optional.empty() : tasksFile, files, dependsOn, wave, racer.worker(),
                race);
    }
}
