package io.github.parallelworktrees.engine.race;

import io.github.parallelworktrees.engine.git.Worktrees;
import io.github.parallelworktrees.engine.ledger.ReviewRecord;
import io.github.parallelworktrees.engine.ledger.RunLayout;
import io.github.parallelworktrees.engine.ledger.RunListener;
import io.github.parallelworktrees.engine.ledger.RunState;
import io.github.parallelworktrees.engine.ledger.WorkerRecord;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.plan.RaceSpec;
import io.github.parallelworktrees.engine.plan.Review;
import io.github.parallelworktrees.engine.plan.Workstream;
import io.github.parallelworktrees.engine.review.Reviewer;
import io.github.parallelworktrees.engine.worker.WorkerListener;
import io.github.parallelworktrees.engine.workspace.WorkstreamEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * The reviews of a race's racers ({@code review:} on a raced workstream, or on its wave or plan): each racer whose
 * worker finished is reviewed in its own worktree by a reviewer of its own, the diff from the race's start point,
 * its REVIEW.md beside its own RESULTS.md ({@code results/<ws>-racer-<n>/}), never one REVIEW.md for all. The review
 * is kept in the racer's record with the commit it read, and its cost is added to the racer's: a race judged again
 * (resume) does not review the same commit again.
 */
final class RacerReviews {

    private final Plan plan;
    private final RunLayout layout;
    private final RunState state;
    private final RunListener listener;
    private final Reviewer reviewer;
    private final Consumer<ProcessHandle> tracker;

    /** @param tracker told of each reviewer's process, so that stopping the workstream or the run stops it */
    RacerReviews(Plan plan, RunLayout layout, RunState state, RunListener listener, Reviewer reviewer,
            Consumer<ProcessHandle> tracker) {
        this.plan = plan;
        this.layout = layout;
        this.state = state;
        this.listener = listener;
        this.reviewer = reviewer;
        this.tracker = tracker;
    }

    /**
     * The review of {@code racer}'s branch at {@code tip}: the one its record holds for that commit, or a new one.
     *
     * @param startPoint where every racer started (PWT_REVIEW_BASE): the diff reviewed is the racer's own work
     * @throws RaceJudge.JudgingStopped when the run, or the workstream, was stopped while the reviewer ran: that
     *     review judges nothing and is not recorded (what the reviewer spent is)
     */
    ReviewRecord review(Workstream ws, Review review, RaceSpec.Racer racer, String tip, String startPoint)
            throws InterruptedException {
        int n = racer.number();
        String name = RaceSpec.racerName(ws.name(), n);
        ReviewRecord earlier = state.racer(ws.name(), n).map(WorkerRecord::review).orElse(null);
        if (earlier != null && tip.equals(earlier.tip()) && review.criticality().name().equals(earlier.criticality())) {
            listener.info(name + ": keeps its review " + earlier.round() + " of " + tip.substring(0, 12) + " ("
                    + verdict(earlier) + ")");
            return earlier;
        }
        int round = earlier == null ? 1 : earlier.round() + 1;
        Workstream as = ws.asRacer(racer);
        String branch = plan.racerBranch(ws, n);
        Path worktree = layout.worktree(name);
        Worktrees worktrees = new Worktrees(layout.git());
        worktrees.requireBranch(worktree, branch);
        if (worktrees.isMissing(worktree)) {
            // the racer ran elsewhere (a Jenkins body on another agent: its branch came in a bundle) or its worktree
            // was removed: the reviewer reads the branch in a worktree of its own, made here on the kept branch
            worktrees.add(worktree, branch, tip);
        }
        listener.info(name + ": review " + round + " by a " + review.worker().type().id() + " reviewer");
        Reviewer.Outcome outcome;
        try {
            outcome = reviewer.review(new Reviewer.Request(as, review, plan.feature(), branch, worktree,
                    layout.repository(), layout.root(), layout.resultsDir(name),
                    WorkstreamEnvironment.of(plan, layout, as, branch, worktree, OptionalInt.of(n)),
                    layout.git().at(worktree), startPoint, round, reviewerListener(ws, n, name), Optional.empty()));
        } catch (IOException e) {
            throw new UncheckedIOException("the review of " + name + " could not run: " + e.getMessage(), e);
        }
        if (state.stop().isPresent() || state.workerStop(ws.name()).isPresent()) {
            // cut short by the stop: its verdict judges nothing, and resume reviews the racer again
            state.updateRacer(ws.name(), n, r -> r.reviewed(r.review(), outcome.usage()));
            throw new RaceJudge.JudgingStopped(ws.name());
        }
        ReviewRecord reviewed = outcome.record();
        state.updateRacer(ws.name(), n, r -> r.reviewed(reviewed, outcome.usage()));
        String said = name + ": review " + reviewed.round() + ": " + verdict(reviewed)
                + (reviewed.reason() == null ? "" : " (" + reviewed.reason() + ")")
                + (reviewed.keptOut() ? "; it may not win the race" : "");
        if (reviewed.approved()) {
            listener.info(said);
        } else {
            listener.warning(said);
        }
        return reviewed;
    }

    private WorkerListener reviewerListener(Workstream ws, int n, String name) {
        return new WorkerListener() {
            @Override
            public void processStarted(long pid, Instant startedAt) {
                // on the racer's record, so that a later pwt stops it if this one is killed
                state.updateRacer(ws.name(), n, r -> r.withProcess(pid, startedAt));
                ProcessHandle.of(pid).ifPresent(tracker);
            }

            @Override
            public void progress(String line) {
                listener.workerProgress(name, "review: " + line);
            }
        };
    }

    /** The verdict as a person reads it: approve, request-changes, or "no verdict" when the review failed. */
    static String verdict(ReviewRecord review) {
        return review.verdictWord();
    }
}
