package io.github.parallelworktrees.engine.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.parallelworktrees.engine.git.Git;
import io.github.parallelworktrees.engine.git.Worktrees;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.run.PlanRunner;
import io.github.parallelworktrees.engine.run.RunListener;
import io.github.parallelworktrees.engine.ledger.RunLayout;
import io.github.parallelworktrees.engine.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
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
        new PlanRunner(plan, repo.dir(), Optional.empty(), RunListener.silent()).run();
        layout = repo.layout("feat");
    }

    private Cleanup.Outcome outcome(List<Cleanup.Outcome> outcomes, String ws) {
        return outcomes.stream().filter(o -> o.workstream().equals(ws)).findFirst().orElseThrow();
    }

    @Test
    void keepsAWorktreeWhoseBranchIsNotMergedAndSaysWhy() {
        List<Cleanup.Outcome> outcomes = new Cleanup(plan, repo.dir()).run(false);

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

        List<Cleanup.Outcome> outcomes = new Cleanup(plan, repo.dir()).run(false);

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

        List<Cleanup.Outcome> outcomes = new Cleanup(plan, repo.dir()).run(false);

        assertThat(outcome(outcomes, "a").action()).isEqualTo(Cleanup.Action.REMOVED);
        assertThat(outcome(outcomes, "a").reason()).isEqualTo("merged into feat/integration");
        assertThat(layout.worktree("a")).doesNotExist();
        assertThat(repo.git().branchExists("feat/a")).isTrue();
        assertThat(outcome(outcomes, "b").action()).isEqualTo(Cleanup.Action.KEPT);
    }

    @Test
    void archiveCommitsAndBundlesUnmergedWorkBeforeRemovingAndRetiresTheRun() throws Exception {
        Files.writeString(layout.worktree("b").resolve("wip.txt"), "half done\n");

        List<Cleanup.Outcome> outcomes = new Cleanup(plan, repo.dir()).run(true);

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
        new io.github.parallelworktrees.engine.merge.WaveMerger(plan, repo.dir(), RunListener.silent(),
                Optional.empty()).merge(1, Optional.empty(), (tree, commit, run) ->
                io.github.parallelworktrees.engine.merge.WaveGate.Judgement.of(true, "passed", ""));
        Path integration = layout.root().resolve("integration");
        Files.writeString(integration.resolve("gate-output.log"), "build output\n");

        List<Cleanup.Outcome> outcomes = new Cleanup(plan, repo.dir()).run(false);

        assertThat(outcome(outcomes, "(integration)").action()).isEqualTo(Cleanup.Action.REMOVED);
        assertThat(integration).doesNotExist();
        assertThat(repo.git().branchExists("feat/integration")).isTrue();
        assertThat(outcomes).extracting(Cleanup.Outcome::action).containsOnly(Cleanup.Action.REMOVED);
    }

    @Test
    void aBranchArchivedAsItIsGoesWithoutArchivingAgain() {
        new Cleanup(plan, repo.dir()).run(true);
        new Worktrees(repo.git()).add(layout.worktree("a"), "feat/a", "main");

        List<Cleanup.Outcome> outcomes = new Cleanup(plan, repo.dir()).run(false);

        assertThat(outcome(outcomes, "a").action()).isEqualTo(Cleanup.Action.REMOVED);
        assertThat(outcome(outcomes, "a").reason()).startsWith("archived in ");
        assertThat(outcome(outcomes, "b").action()).isEqualTo(Cleanup.Action.ABSENT);
    }

    @Test
    void aBranchThatMovedOnSinceItsBundleIsKept() throws Exception {
        new Cleanup(plan, repo.dir()).run(true);
        Path worktree = layout.worktree("a");
        new Worktrees(repo.git()).add(worktree, "feat/a", "main");
        Files.writeString(worktree.resolve("more.txt"), "more\n");
        Git.in(worktree).run("add", "more.txt");
        Git.in(worktree).run("commit", "-qm", "more work");

        List<Cleanup.Outcome> outcomes = new Cleanup(plan, repo.dir()).run(false);

        assertThat(outcome(outcomes, "a").action()).isEqualTo(Cleanup.Action.KEPT);
        assertThat(worktree.resolve("more.txt")).exists();
    }
}
