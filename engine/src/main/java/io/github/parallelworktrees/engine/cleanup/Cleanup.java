package io.github.parallelworktrees.engine.cleanup;

import io.github.parallelworktrees.engine.brief.TasksFile;
import io.github.parallelworktrees.engine.git.Committer;
import io.github.parallelworktrees.engine.git.Git;
import io.github.parallelworktrees.engine.git.StaleLocks;
import io.github.parallelworktrees.engine.git.Worktrees;
import io.github.parallelworktrees.engine.ledger.RunLayout;
import io.github.parallelworktrees.engine.ledger.RunLock;
import io.github.parallelworktrees.engine.ledger.Event;
import io.github.parallelworktrees.engine.ledger.Ledger;
import io.github.parallelworktrees.engine.ledger.RunState;
import io.github.parallelworktrees.engine.ledger.WorkerRecord;
import io.github.parallelworktrees.engine.plan.Bases;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.plan.Workstream;
import io.github.parallelworktrees.engine.process.Environment;
import io.github.parallelworktrees.engine.process.ProcessResult;
import io.github.parallelworktrees.engine.workspace.DotEnv;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Removes a feature's worktrees without losing work. A worktree goes only when its branch is merged into the
 * integration branch or archived as a git bundle, nothing still works in it, and it holds nothing that no commit
 * keeps; otherwise it stays, with the reason, unless {@code archive} first commits and bundles the branch and
 * copies the rest beside the bundle. Branches are never deleted. Every worktree is reported, each git refusal
 * too; stale git locks a kill left behind are cleared first.
 */
public final class Cleanup {

    /** What happened to one workstream's worktree. */
    public enum Action { REMOVED, ARCHIVED_AND_REMOVED, KEPT, ABSENT }

    /** One workstream's result. */
    public record Outcome(String workstream, Action action, String reason) {
    }

    private static final String INTEGRATION = "(integration)";

    private final Plan plan;
    private final RunLayout layout;
    private final Git repo;

    /** @param environment the environment git runs with */
    public Cleanup(Plan plan, Path repository, Environment environment) {
        this.plan = plan;
        this.layout = new RunLayout(repository, plan.feature(), environment);
        this.repo = layout.git();
    }

    /** As {@link #run(boolean, Consumer)}, with nothing said beyond the outcomes. */
    public List<Outcome> run(boolean archive) {
        return run(archive, line -> { });
    }

    /**
     * Cleans up every worktree of the feature: each workstream's, the integration worktree, and any other under
     * the feature's folder.
     *
     * @param archive bundle unmerged branches (committing uncommitted changes first) and copy what no commit keeps
     *     into the archive folder, so that their worktrees can go
     * @param say told each stale git lock removed, in one line
     */
    public List<Outcome> run(boolean archive, Consumer<String> say) {
        try (RunLock lock = RunLock.acquire(layout)) {
            StaleLocks.recover(repo, layout.repository(), layout.root(), plan.branches(), say);
            Optional<RunState> state = RunState.load(layout);
            // without an integration branch yet, work counts as merged only once the base branch has it
            String target = repo.branchExists(plan.integration()) ? plan.integration()
                    : state.map(s -> s.info().base())
                            .orElseGet(() -> plan.base().orElseGet(() -> Bases.defaultName(repo)));
            Occupants occupants = new Occupants();
            List<Outcome> outcomes = new ArrayList<>();
            for (Workstream ws : plan.workstreams()) {
                Optional<WorkerRecord> record = state.filter(s -> s.has(ws.name())).map(s -> s.worker(ws.name()));
                Optional<String> base = state.map(s -> s.info().baseCommit());
                outcomes.add(clean(ws, target, base, record, occupants, archive));
                // a racer's worktree is cleaned by the same rules: a loser's branch holds unmerged work, so its
                // worktree stays unless --archive bundles it (the branch itself is never deleted)
                for (Workstream racer : racers(ws)) {
                    Optional<WorkerRecord> racerRecord = state.flatMap(s -> s.racer(ws.name(),
                            racerNumber(ws, racer)));
                    outcomes.add(clean(racer, target, base, racerRecord, occupants, archive));
                }
                // the test-writer's worktree too: its branch goes on only once merged (with the workstream's) into
                // the target, so an unmerged one (a conflict, a workstream kept out) keeps its worktree
                for (Workstream tests : testWriter(ws)) {
                    outcomes.add(clean(tests, target, base, Optional.empty(), occupants, archive));
                }
            }
            outcomes.addAll(cleanIntegrationWorktrees(occupants));
            outcomes.addAll(others());
            boolean retire = outcomes.stream().noneMatch(o -> o.action() == Action.KEPT);
            record(state, outcomes, retire);
            if (retire) {
                retireRunState();
            }
            return outcomes;
        }
    }

    private Outcome clean(Workstream ws, String target, Optional<String> base, Optional<WorkerRecord> record,
            Occupants occupants, boolean archive) {
        Path worktree = layout.worktree(ws.name());
        String branch = plan.branchOf(ws);
        if (new Worktrees(repo).at(worktree).isEmpty()) {
            return new Outcome(ws.name(), Action.ABSENT, "no worktree");
        }
        Optional<String> busy = occupants.of(worktree, record);
        if (busy.isPresent()) {
            return new Outcome(ws.name(), Action.KEPT, busy.get());
        }
        Git wt = repo.at(worktree);
        String held = wt.run("rev-parse", "--abbrev-ref", "HEAD");
        if (!held.equals(branch)) {
            return new Outcome(ws.name(), Action.KEPT, "its worktree is on '" + held + "', not on " + branch
                    + "; someone switched it: check it by hand");
        }
        Leftovers leftovers = Leftovers.in(wt, expectedDotEnv(ws));
        List<String> dirty = Committer.uncommitted(wt).stream().filter(f -> !leftovers.nested().contains(f)).toList();
        if (!archive && (!dirty.isEmpty() || !leftovers.none())) {
            List<String> why = new ArrayList<>();
            if (!dirty.isEmpty()) {
                why.add(dirty.size() + " uncommitted change(s) (" + some(dirty) + ")");
            }
            why.addAll(leftovers.describe());
            return new Outcome(ws.name(), Action.KEPT, String.join("; ", why) + "; "
                    + (leftovers.none() ? "commit them, or pass --archive to commit and bundle them"
                    : "move or commit what you need, or pass --archive to commit changes and copy the rest into "
                    + shown(archiveOf(ws.name())) + "/"));
        }
        if (!dirty.isEmpty()) {
            Committer.commitAll(wt, "pwt(" + ws.name() + "): commit uncommitted changes before archiving",
                    leftovers.nested());
        }
        String tip = repo.run("rev-parse", "refs/heads/" + branch);
        // the base may be a revision (HEAD~1, a tag), not a branch
        int unmerged = count(branch, repo.branchExists(target) ? "refs/heads/" + target : target);
        boolean archived = archivedAt(ws.name(), branch, tip);
        Action action = Action.REMOVED;
        String reason = unmerged != 0 ? "archived in " + shown(bundle(ws.name()))
                : base.isPresent() && count(branch, base.get()) == 0 ? nothingOfItsOwn(branch, record)
                : "merged into " + target;
        if (unmerged != 0 && !archived) {
            if (!archive) {
                return new Outcome(ws.name(), Action.KEPT, "branch " + branch + " has " + unmerged
                        + " commit(s) not merged into " + target
                        + "; merge it first, or pass --archive to keep a bundle of it");
            }
            writeBundle(ws.name(), branch);
            action = Action.ARCHIVED_AND_REMOVED;
            reason = "bundled into " + shown(bundle(ws.name())) + " (branch " + branch + " kept)";
        }
        if (!leftovers.none()) {
            Path copies = freshArchiveOf(ws.name());
            leftovers.copyInto(worktree, copies);
            action = Action.ARCHIVED_AND_REMOVED;
            reason += "; " + leftovers.paths().size() + " file(s) no commit keeps copied into " + shown(copies)
                    + "/ (" + some(leftovers.paths()) + ")";
        }
        keepUncollectedResults(ws.name(), worktree);
        Optional<String> refused = remove(worktree, !leftovers.none());
        if (refused.isPresent()) {
            return new Outcome(ws.name(), Action.KEPT, refused.get()
                    + (action == Action.ARCHIVED_AND_REMOVED ? " (" + reason + ")" : ""));
        }
        return new Outcome(ws.name(), action, reason);
    }

    /** Why a branch with no commits beyond the base goes: there is nothing of its own to merge or lose. */
    private static String nothingOfItsOwn(String branch, Optional<WorkerRecord> record) {
        String worker = record.filter(r -> !r.status().isFinal())
                .map(r -> " and its worker never finished (" + r.status().id() + ")").orElse("");
        return "nothing to keep: branch " + branch + " has no commits beyond the base" + worker
                + " (branch kept)";
    }

    /** Commits on {@code branch} that {@code other} does not have. */
    private int count(String branch, String other) {
        return Integer.parseInt(repo.run("rev-list", "--count", "refs/heads/" + branch, "--not", other));
    }

    /** The .env pwt writes into the workstream's worktree, to tell the user's edits from it. */
    private Optional<String> expectedDotEnv(Workstream ws) {
        try {
            return DotEnv.forWorktree(layout.repository(), plan.env(), ws.index());
        } catch (IOException e) {
            return Optional.empty(); // the main .env unreadable: any .env in the worktree is kept
        }
    }

    /**
     * Has git remove the worktree; {@code force} once whatever git would refuse for (untracked files, a nested
     * repository) is archived. Git's refusal (a locked worktree, submodules) is returned, not thrown, so the other
     * worktrees are still cleaned.
     */
    private Optional<String> remove(Path worktree, boolean force) {
        List<String> args = new ArrayList<>(List.of("worktree", "remove"));
        if (force) {
            args.add("--force");
        }
        args.add(worktree.toString());
        ProcessResult result = repo.withMetadataLock(() -> repo.tryRun(args.toArray(String[]::new)));
        if (result.succeeded()) {
            return Optional.empty();
        }
        String why = result.stderr().strip().lines().map(l -> l.replaceFirst("^fatal: ", "")).findFirst()
                .orElse("exit " + result.exitCode());
        return Optional.of("git refused to remove it: " + why);
    }

    /**
     * The integration worktrees are pwt's scratch checkouts for merge gates (one a gate slot): they hold candidates
     * (commits that are recomputed from the branches) and gate outputs, so they go unless someone changed tracked
     * files in them.
     */
    private List<Outcome> cleanIntegrationWorktrees(Occupants occupants) {
        List<Outcome> outcomes = new ArrayList<>();
        for (Worktrees.Entry entry : new Worktrees(repo).list()) {
            if (layout.isIntegrationTree(entry.path())) {
                outcomes.add(cleanIntegrationWorktree(entry.path(), occupants));
            }
        }
        return outcomes;
    }

    private Outcome cleanIntegrationWorktree(Path tree, Occupants occupants) {
        String name = Worktrees.samePath(tree, layout.integrationTree(0)) ? INTEGRATION
                : "(" + tree.getParent().getFileName() + "/" + tree.getFileName() + ")";
        Optional<String> busy = occupants.of(tree, Optional.empty());
        if (busy.isPresent()) {
            return new Outcome(name, Action.KEPT, busy.get());
        }
        String changed = repo.at(tree).run("status", "--porcelain", "--untracked-files=no");
        if (!changed.isEmpty()) {
            return new Outcome(name, Action.KEPT, "the integration worktree " + tree
                    + " has changes to tracked files; commit them elsewhere or discard them");
        }
        return remove(tree, true).map(refused -> new Outcome(name, Action.KEPT, refused))
                .orElseGet(() -> new Outcome(name, Action.REMOVED, "pwt's scratch checkout for merge gates"));
    }

    /**
     * Worktrees under the feature's folder that are neither a workstream's nor the integration worktree (a
     * conflict resolver's kept for a look, a workstream no longer in the plan): listed, never removed.
     */
    private List<Outcome> others() {
        Set<Path> known = new HashSet<>();
        plan.workstreams().forEach(ws -> known.add(layout.worktree(ws.name())));
        plan.workstreams().forEach(ws -> racers(ws).forEach(r -> known.add(layout.worktree(r.name()))));
        plan.workstreams().forEach(ws -> testWriter(ws).forEach(t -> known.add(layout.worktree(t.name()))));
        List<Outcome> others = new ArrayList<>();
        for (Worktrees.Entry entry : new Worktrees(repo).list()) {
            Path path = entry.path().toAbsolutePath().normalize();
            if (path.startsWith(layout.root()) && !layout.isIntegrationTree(path)
                    && known.stream().noneMatch(k -> Worktrees.samePath(k, path))) {
                others.add(new Outcome(layout.root().relativize(path).toString(), Action.KEPT, "not a worktree of"
                        + " this plan's workstreams; look at it, then remove it with 'git worktree remove " + path
                        + "' if nothing in it is needed"));
            }
        }
        return others;
    }

    /** The racers of a raced workstream, each as the workstream it works (named for the racer, on its branch). */
    private static List<Workstream> racers(Workstream ws) {
        return ws.race().map(race -> race.racers().stream().map(r -> new Workstream(
                io.github.parallelworktrees.engine.plan.RaceSpec.racerName(ws.name(), r.number()), ws.index(),
                ws.prompt(), ws.tasksFile(), ws.files(), ws.dependsOn(), ws.wave(), r.worker())).toList())
                .orElse(List.of());
    }

    /** The test-writer of a workstream whose review writes tests, as the workstream it works (on its branch). */
    private List<Workstream> testWriter(Workstream ws) {
        return plan.review(ws).filter(io.github.parallelworktrees.engine.plan.Review::tests).map(r -> List.of(
                new Workstream(io.github.parallelworktrees.engine.plan.Review.testsName(ws.name()), ws.index(),
                        ws.prompt(), ws.tasksFile(), List.of(), List.of(), ws.wave(), r.worker()))).orElse(List.of());
    }

    private static int racerNumber(Workstream ws, Workstream racer) {
        return Integer.parseInt(racer.name().substring(ws.name().length() + "-racer-".length()));
    }

    private Path archiveOf(String workstream) {
        return layout.archiveDir().resolve(workstream);
    }

    /** The workstream's archive folder, or, when an earlier cleanup filled that, one named for now beside it. */
    private Path freshArchiveOf(String workstream) {
        Path folder = archiveOf(workstream);
        if (!Files.exists(folder)) {
            return folder;
        }
        return folder.resolveSibling(workstream + "." + Instant.now().toString().replace(':', '-'));
    }

    /** A path as the user knows it: relative to the repository. */
    private String shown(Path path) {
        return layout.repository().relativize(path.toAbsolutePath().normalize()).toString();
    }

    private static String some(List<String> items) {
        return String.join(", ", items.subList(0, Math.min(3, items.size()))) + (items.size() > 3 ? ", ..." : "");
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
    /** The cleanup goes into the ledger, before the files say it happened. */
    private void record(Optional<RunState> state, List<Outcome> outcomes, boolean retire) {
        List<String> removed = outcomes.stream().filter(o -> o.action() == Action.REMOVED
                || o.action() == Action.ARCHIVED_AND_REMOVED).map(Outcome::workstream).toList();
        List<String> kept = outcomes.stream().filter(o -> o.action() == Action.KEPT).map(Outcome::workstream)
                .toList();
        if (removed.isEmpty() && kept.isEmpty() && !retire) {
            return;
        }
        Event.CleanedUp event = new Event.CleanedUp(Instant.now(), removed, kept, retire);
        if (state.isPresent()) {
            state.get().record(event);
        } else if (Ledger.of(layout).exists()) {
            Ledger.of(layout).append(event);
        }
    }

    private void retireRunState() {
        Optional<RunState> state = RunState.load(layout);
        if (state.isEmpty()) {
            return;
        }
        Instant started = state.get().info().startedAt();
        String name = (started == null ? Instant.now() : started).toString().replace(':', '-');
        Path history = layout.root().resolve("history").resolve(name);
        // a run cleaned up, resumed and cleaned up again keeps both folders
        for (int n = 2; Files.exists(history); n++) {
            history = layout.root().resolve("history").resolve(name + "-" + n);
        }
        try {
            Files.createDirectories(history);
            // the ledger goes with the run it records: a new run of the feature starts a new one
            for (Path item : List.of(Ledger.of(layout).file(), layout.sessionsFile(), layout.runFile(),
                    layout.reportFile(), layout.root().resolve("results"), layout.root().resolve("merges"),
                    layout.coordinationFile())) {
                if (Files.exists(item)) {
                    Files.move(item, history.resolve(item.getFileName()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the run's state to " + history, e);
        }
    }
}
