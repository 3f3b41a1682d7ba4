package io.github.parallelworktrees.engine.sync;

import io.github.parallelworktrees.engine.git.Committer;
import io.github.parallelworktrees.engine.git.Git;
import io.github.parallelworktrees.engine.git.MergeTrial;
import io.github.parallelworktrees.engine.git.GitException;
import io.github.parallelworktrees.engine.ledger.RunLayout;
import io.github.parallelworktrees.engine.ledger.RunView;
import io.github.parallelworktrees.engine.ledger.WorkerRecord;
import io.github.parallelworktrees.engine.ledger.WorkerStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings a newer commit (the base branch as it is now, or the integration branch) into workstreams' worktrees by
 * merge, as the seeds' "sync all worktrees with main" does by hand: only where it merges cleanly (found off-tree
 * first with {@code git merge-tree}, so a conflict never leaves a worktree mid-merge), never into a worktree with
 * uncommitted changes or whose worker is running, and never by rewriting a worker's commits (a merge commit on
 * top, no rebase).
 */
public final class WorktreeSync {

    /** What happened to one workstream's worktree. */
    public record Outcome(String workstream, Kind kind, String detail, List<String> conflicts) {
        public Outcome {
            conflicts = List.copyOf(conflicts);
        }
    }

    /** The kinds of outcome, each a word the command line prints. */
    public enum Kind {
        /** The commit was merged in: a merge commit on top of the branch. */
        MERGED,
        /** The branch already holds the commit. */
        UP_TO_DATE,
        /** It would conflict: nothing was changed; the files are named. */
        WOULD_CONFLICT,
        /** Left alone, and why (running, uncommitted changes, no worktree, done). */
        SKIPPED
    }

    private final RunLayout layout;

    public WorktreeSync(RunLayout layout) {
        this.layout = layout;
    }

    /**
     * Merges {@code source} (a commit) into each of {@code workstreams}' worktrees where it can.
     *
     * @param view the run's records, for each worker's state and branch
     * @param sourceName what {@code source} is, for the merge's message ("main", "f/integration")
     * @param includeDone also the worktrees of done workstreams (whose branches are finished work)
     */
    public List<Outcome> sync(RunView view, List<String> workstreams, String source, String sourceName,
            boolean includeDone) {
        List<Outcome> outcomes = new ArrayList<>();
        for (String name : workstreams) {
            outcomes.add(syncOne(view.workers().get(name), name, source, sourceName, includeDone));
        }
        return outcomes;
    }

    private Outcome syncOne(WorkerRecord r, String name, String source, String sourceName, boolean includeDone) {
        if (r == null) {
            return skipped(name, "not in the run's records");
        }
        if (r.status() == WorkerStatus.RUNNING || r.status() == WorkerStatus.PREPARING) {
            // its agent is editing that checkout: a merge under it would change files it is working on
            return skipped(name, "its worker is " + r.status().id() + "; stop it first ('pwt stop') or sync once it"
                    + " has ended");
        }
        if (r.status() == WorkerStatus.DONE && !includeDone) {
            return skipped(name, "done: its branch is finished work (--include-done merges into it too)");
        }
        Path worktree = layout.worktree(name);
        if (!Files.exists(worktree.resolve(".git"))) {
            return skipped(name, "no worktree yet; it starts from the latest commit when it runs");
        }
        Git wt = layout.git().at(worktree);
        if (wt.tryRun("rev-parse", "-q", "--verify", "MERGE_HEAD").succeeded()) {
            return skipped(name, "its worktree is in the middle of a merge; conclude or abort it first");
        }
        List<String> dirty = Committer.uncommitted(wt);
        if (!dirty.isEmpty()) {
            return skipped(name, "uncommitted changes (" + String.join(", ", dirty.subList(0, Math.min(3,
                    dirty.size()))) + (dirty.size() > 3 ? ", ..." : "") + "); commit them first");
        }
        String head = wt.run("rev-parse", "HEAD");
        if (wt.isAncestor(source, head)) {
            return new Outcome(name, Kind.UP_TO_DATE, "already holds " + sourceName + " (" + abbrev(source) + ")",
                    List.of());
        }
        MergeTrial trial = MergeTrial.of(wt, head, source);
        if (trial.conflicting()) {
            return new Outcome(name, Kind.WOULD_CONFLICT, "merging " + sourceName + " (" + abbrev(source)
                    + ") would conflict; nothing was changed", trial.conflicts());
        }
        if (!trial.known()) {
            return skipped(name, "git could not tell whether " + sourceName + " merges: " + trial.problem());
        }
        try {
            wt.runWithEnv(Committer.identity(wt), List.of("merge", "--no-edit", "-m", "pwt sync: merge " + sourceName
                    + " into " + r.branch(), source));
        } catch (GitException e) {
            // merge-tree said it merges cleanly; a hook or a file in the way may still stop it: undo what it began
            wt.tryRun("merge", "--abort");
            return skipped(name, "git merge failed: " + e.getMessage());
        }
        return new Outcome(name, Kind.MERGED, "merged " + sourceName + " (" + abbrev(source) + "): "
                + abbrev(head) + " -> " + abbrev(wt.run("rev-parse", "HEAD")), List.of());
    }

    private static Outcome skipped(String name, String why) {
        return new Outcome(name, Kind.SKIPPED, why, List.of());
    }

    private static String abbrev(String commit) {
        return commit.length() > 12 ? commit.substring(0, 12) : commit;
    }
}
