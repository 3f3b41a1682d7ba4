package io.github.parallelworktrees.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.parallelworktrees.engine.ledger.RunLayout;
import io.github.parallelworktrees.engine.ledger.RunListener;
import io.github.parallelworktrees.engine.ledger.WorkerRecord;
import io.github.parallelworktrees.engine.ledger.WorkerStatus;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.process.Environment;
import io.github.parallelworktrees.engine.testing.TestRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resuming a run whose worktree or branch someone removed by hand: recreate what can be, refuse what would lose work. */
class DamagedRunTest {

    @TempDir
    Path tmp;

    private final List<String> events = Collections.synchronizedList(new ArrayList<>());

    private final RunListener recorder = message -> events.add(message);

    /**
     * The first attempt commits its work and fails; once {@code fixed} exists, an attempt commits more and reports.
     */
    private Plan twoAttemptPlan(TestRepo repo, Path fixed) {
        String run = "if [ -f " + fixed + " ]; then echo second > second.txt && git add second.txt"
                + " && git commit -qm second && echo '# R' > RESULTS.md;"
                + " else echo first > first.txt && git add first.txt && git commit -qm first && exit 1; fi";
        return repo.plan("feat.yaml", worker(run) + "workstreams: [{name: a, prompt: x}]\n");
    }

    private static String worker(String run) {
        return "worker: {type: command, run: '" + run.replace("'", "''") + "', timeoutMinutes: 1}\n";
    }

    private RunSummary firstAttemptFails(TestRepo repo, Plan plan) {
        RunSummary first = new PlanRunner(plan, repo.dir(), Environment.ofThisProcess(), Optional.empty(), recorder).run();
        assertThat(first.workers().get(0).status()).isEqualTo(WorkerStatus.FAILED);
        assertThat(first.workers().get(0).prepared()).isTrue();
        return first;
    }

    private RunSummary resume(TestRepo repo, Plan plan) {
        return new PlanRunner(plan, repo.dir(), Environment.ofThisProcess(), Optional.empty(), recorder).resume();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    void resumeRecreatesADeletedWorktreeOnItsBranchWithoutResettingIt() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Path fixed = tmp.resolve("fixed");
        Plan plan = twoAttemptPlan(repo, fixed);
        firstAttemptFails(repo, plan);
        String firstTip = repo.tip("feat/a");
        RunLayout layout = repo.layout("feat");
        deleteTree(layout.worktree("a"));
        Files.writeString(fixed, "");

        RunSummary resumed = resume(repo, plan);

        assertThat(resumed.workers().get(0).status()).isEqualTo(WorkerStatus.DONE);
        assertThat(repo.subjects(firstTip + "~1", "feat/a")).as("the first attempt's commit is kept")
                .containsExactly("second", "first");
        assertThat(layout.worktree("a").resolve("TASKS.md")).exists();
        assertThat(events).anyMatch(e -> e.contains("a: its worktree was missing; recreated it at "
                + layout.worktree("a") + " on the existing branch feat/a (1 commit(s) ahead of base); nothing was"
                + " reset"));
    }

    @Test
    void resumeRecreatesAPrunedWorktree() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Path fixed = tmp.resolve("fixed");
        Plan plan = twoAttemptPlan(repo, fixed);
        firstAttemptFails(repo, plan);
        String firstTip = repo.tip("feat/a");
        deleteTree(repo.layout("feat").worktree("a"));
        repo.git().run("worktree", "prune");
        Files.writeString(fixed, "");

        RunSummary resumed = resume(repo, plan);

        assertThat(resumed.workers().get(0).status()).isEqualTo(WorkerStatus.DONE);
        assertThat(repo.git().isAncestor(firstTip, "feat/a")).isTrue();
        assertThat(events).anyMatch(e -> e.contains("a: its worktree was missing; recreated it"));
    }

    @Test
    void aBranchDeletedUnderItsWorktreeFailsTheWorkstreamNamingItsLastCommit() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Path fixed = tmp.resolve("fixed");
        Plan plan = twoAttemptPlan(repo, fixed);
        firstAttemptFails(repo, plan);
        String lost = repo.tip("feat/a");
        // git branch -D refuses a checked-out branch; update-ref does not, and leaves the worktree on an unborn one
        repo.git().run("update-ref", "-d", "refs/heads/feat/a");
        Files.writeString(fixed, "");

        RunSummary resumed = resume(repo, plan);

        WorkerRecord a = resumed.workers().get(0);
        assertThat(a.status()).isEqualTo(WorkerStatus.FAILED);
        assertThat(a.reason()).contains("branch 'feat/a' was deleted", lost.substring(0, 12),
                "git branch feat/a " + lost.substring(0, 12), "git worktree remove --force");
        assertThat(repo.git().branchExists("feat/a")).as("no unrelated root commit was made").isFalse();
        assertThat(repo.layout("feat").worktree("a").resolve("first.txt")).exists();
    }

    @Test
    void followingTheAdviceForADeletedBranchResumesOnTopOfItsWork() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Path fixed = tmp.resolve("fixed");
        Plan plan = twoAttemptPlan(repo, fixed);
        firstAttemptFails(repo, plan);
        String lost = repo.tip("feat/a");
        repo.git().run("update-ref", "-d", "refs/heads/feat/a");
        Files.writeString(fixed, "");
        resume(repo, plan);

        repo.git().run("branch", "feat/a", lost);
        RunSummary again = resume(repo, plan);

        assertThat(again.workers().get(0).status()).isEqualTo(WorkerStatus.DONE);
        assertThat(repo.subjects(lost + "~1", "feat/a")).containsExactly("second", "first");
    }

    @Test
    void removingTheWorktreeOfADeletedBranchStartsTheWorkstreamAfreshSayingSo() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Path fixed = tmp.resolve("fixed");
        Plan plan = twoAttemptPlan(repo, fixed);
        firstAttemptFails(repo, plan);
        repo.git().run("update-ref", "-d", "refs/heads/feat/a");
        Files.writeString(fixed, "");
        resume(repo, plan);

        repo.git().run("worktree", "remove", "--force", repo.layout("feat").worktree("a").toString());
        RunSummary again = resume(repo, plan);

        assertThat(again.workers().get(0).status()).isEqualTo(WorkerStatus.DONE);
        assertThat(repo.subjects("main", "feat/a")).containsExactly("second");
        assertThat(events).contains("warning: a: its worktree and its branch feat/a were both removed; starting the"
                + " workstream afresh at " + repo.layout("feat").worktree("a"));
    }

    @Test
    void aBranchDeletedAfterItsWorktreeDirectoryFailsTheWorkstreamToo() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Path fixed = tmp.resolve("fixed");
        Plan plan = twoAttemptPlan(repo, fixed);
        firstAttemptFails(repo, plan);
        String lost = repo.tip("feat/a");
        deleteTree(repo.layout("feat").worktree("a"));
        repo.git().run("update-ref", "-d", "refs/heads/feat/a");
        Files.writeString(fixed, "");

        RunSummary resumed = resume(repo, plan);

        WorkerRecord a = resumed.workers().get(0);
        assertThat(a.status()).isEqualTo(WorkerStatus.FAILED);
        assertThat(a.reason()).contains("branch 'feat/a' was deleted", "git branch feat/a " + lost.substring(0, 12),
                "git worktree prune");
        assertThat(repo.git().branchExists("feat/a")).isFalse();
        assertThat(repo.git().run("worktree", "list")).as("its record of the last commit is kept")
                .contains(repo.layout("feat").worktree("a").toString());
    }

    @Test
    void aBranchDeletedWhileItsWorkerRanIsNotRecreatedFromItsLeftovers() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Plan plan = repo.plan("feat.yaml", worker("git update-ref -d \"refs/heads/$PWT_BRANCH\" && echo x > x.txt"
                + " && echo '# R' > RESULTS.md") + "workstreams: [{name: a, prompt: x}]\n");

        RunSummary summary = new PlanRunner(plan, repo.dir(), Environment.ofThisProcess(), Optional.empty(), recorder).run();

        WorkerRecord a = summary.workers().get(0);
        assertThat(a.status()).isEqualTo(WorkerStatus.FAILED);
        assertThat(a.reason()).contains("branch 'feat/a' was deleted");
        assertThat(repo.git().branchExists("feat/a")).as("its leftovers were not committed as a root commit")
                .isFalse();
        assertThat(repo.layout("feat").worktree("a").resolve("x.txt")).exists();
    }

    @Test
    void aWorkerThatReplacesItsBranchWithAnUnrelatedHistoryIsNotDone() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Plan plan = repo.plan("feat.yaml", worker("git update-ref -d \"refs/heads/$PWT_BRANCH\" && echo x > x.txt"
                + " && git add x.txt && git commit -qm root && echo '# R' > RESULTS.md")
                + "workstreams: [{name: a, prompt: x}]\n");

        RunSummary summary = new PlanRunner(plan, repo.dir(), Environment.ofThisProcess(), Optional.empty(), recorder).run();

        assertThat(summary.workers().get(0).status()).as("the report copes with an unrelated branch too")
                .isEqualTo(WorkerStatus.FAILED);
        JsonNode a = TestRepo.json(repo.layout("feat").sessionsFile()).path("a");
        assertThat(a.path("status").asText()).isEqualTo("failed");
        assertThat(a.path("reason").asText()).contains("branch 'feat/a' shares no history with the run's base");
    }

    @Test
    void aWorktreeWhoseAdminDirIsGoneIsNamedAndLeftAlone() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Path fixed = tmp.resolve("fixed");
        Plan plan = twoAttemptPlan(repo, fixed);
        firstAttemptFails(repo, plan);
        deleteTree(repo.dir().resolve(".git/worktrees/a"));
        Files.writeString(fixed, "");
        String head = repo.tip("main");

        RunSummary resumed = resume(repo, plan);

        WorkerRecord a = resumed.workers().get(0);
        assertThat(a.status()).isEqualTo(WorkerStatus.FAILED);
        assertThat(a.reason()).contains("admin dir .git/worktrees/a is missing",
                "move " + repo.layout("feat").worktree("a"));
        assertThat(repo.layout("feat").worktree("a").resolve("first.txt")).exists();
        assertThat(repo.tip("main")).as("nothing was committed in the main checkout").isEqualTo(head);
        assertThat(repo.git().run("status", "--porcelain", "--untracked-files=no")).isEmpty();
    }

    @Test
    void aWorktreeThatLostItsGitFileIsNotWorkedInWhereGitWouldFindTheMainCheckout() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Path fixed = tmp.resolve("fixed");
        Plan plan = twoAttemptPlan(repo, fixed);
        firstAttemptFails(repo, plan);
        Path worktree = repo.layout("feat").worktree("a");
        Files.delete(worktree.resolve(".git"));
        Files.writeString(fixed, "");
        String head = repo.tip("main");

        RunSummary resumed = resume(repo, plan);

        WorkerRecord a = resumed.workers().get(0);
        assertThat(a.status()).isEqualTo(WorkerStatus.FAILED);
        assertThat(a.reason()).contains(worktree + " has lost its .git file", "git worktree repair " + worktree);
        assertThat(repo.tip("main")).isEqualTo(head);
        assertThat(worktree.resolve("second.txt")).doesNotExist();
    }
}
