package io.github.parallelworktrees.engine.merge;

import io.github.parallelworktrees.engine.brief.TasksFile;
import io.github.parallelworktrees.engine.claude.ClaudeWorker;
import io.github.parallelworktrees.engine.claude.Rehearsals;
import io.github.parallelworktrees.engine.git.Committer;
import io.github.parallelworktrees.engine.git.Git;
import io.github.parallelworktrees.engine.plan.WorkerSpec;
import io.github.parallelworktrees.engine.plan.WorkerType;
import io.github.parallelworktrees.engine.plan.Workstream;
import io.github.parallelworktrees.engine.process.ProcessResult;
import io.github.parallelworktrees.engine.ledger.Json;
import io.github.parallelworktrees.engine.ledger.RunLayout;
import io.github.parallelworktrees.engine.worker.CommandWorker;
import io.github.parallelworktrees.engine.worker.Worker;
import io.github.parallelworktrees.engine.worker.WorkerContext;
import io.github.parallelworktrees.engine.worker.WorkerListener;
import io.github.parallelworktrees.engine.worker.WorkerOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Hands a conflict no merge policy resolves to a worker (the plan's {@code merge.resolver}, usually Claude) in a
 * scratch worktree: the merge is started there with its conflict markers, the worker resolves and commits it,
 * and the merge commit is accepted only when no conflicted path and no marker is left. The wave's gate then
 * judges the result like any other merge.
 */
final class ConflictResolver {

    /** What came of it: the merge commit, or why there is none. */
    record Resolution(Optional<String> commit, String explanation) {
    }

    private final Git git;
    private final RunLayout layout;
    private final WorkerSpec spec;
    private final Rehearsals rehearsals;

    ConflictResolver(Git repository, RunLayout layout, WorkerSpec spec, Rehearsals rehearsals) {
        this.git = repository;
        this.layout = layout;
        this.spec = spec;
        this.rehearsals = rehearsals;
    }

    Resolution resolve(int wave, String into, String branchTip, Workstream ws, List<String> files, String message)
            throws InterruptedException {
        String name = "resolve-" + ws.name();
        Path scratch = layout.root().resolve("merges").resolve("wave-" + wave).resolve(name);
        Path tree = scratch.resolve("worktree");
        try {
            if (Files.exists(tree)) {
                git.withMetadataLock(() -> git.tryRun("worktree", "remove", "--force", tree.toString()));
            }
            Files.createDirectories(scratch);
            git.withMetadataLock(() -> git.run("worktree", "add", "--detach", tree.toString(), into));
            Git wt = git.at(tree);
            Map<String, String> identity = Committer.identity(wt);
            ProcessResult started = wt.tryRun("merge", "--no-ff", "--no-commit", branchTip);
            if (started.succeeded()) {
                return new Resolution(Optional.empty(), "the merge did not conflict in the scratch worktree");
            }
            Files.writeString(tree.resolve(TasksFile.NAME), brief(ws, files));
            Workstream resolverStream = new Workstream(name, ws.index(), Optional.of("Resolve the merge conflicts in "
                    + String.join(", ", files) + " and commit the merge."), Optional.empty(), files, List.of(),
                    wave, spec);
            Worker worker = spec.type() == WorkerType.CLAUDE ? new ClaudeWorker(rehearsals) : new CommandWorker();
            WorkerOutcome outcome = worker.run(new WorkerContext(resolverStream, layout.feature(), "(detached)",
                    tree, layout.repository(), layout.root(), scratch, scratch.resolve("worker.log"),
                    layout.environment().with(Map.of("PWT_CONFLICTS", String.join(" ", files), "PWT_WORKSTREAM",
                            ws.name())), 1,
                    Optional.empty(), new WorkerListener() {
                        @Override
                        public void processStarted(long pid, Instant startedAt) {
                        }
                    }));
            if (!outcome.succeeded()) {
                return new Resolution(Optional.empty(), "the resolver failed: " + outcome.failure().orElse("?")
                        + " (see " + scratch.resolve("worker.log") + ")");
            }
            List<String> unmerged = wt.lines("diff", "--name-only", "--diff-filter=U");
            List<String> marked = markers(wt, files);
            if (!unmerged.isEmpty() || !marked.isEmpty()) {
                List<String> left = new ArrayList<>(unmerged);
                marked.stream().filter(f -> !left.contains(f)).forEach(left::add);
                return new Resolution(Optional.empty(), "the resolver left conflicts in " + String.join(", ", left)
                        + " (its worktree is kept: " + tree + ")");
            }
            if (Files.exists(tree.resolve(".git"))
                    && wt.tryRun("rev-parse", "-q", "--verify", "MERGE_HEAD").succeeded()) {
                wt.run("add", "--all");
                wt.runWithEnv(identity, List.of("commit", "--quiet", "--no-verify", "-m", message));
            }
            String commit = wt.run("rev-parse", "HEAD");
            List<String> parents = List.of(wt.run("rev-list", "--parents", "-n", "1", commit).split(" "));
            if (parents.size() != 3 || !parents.get(1).equals(into) || !parents.get(2).equals(branchTip)) {
                return new Resolution(Optional.empty(), "the resolver's commit " + commit.substring(0, 12)
                        + " is not the merge of the integration and " + ws.name() + " (its worktree is kept: "
                        + tree + ")");
            }
            Json.writeAtomically(scratch.resolve("resolved.txt"), commit + "\n");
            git.withMetadataLock(() -> git.run("worktree", "remove", "--force", tree.toString()));
            return new Resolution(Optional.of(commit), "resolved by the " + spec.type().id() + " resolver");
        } catch (IOException e) {
            return new Resolution(Optional.empty(), "the resolver could not run: " + e.getMessage());
        }
    }

    /** Files among {@code files} that still hold conflict markers. */
    private static List<String> markers(Git wt, List<String> files) {
        List<String> args = new ArrayList<>(List.of("grep", "-l", "-E", "^(<<<<<<< |>>>>>>> |=======$)", "--"));
        args.addAll(files);
        ProcessResult found = wt.tryRun(args.toArray(String[]::new));
        return found.exitCode() == 0 ? found.stdout().lines().filter(l -> !l.isBlank()).toList() : List.of();
    }

    private static String brief(Workstream ws, List<String> files) {
        return "# TASKS: resolve a merge conflict\n\n## Your Mission\n\nThe integration branch and workstream `"
                + ws.name() + "` both changed " + String.join(", ", files.stream().map(f -> "`" + f + "`").toList())
                + ". A merge is in progress in this worktree with conflict markers in those files.\n\n"
                + "## Implementation Checklist\n\n"
                + "- [ ] Read both sides of every conflict and keep the intent of both\n"
                + "- [ ] Remove every conflict marker (<<<<<<<, =======, >>>>>>>)\n"
                + "- [ ] `git add` the resolved files and finish the merge with `git commit --no-edit`\n\n"
                + "## Success Criteria\n\n- No conflicted path and no marker is left; the merge is committed.\n"
                + "- Change nothing else.\n";
    }
}
