package io.github.parallelworktrees.engine.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.parallelworktrees.engine.ledger.RunLayout;
import io.github.parallelworktrees.engine.ledger.WorkerStatus;
import io.github.parallelworktrees.engine.ledger.RunState;
import io.github.parallelworktrees.engine.merge.WaveGate;
import io.github.parallelworktrees.engine.merge.WaveMerger;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.process.Environment;
import io.github.parallelworktrees.engine.run.PlanRunner;
import io.github.parallelworktrees.engine.ledger.RunListener;
import io.github.parallelworktrees.engine.testing.TestRepo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lock files as a killed git leaves them (made by hand, aged past a starting git's), and live git processes. */
class StaleLocksTest {

    private static final List<String> BRANCHES = List.of("feat/a", "feat/b", "feat/integration");

    @TempDir
    Path tmp;

    private TestRepo repo;
    private RunLayout layout;
    private final List<String> said = new ArrayList<>();

    @BeforeEach
    void aFeatureWithTwoWorktrees() {
        repo = TestRepo.create(tmp.resolve("repo"));
        layout = repo.layout("feat");
        Worktrees worktrees = new Worktrees(repo.git());
        worktrees.add(layout.worktree("a"), "feat/a", "main");
        worktrees.add(layout.worktree("b"), "feat/b", "main");
    }

    private List<String> recover() {
        return StaleLocks.recover(repo.git(), layout.repository(), layout.root(), BRANCHES, said::add);
    }

    /** The admin directory git keeps for a linked worktree ({@code .git/worktrees/<id>}). */
    private static Path adminDir(Path worktree) {
        return Path.of(Git.in(worktree, Environment.ofThisProcess()).run("rev-parse", "--absolute-git-dir"));
    }

    /** A lock file as a git killed a minute ago leaves it. */
    private static Path staleLock(Path file) {
        return aged(write(file, ""));
    }

    private static Path aged(Path file) {
        try {
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofMinutes(1))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static Path write(Path file, String text) {
        return TestRepo.writeFile(file, text);
    }

    private boolean commitSucceeds(Path worktree) {
        return Git.in(worktree, Environment.ofThisProcess()).tryRun("commit", "--quiet", "--allow-empty", "-m", "after the kill").succeeded();
    }

    @Test
    void removesTheLocksAKilledGitLeftInAWorktreeAndOnItsBranchSoThatGitWorksThereAgain() {
        Path worktree = layout.worktree("a");
        Path index = staleLock(adminDir(worktree).resolve("index.lock"));
        Path head = staleLock(adminDir(worktree).resolve("HEAD.lock"));
        Path ref = staleLock(repo.git().commonDir().resolve("refs/heads/feat/a.lock"));
        assertThat(commitSucceeds(worktree)).as("the kill's locks block git").isFalse();

        recover();

        assertThat(index).doesNotExist();
        assertThat(head).doesNotExist();
        assertThat(ref).doesNotExist();
        assertThat(said).hasSize(3).allMatch(line -> line.startsWith("removed the stale git lock "));
        assertThat(said).anyMatch(line -> line.contains(".git/worktrees/a/index.lock"))
                .anyMatch(line -> line.contains(".git/refs/heads/feat/a.lock"));
        assertThat(commitSucceeds(worktree)).isTrue();
    }

    @Test
    void leavesTheLocksInPlaceWhileAGitProcessRunsInTheRepository() throws Exception {
        Path index = staleLock(adminDir(layout.worktree("a")).resolve("index.lock"));
        // a live git in another of the repository's worktrees, waiting on its input as a long git command would
        Process git = new ProcessBuilder("git", "cat-file", "--batch").directory(layout.worktree("b").toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            TestRepo.awaitTrue("git is running", Duration.ofSeconds(10),
                    () -> git.toHandle().info().command().isPresent());

            recover();

            assertThat(index).as("its owner may be alive").exists();
            assertThat(said).singleElement().asString().startsWith("left git's lock files in place")
                    .contains("pid " + git.pid() + ": git cat-file --batch");
        } finally {
            git.getOutputStream().close();
            assertThat(git.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
        said.clear();

        recover();

        assertThat(index).as("no git is left to own it").doesNotExist();
    }

    @Test
    void leavesALockTooYoungToJudge() {
        Path index = write(adminDir(layout.worktree("a")).resolve("index.lock"), "");

        recover();

        assertThat(index).exists();
        assertThat(said).singleElement().asString().contains("only").contains("ms old");
    }

    @Test
    void touchesNoLockOutsideTheFeaturesWorktreesAndBranches() {
        Path elsewhere = tmp.resolve("elsewhere");
        new Worktrees(repo.git()).add(elsewhere, "other", "main");
        Path mainIndex = staleLock(repo.git().commonDir().resolve("index.lock"));
        Path otherWorktree = staleLock(adminDir(elsewhere).resolve("index.lock"));
        Path otherBranch = staleLock(repo.git().commonDir().resolve("refs/heads/other.lock"));

        recover();

        assertThat(mainIndex).exists();
        assertThat(otherWorktree).exists();
        assertThat(otherBranch).exists();
        assertThat(said).isEmpty();
    }

    @Test
    void unlocksAnInterruptedWorktreeAddWhoseCheckoutIsComplete() {
        Path integration = layout.root().resolve("integration");
        repo.git().run("worktree", "add", "--detach", integration.toString(), "main");
        aged(write(adminDir(integration).resolve("locked"), "initializing\n"));

        recover();

        assertThat(new Worktrees(repo.git()).at(integration)).hasValueSatisfying(e -> assertThat(e.locked()).isFalse());
        assertThat(integration.resolve("README.md")).exists();
        assertThat(said).singleElement().asString().startsWith("unlocked the worktree .worktrees/feat/integration");
    }

    @Test
    void removesAHalfMadeWorktreeHoldingOnlyCopiesOfItsCommitsFiles() {
        Path integration = layout.root().resolve("integration");
        repo.git().run("worktree", "add", "--no-checkout", "--detach", integration.toString(), "main");
        aged(write(adminDir(integration).resolve("locked"), "initializing\n"));
        // the checkout was killed after writing one file and before writing the index
        write(integration.resolve("README.md"), "# test project\n");

        recover();

        assertThat(new Worktrees(repo.git()).at(integration)).isEmpty();
        assertThat(integration).doesNotExist();
        assertThat(said).singleElement().asString().startsWith("removed the half-made worktree");
    }

    @Test
    void leavesAHalfMadeWorktreeWithFilesOfItsOwnLockedAndNamesThem() {
        Path integration = layout.root().resolve("integration");
        repo.git().run("worktree", "add", "--no-checkout", "--detach", integration.toString(), "main");
        aged(write(adminDir(integration).resolve("locked"), "initializing\n"));
        write(integration.resolve("notes.txt"), "someone's work\n");

        recover();

        assertThat(new Worktrees(repo.git()).at(integration)).hasValueSatisfying(e -> assertThat(e.locked()).isTrue());
        assertThat(integration.resolve("notes.txt")).exists();
        assertThat(said).singleElement().asString().contains("files of its own (notes.txt)")
                .contains("git worktree unlock");
    }

    @Test
    void aWaveMergesAfterAKillLeftTheIntegrationBranchLocked() throws Exception {
        Plan plan = repo.plan("feat.yaml", """
                worker: {type: command, run: 'true'}
                workstreams: [{name: a, prompt: x}, {name: b, prompt: x}]
                """);
        Git.in(layout.worktree("a"), Environment.ofThisProcess()).run("commit", "--quiet", "--allow-empty", "-m", "a's work");
        Path lock = staleLock(repo.git().commonDir().resolve("refs/heads/feat/integration.lock"));

        new WaveMerger(plan, repo.layout(plan.feature()), RunListener.silent(), Optional.empty())
                .merge(1, Optional.of(List.of("a")), (tree, commit, run) -> WaveGate.Judgement.of(true, "passed", ""));

        assertThat(lock).doesNotExist();
        assertThat(repo.git().isAncestor("feat/a", "feat/integration")).isTrue();
    }

    @Test
    void aResumeRunsAWorkerWhoseWorktreeAKilledGitLeftLocked() throws Exception {
        Path again = tmp.resolve("again");
        Plan plan = repo.plan("feat.yaml", """
                worker: {type: command, run: 'test "$PWT_WORKSTREAM" = a || test -f %s || exit 1; echo w > w.txt && git add w.txt && git commit -qm work && echo "# R" > RESULTS.md'}
                workstreams: [{name: a, prompt: x}, {name: b, prompt: x}]
                """.formatted(again));
        repo.git().run("worktree", "remove", layout.worktree("a").toString());
        repo.git().run("worktree", "remove", layout.worktree("b").toString());
        new PlanRunner(plan, repo.dir(), Environment.ofThisProcess(), Optional.empty(), RunListener.silent()).run();
        staleLock(adminDir(layout.worktree("b")).resolve("index.lock"));
        write(again, "");

        new PlanRunner(plan, repo.dir(), Environment.ofThisProcess(), Optional.empty(), RunListener.silent()).resume();

        assertThat(RunState.load(layout).orElseThrow().worker("b").status()).isEqualTo(WorkerStatus.DONE);
        assertThat(repo.subjects("main", "feat/b")).containsExactly("work");
    }
}
