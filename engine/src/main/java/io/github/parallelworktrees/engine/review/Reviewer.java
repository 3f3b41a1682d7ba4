package io.github.parallelworktrees.engine.review;

import io.github.parallelworktrees.engine.claude.ClaudeWorker;
import io.github.parallelworktrees.engine.claude.Rehearsals;
import io.github.parallelworktrees.engine.gate.Criticality;
import io.github.parallelworktrees.engine.git.Git;
import io.github.parallelworktrees.engine.ledger.ReviewRecord;
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
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a workstream's reviewer ({@code review:} in the plan) in its worktree once its worker is done, and judges
 * what came of it. The reviewer gets PWT_ROLE=reviewer, PWT_REVIEW_OF, PWT_REVIEW_FILE, PWT_REVIEW_BASE (and
 * PWT_REVIEW_FOCUS, PWT_REVIEW_ROUND) and writes REVIEW.md at PWT_REVIEW_FILE, outside the worktree, so nothing of
 * the review is ever committed on the branch. A reviewer reads: a branch or worktree it changed fails the review,
 * whatever its verdict, and keeps the branch out (the changes are left as they are, for a person to look at).
 */
public final class Reviewer {

    /** The file a reviewer writes, in the workstream's results folder beside RESULTS.md. */
    public static final String FILE = "REVIEW.md";

    /**
     * One review to make.
     *
     * @param worktree the workstream's worktree (the reviewer's working directory)
     * @param resultsDir the workstream's results folder: REVIEW.md goes there, the reviewer's own files into
     *     review-&lt;round&gt;/
     * @param env the workstream's environment, which the reviewer's variables are added to
     * @param base the commit the workstream's work starts from (PWT_REVIEW_BASE)
     * @param listener told of the reviewer's process (so that a stopped run stops it) and its progress
     * @param tests what the workstream's test-writer did, when the review has {@code tests: true}: the reviewer is
     *     told whether its tests are in the diff
     */
    public record Request(Workstream workstream, Review review, String feature, String branch, Path worktree,
            Path repository, Path runRoot, Path resultsDir, Environment env, Git git, String base, int round,
            WorkerListener listener, Optional<TestsRecord> tests) {
    }

    /** What came of a review: its record, and what the reviewer spent. */
    public record Outcome(ReviewRecord record, Usage usage) {
    }

    private final Rehearsals rehearsals;

    /** @param rehearsals where a Claude reviewer's requests go, as for the run's workers */
    public Reviewer(Rehearsals rehearsals) {
        this.rehearsals = rehearsals;
    }

    /** The folder of a review round's own files: its REVIEW.md copy, log, transcript. */
    public static Path roundDir(Path resultsDir, int round) {
        return resultsDir.resolve("review-" + round);
    }

    public Outcome review(Request r) throws IOException, InterruptedException {
        Instant started = Instant.now();
        Path dir = roundDir(r.resultsDir(), r.round());
        Files.createDirectories(dir);
        Path reviewFile = r.resultsDir().resolve(FILE);
        // only a REVIEW.md this reviewer writes can judge the branch
        Files.deleteIfExists(reviewFile);
        Path log = dir.resolve("worker.log");
        String tip = r.git().run("rev-parse", "HEAD");
        Snapshot before = Snapshot.of(r.git());
        Optional<Path> earlier = r.round() > 1
                ? Optional.of(roundDir(r.resultsDir(), r.round() - 1).resolve(FILE)).filter(Files::isRegularFile)
                : Optional.empty();
        String prompt = ReviewBrief.prompt(r.workstream().name(), r.branch(), tip, r.base(), r.review().focus(),
                reviewFile, r.round(), earlier, r.tests());
        Workstream as = new Workstream(r.workstream().name(), r.workstream().index(), Optional.of(prompt),
                Optional.empty(), r.workstream().files(), List.of(), r.workstream().wave(), r.review().worker());
        Worker worker = r.review().worker().type() == WorkerType.CLAUDE
                ? new ClaudeWorker(rehearsals, new ClaudeWorker.Brief(ReviewBrief.systemPrompt(r.workstream().name(),
                        r.feature(), r.worktree(), reviewFile), prompt))
                : new CommandWorker();
        LoggedCommand.appendLine(log, "pwt: review " + r.round() + " of " + r.workstream().name() + " at " + tip
                + " by a " + r.review().worker().type().id() + " reviewer; REVIEW.md goes to " + reviewFile);
        WorkerOutcome outcome = worker.run(new WorkerContext(as, r.feature(), r.branch(), r.worktree(),
                r.repository(), r.runRoot(), dir, log, environment(r, reviewFile), 1, Optional.empty(),
                r.listener()));
        Optional<String> changed = before.changes(Snapshot.of(r.git()));
        Path kept = null;
        if (Files.isRegularFile(reviewFile)) {
            kept = dir.resolve(FILE);
            Files.copy(reviewFile, kept, StandardCopyOption.REPLACE_EXISTING);
        }
        Criticality criticality = r.review().criticality();
        String verdict = null;
        String status;
        String reason;
        boolean keptOut;
        if (changed.isPresent()) {
            status = "error";
            reason = "the reviewer changed the branch or its worktree (" + changed.get() + "); a reviewer must only"
                    + " read: pwt left the changes as they are in " + r.worktree() + " for you to look at";
            keptOut = true;
        } else if (!outcome.succeeded()) {
            status = "error";
            reason = "the reviewer failed: " + outcome.failure().orElse("exit " + outcome.exitCode()) + " (see " + log
                    + ")";
            keptOut = criticality == Criticality.FAILURE;
        } else if (kept == null) {
            status = "error";
            reason = "the reviewer wrote no REVIEW.md at " + reviewFile + " (see " + log + ")";
            keptOut = criticality == Criticality.FAILURE;
        } else {
            ReviewVerdict parsed = ReviewVerdict.of(Files.readString(kept));
            if (parsed.verdict().isEmpty()) {
                status = "error";
                reason = parsed.problem().orElseThrow() + " (" + kept + ")";
                keptOut = criticality == Criticality.FAILURE;
            } else {
                verdict = parsed.verdict().get();
                boolean approved = verdict.equals(ReviewVerdict.APPROVE);
                status = approved ? "passed" : criticality.whenFailed().name().toLowerCase(Locale.ROOT);
                reason = approved ? null : "the reviewer requested changes (criticality " + criticality.name()
                        + "): see " + kept;
                keptOut = !approved && criticality == Criticality.FAILURE;
            }
        }
        LoggedCommand.appendLine(log, "pwt: review " + r.round() + ": " + (verdict == null ? "no verdict" : verdict)
                + ", " + status + (keptOut ? ", the branch is kept out" : "") + (reason == null ? "" : ": " + reason));
        // a reviewer that committed moved the branch: what is kept out is the branch as it is now
        String judged = changed.isPresent() ? r.git().resolveCommit("refs/heads/" + r.branch()).orElse(tip) : tip;
        ReviewRecord record = new ReviewRecord(r.round(), verdict, status, criticality.name(), keptOut, reason, judged,
                r.base(), kept == null ? null : kept.toString(), log.toString(), started, Instant.now(),
                outcome.usage().costUsd());
        return new Outcome(record, outcome.usage());
    }

    private static Environment environment(Request r, Path reviewFile) {
        Map<String, String> env = new HashMap<>();
        env.put("PWT_ROLE", "reviewer");
        env.put("PWT_REVIEW_OF", r.workstream().name());
        env.put("PWT_REVIEW_FILE", reviewFile.toString());
        env.put("PWT_REVIEW_BASE", r.base());
        env.put("PWT_REVIEW_ROUND", String.valueOf(r.round()));
        env.put("PWT_REVIEW_FOCUS", String.join(",", r.review().focus().stream().map(Review.Focus::id).toList()));
        r.tests().ifPresent(t -> {
            env.put("PWT_TESTS_BRANCH", t.branch());
            env.put("PWT_TESTS_STATUS", t.status());
        });
        // a reviewer repairs nothing, even when it reviews a repair
        env.put("PWT_REPAIR", null);
        env.put("PWT_REPAIR_REPORT", null);
        return r.env().with(env);
    }

    /** What a reviewer must leave as it found it: the checked-out branch, its commit, the worktree's files. */
    private record Snapshot(String head, String branch, List<String> status) {

        static Snapshot of(Git git) {
            return new Snapshot(git.run("rev-parse", "HEAD"),
                    git.tryRun("symbolic-ref", "-q", "HEAD").stdout().strip(),
                    git.lines("status", "--porcelain=v1", "--untracked-files=all"));
        }

        /** What changed since this snapshot, in words; empty when nothing did. */
        Optional<String> changes(Snapshot now) {
            if (!branch.equals(now.branch)) {
                return Optional.of("HEAD was " + (branch.isEmpty() ? "detached" : branch) + ", now "
                        + (now.branch.isEmpty() ? "detached" : now.branch));
            }
            if (!head.equals(now.head)) {
                return Optional.of("the branch moved from " + head.substring(0, 12) + " to "
                        + now.head.substring(0, 12));
            }
            if (!status.equals(now.status)) {
                List<String> added = now.status.stream().filter(s -> !status.contains(s)).toList();
                List<String> shown = (added.isEmpty() ? status : added).stream().limit(5).toList();
                return Optional.of("files changed: " + String.join(", ", shown));
            }
            return Optional.empty();
        }
    }
}
