package io.github.parallelworktrees.engine.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.parallelworktrees.engine.git.Git;
import io.github.parallelworktrees.engine.git.Worktrees;
import io.github.parallelworktrees.engine.ledger.RunLayout;
import io.github.parallelworktrees.engine.ledger.RunState;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.process.Environment;
import io.github.parallelworktrees.engine.process.ProcessTree;
import io.github.parallelworktrees.engine.run.PlanRunner;
import io.github.parallelworktrees.engine.ledger.RunListener;
import io.github.parallelworktrees.engine.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CleanupTest {

    @TempDir
    Path tmp;

    private TestRepo repo;
    private Plan plan;
    private RunLayout layout;

    @BeforeEach
    void runAPlan() {
        repo = TestRepo.create(tmp.resolve("repo"));
        plan = repo.plan("feat.yaml", """
                worker: {type: command, run: 'echo $PWT_WORKSTREAM > $PWT_WORKSTREAM.txt && git add -A && git commit -qm work && echo "# R" > RESULTS.md'}
                workstreams: [{name: a, prompt: x}, {name: b, prompt: x}]
                """);
        new PlanRunner(plan, repo.dir(), Environment.ofThisProcess(), Optional.empty(), RunListener.silent()).run();
        layout = repo.layout("feat");
    }

    private Process worker;

    @AfterEach
    void stopTheWorker() {
        if (worker != null) {
            worker.destroyForcibly();
        }
    }

    /** Runs {@code yaml} instead, in a repository of its own whose main holds {@code files} (path, then text). */
    private void runInstead(String yaml, String... files) {
        repo = TestRepo.create(tmp.resolve("other"));
        for (int i = 0; i < files.length; i += 2) {
            repo.write(files[i], files[i + 1]);
        }
        repo.commitAll("project");
        plan = repo.plan("feat.yaml", yaml);
        new PlanRunner(plan, repo.dir(), Environment.ofThisProcess(), Optional.empty(), RunListener.silent()).run();
        layout = repo.layout("feat");
    }

    /** Records {@code process} as the workstream's running worker, as a run killed while it ran leaves it. */
    private void recordRunning(String ws, ProcessHandle process) {
        RunState state = RunState.load(layout).orElseThrow();
        state.update(ws, r -> r.started(Instant.now()).withProcess(process.pid(),
                process.info().startInstant().orElseThrow()));
        state.save();
    }

    /** Merges the workstreams' branches into main, so that their worktrees hold nothing unmerged. */
    private void mergeIntoMain(String... workstreams) {
        for (String ws : workstreams) {
            repo.git().run("merge", "--quiet", "--no-ff", "--no-edit", "feat/" + ws);
        }
    }

    private Cleanup.Outcome outcome(List<Cleanup.Outcome> outcomes, String ws) {
        return outcomes.stream().filter(o -> o.workstream().equals(ws)).findFirst().orElseThrow();
    }

    @Test
    void keepsAWorktreeWhoseBranchIsNotMergedAndSaysWhy() {
        List<Cleanup.Outcome> outcomes = new Cleanup(plan, repo.dir(), Environment.ofThisProcess()).run(false);

        assertThat(outcome(outcomes, "a").action()).isEqualTo(Cleanup.Action.KEPT);
        assertThat(outcome(outcomes, "a").reason()).contains("branch feat/a has 1 commit(s) not merged into main")
                .contains("--archive");
        assertThat(layout.worktree("a")).isDirectory();
        assertThat(layout.sessionsFile()).as("the run is not retired while worktrees remain").exists();
    }

    @Test
    void keepsAWorktreeWithUncommittedChangesAndNamesThem() throws Exception {
        repo.git().run("merge", "--quiet", "--no-edit", "feat/a");
        Files.writeString(layout.worktree("a").resolve("wip.txt"), "not committed yet\n");

        List<Cleanup.Outcome> outcomes = new Cleanup(plan, repo.dir(), Environment.ofThisProcess()).run(false);

        assertThat(outcome(outcomes, "a").action()).isEqualTo(Cleanup.Action.KEPT);
        assertThat(outcome(outcomes, "a").reason()).contains("1 uncommitted change(s) (wip.txt)");
        assertThat(layout.worktree("a").resolve("wip.txt")).hasContent("not committed yet");
    }

    @Test
    void removesTheWorktreeOfAMergedBranchAndKeepsTheBranch() {
        repo.git().run("branch", "feat/integration", "main");
        repo.git().run("checkout", "--quiet", "feat/integration");
        repo.git().run("merge", "--quiet", "--no-edit", "feat/a");
        repo.git().run("checkout", "--quiet", "main");

        List<Cleanup.Outcome> outcomes = new Cleanup(plan, repo.dir(), Environment.ofThisProcess()).run(false);

        assertThat(outcome(outcomes, "a").action()).isEqualTo(Cleanup.Action.REMOVED);
        assertThat(outcome(outcomes, "a").reason()).isEqualTo("merged into feat/integration");
        assertThat(layout.worktree("a")).doesNotExist();
        assertThat(repo.git().branchExists("feat/a")).isTrue();
        assertThat(outcome(outcomes, "b").action()).isEqualTo(Cleanup.Action.KEPT);
    }

    @Test
    void archiveCommitsAndBundlesUnmergedWorkBeforeRemovingAndRetiresTheRun() throws Exception {
        Files.writeString(layout.worktree("b").resolve("wip.txt"), "half done\n");

        List<Cleanup.Outcome> outcomes = new Cleanup(plan, repo.dir(), Environment.ofThisProcess()).run(true);

        assertThat(outcomes).extracting(Cleanup.Outcome::action).containsOnly(Cleanup.Action.ARCHIVED_AND_REMOVED);
        assertThat(layout.worktree("b")).doesNotExist();
        assertThat(repo.git().run("show", "feat/b:wip.txt")).isEqualTo("half done");
        Path bundle = layout.archiveDir().resolve("b.bundle");
        assertThat(repo.git().run("bundle", "list-heads", bundle.toString()))
                .isEqualTo(repo.tip("feat/b") + " refs/heads/feat/b");
        assertThat(layout.sessionsFile()).doesNotExist();
        try (var history = Files.list(layout.root().resolve("history"))) {
            Path retired = history.findFirst().orElseThrow();
            assertThat(retired.resolve("run.json")).exists();
            assertThat(retired.resolve("results/a/RESULTS.md")).exists();
        }
    }

    @Test
    void removesTheIntegrationWorktreeOfMergeGatesWithItsGateOutputsButKeepsTheIntegrationBranch() throws Exception {
        new io.github.parallelworktrees.engine.merge.WaveMerger(plan, repo.layout(plan.feature()), RunListener.silent(),
                Optional.empty()).merge(1, Optional.empty(), (tree, commit, run) ->
                io.github.parallelworktrees.engine.merge.WaveGate.Judgement.of(true, "passed", ""));
        Path integration = layout.root().resolve("integration");
        Files.writeString(integration.resolve("gate-output.log"), "build output\n");

        List<Cleanup.Outcome> outcomes = new Cleanup(plan, repo.dir(), Environment.ofThisProcess()).run(false);

        assertThat(outcome(outcomes, "(integration)").action()).isEqualTo(Cleanup.Action.REMOVED);
        assertThat(integration).doesNotExist();
        assertThat(repo.git().branchExists("feat/integration")).isTrue();
        assertThat(outcomes).extracting(Cleanup.Outcome::action).containsOnly(Cleanup.Action.REMOVED);
    }

    @Test
    void aBranchArchivedAsItIsGoesWithoutArchivingAgain() {
        new Cleanup(plan, repo.dir(), Environment.ofThisProcess()).run(true);
        new Worktrees(repo.git()).add(layout.worktree("a"), "feat/a", "main");

        List<Cleanup.Outcome> outcomes = new Cleanup(plan, repo.dir(), Environment.ofThisProcess()).run(false);

        assertThat(outcome(outcomes, "a").action()).isEqualTo(Cleanup.Action.REMOVED);
        assertThat(outcome(outcomes, "a").reason()).startsWith("archived in ");
        assertThat(outcome(outcomes, "b").action()).isEqualTo(Cleanup.Action.ABSENT);
    }

    @Test
    void aBranchThatMovedOnSinceItsBundleIsKept() throws Exception {
        new Cleanup(plan, repo.dir(), Environment.ofThisProcess()).run(true);
        Path worktree = layout.worktree("a");
        new Worktrees(repo.git()).add(worktree, "feat/a", "main");
        Files.writeString(worktree.resolve("more.txt"), "more\n");
        Git.in(worktree, Environment.ofThisProcess()).run("add", "more.txt");
        Git.in(worktree, Environment.ofThisProcess()).run("commit", "-qm", "more work");

        List<Cleanup.Outcome> outcomes = new Cleanup(plan, repo.dir(), Environment.ofThisProcess()).run(false);

        assertThat(outcome(outcomes, "a").action()).isEqualTo(Cleanup.Action.KEPT);
        assertThat(worktree.resolve("more.txt")).exists();
    }

    @Test
    void keepsTheWorktreeOfAWorkerStillRunningAfterItsRunWasKilledAndNamesItsPid() throws Exception {
        runInstead("""
                worker: {type: command, run: 'echo "# R" > RESULTS.md'}
                workstreams: [{name: a, prompt: x}]
                """);
        // the worker lives on (it has not committed yet), in a directory of its own so only its record tells
        worker = new ProcessBuilder(ProcessTree.inOwnGroup(List.of("sleep", "300"))).directory(tmp.toFile()).start();
        recordRunning("a", worker.toHandle());

        List<Cleanup.Outcome> outcomes = new Cleanup(plan, repo.dir(), Environment.ofThisProcess()).run(false);

        assertThat(outcome(outcomes, "a").action()).isEqualTo(Cleanup.Action.KEPT);
        assertThat(outcome(outcomes, "a").reason()).contains("still running").contains("pid " + worker.pid());
        assertThat(layout.worktree("a")).isDirectory();
    }

    @Test
    void aWorkerThatNeverFinishedAndMadeNoCommitsIsNotCalledMerged() throws Exception {
        runInstead("""
                worker: {type: command, run: 'true'}
                workstreams: [{name: a, prompt: x}]
                """);
        Process ended = new ProcessBuilder("sh", "-c", "read x").start();
        ProcessHandle handle = ended.toHandle();
        recordRunning("a", handle);
        ended.destroyForcibly().waitFor();

        List<Cleanup.Outcome> outcomes = new Cleanup(plan, repo.dir(), Environment.ofThisProcess()).run(false);

        assertThat(outcome(outcomes, "a").action()).isEqualTo(Cleanup.Action.REMOVED);
        assertThat(outcome(outcomes, "a").reason()).doesNotContain("merged")
                .contains("no commits beyond the base").contains("never finished");
    }

    @Test
    void keepsAMergedWorktreeHoldingGitIgnoredFilesAndNamesThem() throws Exception {
        runInstead("""
                worker: {type: command, run: 'echo "# R" > RESULTS.md'}
                workstreams: [{name: a, prompt: x}]
                """, ".gitignore", "config.local\n");
        Files.writeString(layout.worktree("a").resolve("config.local"), "token=secret\n");

        List<Cleanup.Outcome> outcomes = new Cleanup(plan, repo.dir(), Environment.ofThisProcess()).run(false);

        assertThat(outcome(outcomes, "a").action()).isEqualTo(Cleanup.Action.KEPT);
        assertThat(outcome(outcomes, "a").reason()).contains("git-ignored").contains("config.local")
                .contains("--archive");
        assertThat(layout.worktree("a").resolve("config.local")).hasContent("token=secret");
    }

    @Test
    void archiveCopiesGitIgnoredFilesBesideTheBundleBeforeRemovingTheWorktree() throws Exception {
        runInstead("""
                worker: {type: command, run: 'echo "# R" > RESULTS.md'}
                workstreams: [{name: a, prompt: x}]
                """, ".gitignore", "config.local\nbuild/\n");
        Files.writeString(layout.worktree("a").resolve("config.local"), "token=secret\n");
        Files.createDirectories(layout.worktree("a").resolve("build"));
        Files.writeString(layout.worktree("a").resolve("build/out.txt"), "output\n");

        List<Cleanup.Outcome> outcomes = new Cleanup(plan, repo.dir(), Environment.ofThisProcess()).run(true);

        Path archived = layout.archiveDir().resolve("a");
        assertThat(outcome(outcomes, "a").action()).isEqualTo(Cleanup.Action.ARCHIVED_AND_REMOVED);
        assertThat(outcome(outcomes, "a").reason()).contains(".worktrees/feat/archive/a");
        assertThat(archived.resolve("config.local")).hasContent("token=secret");
        assertThat(archived.resolve("build/out.txt")).hasContent("output");
        assertThat(layout.worktree("a")).doesNotExist();
    }

    @Test
    void keepsChangesToSkipWorktreeAndAssumeUnchangedFilesThatGitStatusDoesNotShow() throws Exception {
        mergeIntoMain("a");
        Git wt = Git.in(layout.worktree("a"), Environment.ofThisProcess());
        wt.run("update-index", "--skip-worktree", "README.md");
        wt.run("update-index", "--assume-unchanged", "a.txt");
        Files.writeString(layout.worktree("a").resolve("README.md"), "local notes\n");
        Files.writeString(layout.worktree("a").resolve("a.txt"), "local change\n");
        assertThat(wt.run("status", "--porcelain")).as("git status hides them").isEmpty();

        List<Cleanup.Outcome> outcomes = new Cleanup(plan, repo.dir(), Environment.ofThisProcess()).run(false);

        assertThat(outcome(outcomes, "a").action()).isEqualTo(Cleanup.Action.KEPT);
        assertThat(outcome(outcomes, "a").reason()).contains("skip-worktree or assume-unchanged")
                .contains("README.md").contains("a.txt");
        assertThat(layout.worktree("a").resolve("README.md")).hasContent("local notes");
    }

    @Test
    void keepsAnEditedDotEnvButNotTheOnePwtWrote() throws Exception {
        runInstead("""
                env: {PORT: 8000}
                worker: {type: command, run: 'echo "# R" > RESULTS.md'}
                workstreams: [{name: a, prompt: x}, {name: b, prompt: x}]
                """);
        Path env = layout.worktree("a").resolve(".env");
        Files.writeString(env, Files.readString(env) + "API_KEY=mine\n");

        List<Cleanup.Outcome> outcomes = new Cleanup(plan, repo.dir(), Environment.ofThisProcess()).run(false);

        assertThat(outcome(outcomes, "a").action()).isEqualTo(Cleanup.Action.KEPT);
        assertThat(outcome(outcomes, "a").reason()).contains(".env").contains("differs from what pwt wrote");
        assertThat(env).content().contains("API_KEY=mine");
        assertThat(outcome(outcomes, "b").action()).as("b's .env is pwt's own").isEqualTo(Cleanup.Action.REMOVED);
    }

    @Test
    void aWorktreeGitRefusesToRemoveIsKeptWithGitsReasonAndTheOthersAreStillCleaned() {
        mergeIntoMain("a", "b");
        repo.git().run("worktree", "lock", "--reason", "on a removable disk", layout.worktree("a").toString());

        List<Cleanup.Outcome> outcomes = new Cleanup(plan, repo.dir(), Environment.ofThisProcess()).run(false);

        assertThat(outcome(outcomes, "a").action()).isEqualTo(Cleanup.Action.KEPT);
        assertThat(outcome(outcomes, "a").reason()).contains("cannot remove a locked working tree")
                .contains("on a removable disk");
        assertThat(layout.worktree("a")).isDirectory();
        assertThat(outcome(outcomes, "b").action()).isEqualTo(Cleanup.Action.REMOVED);
        assertThat(layout.worktree("b")).doesNotExist();
    }

    @Test
    void keepsAWorktreeHoldingANestedRepositoryAndSaysSo() {
        mergeIntoMain("a");
        Path nested = layout.worktree("a").resolve("vendor/lib");
        TestRepo.create(nested);

        List<Cleanup.Outcome> outcomes = new Cleanup(plan, repo.dir(), Environment.ofThisProcess()).run(false);

        assertThat(outcome(outcomes, "a").action()).isEqualTo(Cleanup.Action.KEPT);
        assertThat(outcome(outcomes, "a").reason()).contains("nested git repository").contains("vendor/lib");
        assertThat(nested.resolve(".git")).isDirectory();
    }

    @Test
    void archiveKeepsANestedRepositoryWholeAndLeavesItOutOfTheBranch() throws Exception {
        Path nested = layout.worktree("b").resolve("vendor/lib");
        TestRepo lib = TestRepo.create(nested);
        String libCommit = lib.git().run("rev-parse", "HEAD");
        Files.writeString(nested.resolve("wip.txt"), "not committed in the nested repository\n");

        List<Cleanup.Outcome> outcomes = new Cleanup(plan, repo.dir(), Environment.ofThisProcess()).run(true);

        assertThat(outcome(outcomes, "b").action()).isEqualTo(Cleanup.Action.ARCHIVED_AND_REMOVED);
        Path copy = layout.archiveDir().resolve("b/vendor/lib");
        assertThat(outcome(outcomes, "b").reason()).contains("vendor/lib");
        assertThat(copy.resolve("wip.txt")).hasContent("not committed in the nested repository");
        assertThat(Git.in(copy, Environment.ofThisProcess()).run("rev-parse", "HEAD")).as("its commits too").isEqualTo(libCommit);
        assertThat(repo.git().run("ls-tree", "-r", "--name-only", "feat/b")).as("no gitlink in the branch")
                .doesNotContain("vendor");
        assertThat(layout.worktree("b")).doesNotExist();
    }

    @Test
    void anIntegrationWorktreeLeftLockedByAnInterruptedAddIsRecoveredAndRemoved() throws Exception {
        mergeIntoMain("a", "b");
        Path integration = layout.root().resolve("integration");
        repo.git().run("worktree", "add", "--detach", integration.toString(), "main");
        Path locked = Path.of(Git.in(integration, Environment.ofThisProcess()).run("rev-parse", "--absolute-git-dir")).resolve("locked");
        Files.writeString(locked, "initializing\n");
        Files.setLastModifiedTime(locked, FileTime.from(Instant.now().minus(Duration.ofMinutes(1))));

        List<Cleanup.Outcome> outcomes = new Cleanup(plan, repo.dir(), Environment.ofThisProcess()).run(false);

        assertThat(outcome(outcomes, "(integration)").action()).isEqualTo(Cleanup.Action.REMOVED);
        assertThat(integration).doesNotExist();
        assertThat(outcomes).extracting(Cleanup.Outcome::action).containsOnly(Cleanup.Action.REMOVED);
    }

    @Test
    void keepsAWorktreeAProcessStillWorksIn() throws Exception {
        mergeIntoMain("a");
        // not a recorded worker: e.g. a setup command or a dev server left running by a killed run
        worker = new ProcessBuilder("sleep", "300").directory(layout.worktree("a").toFile()).start();

        List<Cleanup.Outcome> outcomes = new Cleanup(plan, repo.dir(), Environment.ofThisProcess()).run(false);

        assertThat(outcome(outcomes, "a").action()).isEqualTo(Cleanup.Action.KEPT);
        assertThat(outcome(outcomes, "a").reason()).contains("pid " + worker.pid()).contains("sleep");
    }
}
