package io.github.parallelworktrees.engine.review;

import io.github.parallelworktrees.engine.claude.ClaudeWorker;
import io.github.parallelworktrees.engine.claude.Rehearsals;
import io.github.parallelworktrees.engine.git.Committer;
import io.github.parallelworktrees.engine.git.Git;
import io.github.parallelworktrees.engine.git.GitException;
import io.github.parallelworktrees.engine.git.WorktreeException;
import io.github.parallelworktrees.engine.git.Worktrees;
import io.github.parallelworktrees.engine.ledger.TestsRecord;
import io.github.parallelworktrees.engine.ledger.Usage;
import io.github.parallelworktrees.engine.plan.Review;
import io.github.parallelworktrees.engine.plan.WorkerType;
import io.github.parallelworktrees.engine.plan.Workstream;
import io.github.parallelworktrees.engine.process.Environment;
import io.github.parallelworktrees.engine.process.LoggedCommand;
import io.github.parallelworktrees.engine.worker.CommandWorker;
import io.github.parallelworktrees.engine.worker.Worker;
import io.github.parallelworktrees.engine.worker.WorkerContext;
import io.github.parallelworktrees.engine.worker.WorkerListener;
import io.github.parallelworktrees.engine.worker.WorkerOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a workstream's test-writer ({@code review: {tests: true}}) once its worker is done: a second worker, with the
 * reviewer's worker spec, writes tests for the workstream's changes in a worktree of its own, on the branch
 * {@code <feature>/<ws>-tests} started from the workstream's tip, and pwt merges that branch into the workstream's
 * (a merge commit, never a rebase) so that the review, the gate and the merge judge the workstream with its tests.
 * A test-writer that fails, commits nothing or whose branch conflicts leaves the workstream's branch as it was; its
 * own branch is kept in every case (never deleted).
 */
public final class TestWriter {

    /**
     * One test-writing to do.
     *
     * @param branch the workstream's branch, which the tests are merged into
     * @param worktree the workstream's worktree (idle: its worker is done), where the merge is made
     * @param testsBranch the test-writer's branch ({@code <feature>/<ws>-tests})
     * @param testsWorktree the test-writer's worktree (its working directory)
     * @param resultsDir the test-writer's results folder (its log, transcript)
     * @param tasks the workstream's TASKS.md, its worker's brief
     * @param results the workstream's collected RESULTS.md, its worker's report
     * @param env the workstream's environment, which the test-writer's variables are added to
     * @param base the commit the workstream's work starts from (PWT_TESTS_BASE)
     * @param listener told of the test-writer's process (so that a stopped run stops it) and its progress
     */
    public record Request(Workstream workstream, Review review, String feature, String branch, Path worktree,
            String testsBranch, Path testsWorktree, Path repository, Path runRoot, Path resultsDir, Path tasks,
            Path results, Environment env, Git repo, String base, WorkerListener listener) {
    }

    /** What came of it: its record, and what the test-writer spent. */
    public record Outcome(TestsRecord record, Usage usage) {
    }

    private final Rehearsals rehearsals;

    /** @param rehearsals where a Claude test-writer's requests go, as for the run's workers */
    public TestWriter(Rehearsals rehearsals) {
        this.rehearsals = rehearsals;
    }

    public Outcome write(Request r) throws IOException, InterruptedException {
        Instant started = Instant.now();
        Files.createDirectories(r.resultsDir());
        Path log = r.resultsDir().resolve("worker.log");
        Git ws = r.repo().at(r.worktree());
        String from = ws.run("rev-parse", "HEAD");
        Worktrees worktrees = new Worktrees(r.repo());
        // after an interrupted run the branch (and its worktree) may be there: reused as it is, never reset
        Worktrees.Added added = worktrees.add(r.testsWorktree(), r.testsBranch(), from);
        worktrees.requireBranch(r.testsWorktree(), r.testsBranch());
        Git tests = r.repo().at(r.testsWorktree());
        LoggedCommand.appendLine(log, "pwt: tests for " + r.workstream().name() + " at " + from + " by a "
                + r.review().worker().type().id() + " test-writer on " + r.testsBranch()
                + (added == Worktrees.Added.NEW_BRANCH ? " (new, from " + from + ")"
                        : " (existing branch, reused as it is)"));
        String prompt = TestsBrief.prompt(r.workstream().name(), r.branch(), from, r.base(), r.tasks(), r.results());
        Workstream as = new Workstream(r.workstream().name(), r.workstream().index(), Optional.of(prompt),
                Optional.empty(), List.of(), List.of(), r.workstream().wave(), r.review().worker());
        Worker worker = r.review().worker().type() == WorkerType.CLAUDE
                ? new ClaudeWorker(rehearsals, new ClaudeWorker.Brief(TestsBrief.systemPrompt(r.workstream().name(),
                        r.feature(), r.testsWorktree(), r.testsBranch()), prompt))
                : new CommandWorker();
        WorkerOutcome outcome = worker.run(new WorkerContext(as, r.feature(), r.testsBranch(), r.testsWorktree(),
                r.repository(), r.runRoot(), r.resultsDir(), log, environment(r, from), 1, Optional.empty(),
                r.listener()));
        String status;
        String reason = null;
        String mergeCommit = null;
        Optional<String> lost = branchLost(worktrees, r);
        if (lost.isEmpty() && Committer.commitAll(tests,
                "pwt(" + Review.testsName(r.workstream().name()) + "): commit what the test-writer left uncommitted")) {
            LoggedCommand.appendLine(log, "pwt: committed what the test-writer left uncommitted");
        }
        String tip = r.repo().resolveCommit("refs/heads/" + r.testsBranch()).orElse(from);
        int commits = Integer.parseInt(r.repo().run("rev-list", "--count", "refs/heads/" + r.testsBranch(),
                "--not", from));
        if (lost.isPresent()) {
            status = TestsRecord.FAILED;
            reason = lost.get();
        } else if (!outcome.succeeded()) {
            status = TestsRecord.FAILED;
            reason = "the test-writer failed: " + outcome.failure().orElse("exit " + outcome.exitCode()) + " (see "
                    + log + "); its branch " + r.testsBranch() + " is kept, not merged";
        } else if (commits == 0) {
            status = TestsRecord.NO_TESTS;
            reason = "the test-writer committed nothing on " + r.testsBranch() + " (see " + log + ")";
        } else {
            Merge merge = merge(ws, r, tip);
            status = merge.status();
            reason = merge.reason();
            mergeCommit = merge.commit();
        }
        LoggedCommand.appendLine(log, "pwt: tests " + status + ", " + commits + " commit(s) on " + r.testsBranch()
                + (mergeCommit == null ? "" : ", merged as " + mergeCommit) + (reason == null ? "" : ": " + reason));
        TestsRecord record = new TestsRecord(r.testsBranch(), status, reason, r.base(), from, tip, commits,
                mergeCommit, log.toString(), started, Instant.now(), outcome.usage().costUsd());
        return new Outcome(record, outcome.usage());
    }

    private record Merge(String status, String reason, String commit) {
    }

    /**
     * Merges the tests branch into the workstream's branch, in the workstream's worktree: always a merge commit
     * (--no-ff), so the tests stay a unit of their own in the history. A conflict is undone (merge --abort): the
     * workstream's branch is left as its worker left it and the tests branch is kept for a person to merge.
     */
    private static Merge merge(Git ws, Request r, String tip) {
        String message = "pwt(" + r.workstream().name() + "): merge the tests of its test-writer (" + r.testsBranch()
                + ")";
        try {
            ws.runWithEnv(Committer.identity(ws), List.of("merge", "--no-ff", "--no-edit", "-m", message, tip));
            return new Merge(TestsRecord.MERGED, null, ws.run("rev-parse", "HEAD"));
        } catch (GitException e) {
            List<String> conflicts = ws.lines("diff", "--name-only", "--diff-filter=U");
            if (ws.tryRun("rev-parse", "-q", "--verify", "MERGE_HEAD").succeeded()) {
                ws.tryRun("merge", "--abort");
            }
            String why = conflicts.isEmpty() ? "git could not merge it: " + e.getMessage()
                    : "it conflicts with " + r.branch() + " in " + String.join(", ", conflicts);
            return new Merge(TestsRecord.CONFLICT, "the tests branch " + r.testsBranch() + " was not merged: " + why
                    + "; it is kept for you to merge (the workstream goes on without its tests)", null);
        }
    }

    /** Why the tests branch cannot be taken as the test-writer's work, if it cannot. */
    private static Optional<String> branchLost(Worktrees worktrees, Request r) {
        try {
            worktrees.requireBranch(r.testsWorktree(), r.testsBranch());
            return Optional.empty();
        } catch (WorktreeException e) {
            return Optional.of("the test-writer left its branch: " + e.getMessage());
        }
    }

    private static Environment environment(Request r, String from) {
        Map<String, String> env = new HashMap<>();
        env.put("PWT_ROLE", "test-writer");
        env.put("PWT_TESTS_FOR", r.workstream().name());
        env.put("PWT_TESTS_BASE", r.base());
        env.put("PWT_TESTS_FROM", from);
        env.put("PWT_TESTS_RESULTS", r.results().toString());
        env.put("PWT_BRANCH", r.testsBranch());
        env.put("PWT_WORKTREE", r.testsWorktree().toString());
        env.put("PWT_TASKS", r.tasks().toString());
        // a test-writer repairs nothing
        env.put("PWT_REPAIR", null);
        env.put("PWT_REPAIR_REPORT", null);
        return r.env().with(env);
    }
}
