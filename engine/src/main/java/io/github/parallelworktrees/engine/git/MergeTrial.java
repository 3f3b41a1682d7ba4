package io.github.parallelworktrees.engine.git;

import io.github.parallelworktrees.engine.process.ProcessResult;
import java.util.Arrays;
import java.util.List;

/**
 * Whether two commits would merge, found off-tree by {@code git merge-tree --write-tree} (git 2.38+), which touches
 * no worktree, index or ref: the conflict radar asks it of running branches, and {@code pwt sync} before it merges.
 *
 * @param conflicts the files that would conflict (empty when it merges cleanly or git could not tell)
 * @param problem why git could not tell (no merge base, say); empty when it could
 */
public record MergeTrial(boolean conflicting, List<String> conflicts, String problem) {

    public MergeTrial {
        conflicts = List.copyOf(conflicts);
    }

    /** Tries merging {@code other} into {@code one}. */
    public static MergeTrial of(Git git, String one, String other) {
        ProcessResult result = git.tryRun("merge-tree", "--write-tree", "--name-only", "--no-messages", one, other);
        if (result.exitCode() == 1) {
            List<String> lines = Arrays.stream(result.stdout().split("\n")).map(String::strip)
                    .filter(l -> !l.isEmpty()).toList();
            // the first line is the tree git wrote; the rest are the conflicted files
            return new MergeTrial(true, lines.size() > 1 ? lines.subList(1, lines.size()) : List.of(), "");
        }
        return new MergeTrial(false, List.of(), result.succeeded() ? "" : result.stderr().strip());
    }

    /** Git could answer: the merge is clean or conflicting. */
    public boolean known() {
        return conflicting || problem.isEmpty();
    }
}
