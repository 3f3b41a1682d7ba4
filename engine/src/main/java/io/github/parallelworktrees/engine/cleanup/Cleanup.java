package io.github.parallelworktrees.engine.cleanup;

import io.github.parallelworktrees.engine.brief.TasksFile;
import io.github.parallelworktrees.engine.git.Committer;
import io.github.parallelworktrees.engine.git.Git;
import io.github.parallelworktrees.engine.git.Worktrees;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.plan.Workstream;
import io.github.parallelworktrees.engine.run.Repository;
import io.github.parallelworktrees.engine.ledger.RunLayout;
import io.github.parallelworktrees.engine.ledger.RunLock;
import io.github.parallelworktrees.engine.ledger.RunState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Removes a feature's worktrees without losing work. A worktree goes only when its branch is merged into the
 * integration branch or archived as a git bundle; uncommitted changes or unmerged commits make it stay,
 * with the reason, unless {@code archive} first commits and bundles them. Branches are never deleted.
 */
public final class Cleanup {

    /** What happened to one workstream's worktree. */
    public enum Action { REMOVED, ARCHIVED_AND_REMOVED, KEPT, ABSENT }

    /** One workstream's result. */
    public record Outcome(String workstream, Action action, String reason) {
    }

    private final Plan plan;
    private final RunLayout layout;
    private final Git repo;

    public Cleanup(Plan plan, Path repository) {
        this.plan = plan;
        this.layout = new RunLayout(repository, plan.feature());
        this.repo = Git.in(repository);
    }

    /**
     * Cleans up every workstream's worktree.
     *
     * @param archive bundle unmerged branches (committing uncommitted changes first) so their worktrees can go
     */
    public List<Outcome> run(boolean archive) {
        try (RunLock lock = RunLock.acquire(layout)) {
            // without an integration branch yet, work counts as merged only once the base branch has it
            String target = repo.branchExists(plan.integration()) ? plan.integration()
                    : RunState.load(layout).map(s -> s.info().base())
                            .orElseGet(() -> plan.base().orElseGet(() -> Repository.defaultBase(repo)));
            List<Outcome> outcomes = new ArrayList<>();
            for (Workstream ws : plan.workstreams()) {
                outcomes.add(clean(ws, target, archive));
            }
            cleanIntegrationWorktree().ifPresent(outcomes::add);
            if (outcomes.stream().noneMatch(o -> o.action() == Action.KEPT)) {
                retireRunState();
            }
            return outcomes;
        }
    }

    private Outcome clean(Workstream ws, String target, boolean archive) {
        Path worktree = layout.worktree(ws.name());
        String branch = plan.branchOf(ws);
        Worktrees worktrees = new Worktrees(repo);
        if (worktrees.at(worktree).isEmpty()) {
            return new Outcome(ws.name(), Action.ABSENT, "no worktree");
        }
        Git wt = Git.in(worktree);
        String held = wt.run("rev-parse", "--abbrev-ref", "HEAD");
        if (!held.equals(branch)) {
            return new Outcome(ws.name(), Action.KEPT, "its worktree is on '" + held + "', not on " + branch
                    + "; someone switched it: check it by hand");
        }
        List<String> dirty = Committer.uncommitted(wt);
        if (!dirty.isEmpty() && !archive) {
            return new Outcome(ws.name(), Action.KEPT, dirty.size() + " uncommitted change(s) ("
                    + String.join(", ", dirty.subList(0, Math.min(3, dirty.size()))) + (dirty.size() > 3 ? ", ..." : "")
                    + "); commit them, or pass --archive to commit and bundle them");
        }
        if (!dirty.isEmpty()) {
            Committer.commitAll(wt, "pwt(" + ws.name() + "): commit uncommitted changes before archiving");
        }
        String tip = repo.run("rev-parse", "refs/heads/" + branch);
        // the base may be a revision (HEAD~1, a tag), not a branch
        String targetRevision = repo.branchExists(target) ? "refs/heads/" + target : target;
        int unmerged = Integer.parseInt(repo.run("rev-list", "--count", "refs/heads/" + branch, "--not",
                targetRevision));
        boolean archived = archivedAt(ws.name(), branch, tip);
        Action action = Action.REMOVED;
        String reason = unmerged == 0 ? "merged into " + target : "archived in " + bundle(ws.name());
        if (unmerged != 0 && !archived) {
            if (!archive) {
                return new Outcome(ws.name(), Action.KEPT, "branch " + branch + " has " + unmerged
                        + " commit(s) not merged into " + target
                        + "; merge it first, or pass --archive to keep a bundle of it");
            }
            writeBundle(ws.name(), branch);
            action = Action.ARCHIVED_AND_REMOVED;
            reason = "bundled into " + bundle(ws.name()) + " (branch " + branch + " kept)";
        }
        keepUncollectedResults(ws.name(), worktree);
        worktrees.remove(worktree);
        return new Outcome(ws.name(), action, reason);
    }

    /**
     * The integration worktree is pwt's scratch checkout for merge gates: it holds candidates (commits that are
     * recomputed from the branches) and gate outputs, so it goes unless someone changed tracked files in it.
     */
    private Optional<Outcome> cleanIntegrationWorktree() {
        Path tree = layout.root().resolve("integration");
        if (new Worktrees(repo).at(tree).isEmpty()) {
            return Optional.empty();
        }
        String changed = Git.in(tree).run("status", "--porcelain", "--untracked-files=no");
        if (!changed.isEmpty()) {
            return Optional.of(new Outcome("(integration)", Action.KEPT, "the integration worktree " + tree
                    + " has changes to tracked files; commit them elsewhere or discard them"));
        }
        repo.withMetadataLock(() -> repo.run("worktree", "remove", "--force", tree.toString()));
        return Optional.of(new Outcome("(integration)", Action.REMOVED, "pwt's scratch checkout for merge gates"));
    }

    private Path bundle(String workstream) {
        return layout.archiveDir().resolve(workstream + ".bundle");
    }

    /** True when the workstream's bundle holds the branch exactly as it is now. */
    private boolean archivedAt(String workstream, String branch, String tip) {
        Path bundle = bundle(workstream);
        if (!Files.isRegularFile(bundle)) {
            return false;
        }
        return repo.tryRun("bundle", "list-heads", bundle.toString(), "refs/heads/" + branch).stdout()
                .startsWith(tip + " ");
    }

    private void writeBundle(String workstream, String branch) {
        try {
            Files.createDirectories(layout.archiveDir());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path temp = layout.archiveDir().resolve(workstream + ".bundle.tmp");
        repo.run("bundle", "create", temp.toString(), "refs/heads/" + branch);
        repo.run("bundle", "verify", "--quiet", temp.toString());
        try {
            Files.move(temp, bundle(workstream), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the bundle into place: " + bundle(workstream), e);
        }
    }

    /** A RESULTS.md the run never collected would go with the worktree: copy it into the results folder. */
    private void keepUncollectedResults(String workstream, Path worktree) {
        Path results = worktree.resolve(TasksFile.RESULTS);
        Path kept = layout.resultsDir(workstream).resolve(TasksFile.RESULTS);
        try {
            if (Files.isRegularFile(results) && (!Files.exists(kept) || Files.mismatch(results, kept) != -1)) {
                Files.createDirectories(kept.getParent());
                Files.copy(results, kept.resolveSibling("RESULTS.at-cleanup.md"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep " + results + " before removing the worktree", e);
        }
    }

    /**
     * With every worktree gone, the run's state moves to history/ so a new 'pwt run' can start; its results
     * and logs stay there for review.
     */
    private void retireRunState() {
        Optional<RunState> state = RunState.load(layout);
        if (state.isEmpty()) {
            return;
        }
        Instant started = state.get().info().startedAt();
        Path history = layout.root().resolve("history").resolve(
                (started == null ? Instant.now() : started).toString().replace(':', '-'));
        try {
            Files.createDirectories(history);
            for (Path item : List.of(layout.sessionsFile(), layout.runFile(), layout.reportFile(),
                    layout.root().resolve("results"), layout.coordinationFile())) {
                if (Files.exists(item)) {
                    Files.move(item, history.resolve(item.getFileName()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the run's state to " + history, e);
        }
    }
}
