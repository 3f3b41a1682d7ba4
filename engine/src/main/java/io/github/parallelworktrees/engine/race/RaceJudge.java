package io.github.parallelworktrees.engine.race;

import io.github.parallelworktrees.engine.brief.TasksFile;
import io.github.parallelworktrees.engine.gate.GateException;
import io.github.parallelworktrees.engine.gate.GateSpec;
import io.github.parallelworktrees.engine.gate.QualityGate;
import io.github.parallelworktrees.engine.gate.Verdict;
import io.github.parallelworktrees.engine.gate.VerdictReport;
import io.github.parallelworktrees.engine.gate.report.Metric;
import io.github.parallelworktrees.engine.gate.report.TestSummary;
import io.github.parallelworktrees.engine.git.Git;
import io.github.parallelworktrees.engine.git.Worktrees;
import io.github.parallelworktrees.engine.ledger.Event;
import io.github.parallelworktrees.engine.ledger.RaceResult;
import io.github.parallelworktrees.engine.ledger.RaceResult.Standing;
import io.github.parallelworktrees.engine.ledger.ReviewRecord;
import io.github.parallelworktrees.engine.ledger.RunLayout;
import io.github.parallelworktrees.engine.ledger.RunListener;
import io.github.parallelworktrees.engine.ledger.RunState;
import io.github.parallelworktrees.engine.ledger.Usage;
import io.github.parallelworktrees.engine.ledger.WorkerRecord;
import io.github.parallelworktrees.engine.ledger.WorkerStatus;
import io.github.parallelworktrees.engine.merge.OffTreeMerge;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.plan.RaceSpec;
import io.github.parallelworktrees.engine.plan.Review;
import io.github.parallelworktrees.engine.plan.Wave;
import io.github.parallelworktrees.engine.plan.Workstream;
import io.github.parallelworktrees.engine.review.Reviewer;
import io.github.parallelworktrees.engine.worker.WorkerResults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Judges a race once its racers have ended: when the workstream is reviewed, each racer whose worker finished is
 * reviewed first ({@link RacerReviews}); each such racer has its branch merged onto the integration branch (off-tree,
 * no ref moves) and gated there with the workstream's wave gate, in a checkout of the race's own; its score's terms
 * are measured, its review's verdict among them; the winner's tip becomes the workstream's branch (created, or moved
 * forward with its old value checked, never reset), and the losers' branches stay as they are. The judgement and
 * the workstream's end are recorded; the workstream then lands like any finished one.
 */
public final class RaceJudge {

    private static final String NO_COMMIT = "0000000000000000000000000000000000000000";
    /** A gate command may run this long before its process tree is stopped (as the merge gates'). */
    private static final Duration GATE_TIMEOUT = Duration.ofHours(1);

    private final Plan plan;
    private final RunLayout layout;
    private final RunState state;
    private final RunListener listener;
    private final Git git;
    /** Reviews the racers when the workstream is reviewed ({@code review:} at any level). */
    private final Reviewer reviewer;
    /** The caller's gate for the racers, in place of the plan's wave gate; null: the wave gate. */
    private RacerGate racerGate;
    /** Told of every process the judging starts, so that stopping the workstream stops its gates and reviewers too. */
    private Consumer<ProcessHandle> tracker = process -> { };

    /** @param reviewer the run's reviewer (talking to its endpoints), for the racers of a reviewed workstream */
    public RaceJudge(Plan plan, RunLayout layout, RunState state, RunListener listener, Reviewer reviewer) {
        this.plan = plan;
        this.layout = layout;
        this.state = state;
        this.listener = listener;
        this.git = layout.git();
        this.reviewer = reviewer;
    }

    /**
     * Tells {@code tracker} of each gate and reviewer process the judging starts: the run tracks them under the
     * workstream, so that {@code pwt stop PLAN WS} or a signal stops a race's gate or reviewer as it stops its racers'
     * workers.
     */
    public RaceJudge trackedBy(Consumer<ProcessHandle> tracker) {
        this.tracker = tracker;
        return this;
    }

    /**
     * Gates the racers with {@code gate} instead of the plan's wave gate (the Jenkins body form's mergeWave body):
     * the racer's verdict is the gate's, and it measures no score terms (tests, coverage) of its own.
     */
    public RaceJudge gatedBy(RacerGate gate) {
        this.racerGate = gate;
        return this;
    }

    /**
     * Thrown when the workstream (or the run) was asked to stop while its race was being judged: nothing of this
     * judgement is recorded, the racers keep their results (and the reviews recorded before the stop), and resume
     * judges the race again.
     */
    public static final class JudgingStopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        JudgingStopped(String workstream) {
            super("the judging of " + workstream + "'s race was stopped");
        }
    }

    /**
     * Judges the race for {@code ws}, whose racers started from {@code startPoint}, records it, and ends the
     * workstream's record: done with the winner's commits on its branch, or failed naming every racer's verdict.
     */
    public RaceResult judge(Workstream ws, String startPoint) throws InterruptedException {
        RaceSpec race = ws.race().orElseThrow(() -> new IllegalArgumentException(ws.name() + " is not raced"));
        Optional<RaceResult> judgedAlready = judgedAlready(ws);
        if (judgedAlready.isPresent() && takeWinnersCommits(ws, judgedAlready.get().winning().orElseThrow())
                .isEmpty()) {
            // a run killed between recording its judgement and ending the workstream: judged once, not again
            listener.info(ws.name() + ": its race was judged before the run was cut short, and no racer changed"
                    + " since; kept as judged");
            end(ws, judgedAlready.get());
            return judgedAlready.get();
        }
        Map<Integer, ReviewRecord> reviewed = new HashMap<>();
        Optional<Review> review = plan.review(ws);
        if (review.isPresent()) {
            RacerReviews reviews = new RacerReviews(plan, layout, state, listener, reviewer, tracker);
            for (RaceSpec.Racer racer : race.racers()) {
                Optional<String> tip = finishedTip(ws, racer.number());
                if (tip.isPresent()) {
                    stopIfAsked(ws);
                    reviewed.put(racer.number(), reviews.review(ws, review.get(), racer, tip.get(), startPoint));
                }
            }
        }
        String onto = git.resolveCommit("refs/heads/" + plan.integration()).orElse(state.info().baseCommit());
        Optional<GateSpec> gate = plan.waves().stream().filter(w -> w.number() == ws.wave()).findFirst()
                .flatMap(Wave::gateSpec);
        List<Standing> standings = new ArrayList<>();
        for (RaceSpec.Racer racer : race.racers()) {
            stopIfAsked(ws);
            standings.add(standing(ws, racer, race, startPoint, onto, gate, reviewed.get(racer.number())));
        }
        // a stop that came during the last gate: that gate's verdict is the stop's, not the racer's
        stopIfAsked(ws);
        Ranking.Decision decision = Ranking.decide(standings, race.weights());
        String why = decision.why();
        Optional<Standing> winner = decision.winner().flatMap(n -> standings.stream()
                .filter(s -> s.racer() == n).findFirst());
        if (winner.isPresent()) {
            Optional<String> refused = takeWinnersCommits(ws, winner.get());
            if (refused.isPresent()) {
                why = refused.get() + " (" + why + ")";
                winner = Optional.empty();
            }
        }
        RaceResult result = new RaceResult(ws.name(), startPoint, onto, standings,
                winner.map(Standing::racer).orElse(null), why);
        state.recordRace(result);
        end(ws, result);
        return result;
    }

    /**
     * This run's judgement of the race, when it has a winner and every racer is as it was judged (its worker's end
     * and its branch's tip): a judging that would read the same racers again.
     */
    private Optional<RaceResult> judgedAlready(Workstream ws) {
        return state.race(ws.name()).filter(r -> r.winner() != null && r.winning().isPresent())
                .filter(r -> r.racers().stream().allMatch(s -> state.racer(ws.name(), s.racer())
                        .map(record -> record.status().id()).orElse(WorkerStatus.PENDING.id()).equals(s.status())
                        && git.resolveCommit("refs/heads/" + s.branch()).equals(Optional.ofNullable(s.tip()))));
    }

    /**
     * Ends the judging when the workstream or the run was asked to stop: a stopped gate or reviewer judges nobody.
     */
    private void stopIfAsked(Workstream ws) throws InterruptedException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("stopped while judging " + ws.name() + "'s race");
        }
        if (state.stop().isPresent() || state.workerStop(ws.name()).isPresent()) {
            throw new JudgingStopped(ws.name());
        }
    }

    /** Racer {@code n}'s branch tip, when its worker ended done and the branch is there: it is reviewed and gated. */
    private Optional<String> finishedTip(Workstream ws, int n) {
        boolean done = state.racer(ws.name(), n).filter(r -> r.status() == WorkerStatus.DONE).isPresent();
        return done ? git.resolveCommit("refs/heads/" + plan.racerBranch(ws, n)) : Optional.empty();
    }

    /**
     * How racer {@code racer} stands: its worker's end, its review (when reviewed), its gate's verdict on the
     * integration branch, its score.
     */
    private Standing standing(Workstream ws, RaceSpec.Racer racer, RaceSpec race, String startPoint, String onto,
            Optional<GateSpec> gate, ReviewRecord review) throws InterruptedException {
        int n = racer.number();
        String branch = plan.racerBranch(ws, n);
        Optional<WorkerRecord> record = state.racer(ws.name(), n);
        String status = record.map(r -> r.status().id()).orElse(WorkerStatus.PENDING.id());
        double cost = record.map(r -> r.usage().costUsd()).orElse(0.0);
        Optional<String> tip = git.resolveCommit("refs/heads/" + branch);
        Map<String, Double> terms = new LinkedHashMap<>();
        tip.ifPresent(t -> terms.put("diffSize", (double) linesChanged(startPoint, t)));
        if (review != null) {
            terms.put("review", reviewTerm(review));
        }
        terms.put("cost", cost);
        if (record.isEmpty() || record.get().status() != WorkerStatus.DONE || tip.isEmpty()) {
            String why = record.map(r -> r.status().id() + (r.reason() == null ? "" : ": " + r.reason()))
                    .orElse("it never started");
            return new Standing(n, branch, status, tip.orElse(null), "not done", why, false, orderedTerms(terms),
                    Ranking.score(terms, race.weights()), cost, null, null);
        }
        boolean reviewLetsItLand = review == null || !review.keptOut();
        String racerName = RaceSpec.racerName(ws.name(), n);
        OffTreeMerge.Result merged = new OffTreeMerge(git, plan.mergePolicies(), layout.mergesDir().resolve("scratch")
                .resolve("race-" + racerName)).merge(onto, tip.get(), ws.name(), "pwt: race for " + ws.name()
                + ": racer " + n + " (" + branch + ") on " + plan.integration());
        if (merged.commit().isEmpty()) {
            String why = "its branch conflicts with " + plan.integration() + " in "
                    + String.join(", ", merged.unresolved());
            verdictOnRecord(ws, n, "conflict", why);
            return new Standing(n, branch, status, tip.get(), "conflict", why, false, orderedTerms(terms),
                    Ranking.score(terms, race.weights()), cost, null, review);
        }
        if (racerGate != null) {
            Path tree = checkOut(layout.raceTree(ws.name()), merged.commit().get());
            RacerGate.Judgement judged = racerGate.judge(tree, merged.commit().get(), ws.name(), n);
            // a gate stopped by 'pwt stop' or a signal says nothing of the racer: not recorded as its verdict
            stopIfAsked(ws);
            verdictOnRecord(ws, n, judged.verdict(), judged.reason());
            return new Standing(n, branch, status, tip.get(), judged.verdict(), judged.reason(),
                    judged.passed() && reviewLetsItLand, orderedTerms(terms), Ranking.score(terms, race.weights()),
                    cost, null, review);
        }
        if (gate.isEmpty()) {
            return new Standing(n, branch, status, tip.get(), "no gate", null, reviewLetsItLand, orderedTerms(terms),
                    Ranking.score(terms, race.weights()), cost, null, review);
        }
        Path out = layout.resultsDir(racerName).resolve("race-gate");
        String verdictId;
        String reason;
        boolean eligible;
        try {
            Files.createDirectories(out);
            Path tree = checkOut(layout.raceTree(ws.name()), merged.commit().get());
            Verdict verdict = gate(gate.get(), tree, out, racerName);
            // a gate stopped by 'pwt stop' or a signal says nothing of the racer: not recorded as its verdict
            stopIfAsked(ws);
            VerdictReport.write(verdict, out);
            verdictId = VerdictReport.id(verdict.status());
            reason = verdict.failures().isEmpty() ? null : String.join("; ", verdict.failures());
            eligible = verdict.status().allowsMerge();
            verdict.tests().ifPresent(t -> terms.put("tests", (double) passed(t)));
            verdict.coverage().flatMap(c -> c.counter(Metric.LINE)).ifPresent(line -> line.percent()
                    .ifPresent(p -> terms.put("coverage", p)));
        } catch (GateException e) {
            verdictId = "error";
            reason = "the gate could not run: " + e.getMessage();
            eligible = false;
        } catch (IOException e) {
            verdictId = "error";
            reason = "the gate could not run: " + e.getMessage();
            eligible = false;
        }
        verdictOnRecord(ws, n, verdictId, reason);
        return new Standing(n, branch, status, tip.get(), verdictId, reason, eligible && reviewLetsItLand,
                orderedTerms(terms), Ranking.score(terms, race.weights()), cost, out.toString(), review);
    }

    /**
     * The review's score term: 1 when the reviewer approved, 0 when it requested changes or the review failed (no
     * verdict, the reviewer failed or changed the branch). A racer not reviewed has no such term (it counts 0 too).
     */
    static double reviewTerm(ReviewRecord review) {
        return review.approved() ? 1 : 0;
    }

    /** The gate's run, its command processes recorded so that a later pwt stops them if this one dies. */
    private Verdict gate(GateSpec spec, Path tree, Path out, String racerName) throws InterruptedException {
        List<Long> started = new ArrayList<>();
        try {
            return new QualityGate(layout.environment(), GATE_TIMEOUT, p -> {
                started.add(p.pid());
                tracker.accept(p);
                state.record(new Event.ProcessStarted(Instant.now(), "gate", "race gate of " + racerName, p.pid(),
                        p.info().startInstant().orElse(null)));
            }).evaluate(spec, tree, out);
        } finally {
            started.forEach(pid -> state.record(new Event.ProcessEnded(Instant.now(), pid)));
        }
    }

    private void verdictOnRecord(Workstream ws, int racer, String verdict, String reason) {
        WorkerRecord gated = state.updateRacer(ws.name(), racer, r -> r.withGate(verdict, reason));
        listener.gateJudged(gated);
    }

    /** Tests the gate's reports count as passed: run, and neither failed, errored nor skipped. */
    private static int passed(TestSummary tests) {
        return Math.max(0, tests.tests() - tests.failures() - tests.errors() - tests.skipped());
    }

    private static Map<String, Double> orderedTerms(Map<String, Double> terms) {
        Map<String, Double> ordered = new LinkedHashMap<>();
        for (String term : io.github.parallelworktrees.engine.plan.ScoreWeights.TERMS) {
            if (terms.containsKey(term)) {
                ordered.put(term, terms.get(term));
            }
        }
        return ordered;
    }

    /** Lines added plus lines deleted from {@code from} to {@code to} (a binary file counts as one line). */
    private long linesChanged(String from, String to) {
        long lines = 0;
        for (String row : git.lines("diff", "--numstat", "--no-renames", from, to)) {
            String[] cols = row.split("\t", 3);
            if (cols.length < 3) {
                continue;
            }
            if (cols[0].equals("-")) {
                lines++;
            } else {
                lines += Long.parseLong(cols[0]) + Long.parseLong(cols[1]);
            }
        }
        return lines;
    }

    /**
     * The race's gate checkout, detached at {@code commit} and cleaned of the last racer's outputs. It is pwt's
     * scratch checkout (cleanup removes it unless tracked files in it were changed).
     */
    private Path checkOut(Path tree, String commit) {
        Worktrees worktrees = new Worktrees(git);
        boolean created = git.withMetadataLock(() -> {
            if (worktrees.at(tree).isEmpty()) {
                if (Files.exists(tree)) {
                    throw new GateException(tree + " exists but is not the race's gate checkout; move it away");
                }
                git.run("worktree", "add", "--detach", tree.toString(), commit);
                return true;
            }
            return false;
        });
        if (!created) {
            Git wt = git.at(tree);
            String dirty = wt.run("status", "--porcelain", "--untracked-files=no");
            if (!dirty.isEmpty()) {
                throw new GateException("the race's gate checkout " + tree + " has changes to tracked files; it is"
                        + " pwt's scratch checkout: run 'git -C " + tree + " checkout -- .'");
            }
            wt.run("checkout", "--quiet", "--detach", commit);
            // a gate must see only this racer's candidate: no reports or builds left by the previous racer
            wt.run("clean", "-fdxq");
        }
        return tree;
    }

    /**
     * Makes the winner's tip the workstream's branch: creates it, or moves it forward when it holds nothing the
     * winner lacks (a resumed race); a branch with commits of its own is never reset.
     *
     * @return why it could not, if it could not
     */
    private Optional<String> takeWinnersCommits(Workstream ws, Standing winner) {
        String branch = plan.branchOf(ws);
        String ref = "refs/heads/" + branch;
        String tip = winner.tip();
        return git.withMetadataLock(() -> {
            Optional<String> existing = git.resolveCommit(ref);
            if (existing.isPresent() && existing.get().equals(tip)) {
                return Optional.<String>empty();
            }
            if (existing.isPresent() && !git.isAncestor(existing.get(), tip)) {
                return Optional.of("racer " + winner.racer() + " won, but branch " + branch + " already exists with"
                        + " commits the winner does not have (at " + existing.get().substring(0, 12) + "); pwt never"
                        + " resets a branch: rename it (git branch -m " + branch + " <other>) and resume, and the"
                        + " winner's commits become " + branch);
            }
            Optional<Worktrees.Entry> holder = new Worktrees(git).holding(branch);
            if (holder.isPresent()) {
                return Optional.of("racer " + winner.racer() + " won, but branch " + branch + " is checked out at "
                        + holder.get().path() + "; moving it would leave that checkout behind its branch: remove"
                        + " that worktree and resume");
            }
            git.run("update-ref", "-m", "pwt: race for " + ws.name() + " won by racer " + winner.racer(), ref, tip,
                    existing.orElse(NO_COMMIT));
            return Optional.<String>empty();
        });
    }

    /**
     * Ends the workstream's record as the race came out, with the winner's RESULTS.md (and REVIEW.md, when reviewed)
     * as the workstream's.
     */
    private void end(Workstream ws, RaceResult result) {
        Optional<Standing> winner = result.winning();
        if (winner.isEmpty()) {
            WorkerRecord failed = state.update(ws.name(), r -> r.finished(WorkerStatus.FAILED, null,
                    "race: " + result.why(), Instant.now(), false, Usage.NONE));
            listener.warning(ws.name() + ": " + result.why());
            listener.workerFinished(failed);
            return;
        }
        Standing w = winner.get();
        String racerName = RaceSpec.racerName(ws.name(), w.racer());
        boolean collected = false;
        Optional<String> summary = Optional.empty();
        try {
            Path from = layout.resultsDir(racerName).resolve(TasksFile.RESULTS);
            if (Files.isRegularFile(from)) {
                Path to = layout.resultsDir(ws.name());
                Files.createDirectories(to);
                Files.copy(from, to.resolve(TasksFile.RESULTS), StandardCopyOption.REPLACE_EXISTING);
                collected = true;
                summary = WorkerResults.summaryLine(Files.readString(from));
            }
            // the winner's REVIEW.md too: what a workstream's review leaves (and Jenkins archives) is there
            Path review = w.review() == null || w.review().file() == null ? null : Path.of(w.review().file());
            if (review != null && Files.isRegularFile(review)) {
                Files.createDirectories(layout.resultsDir(ws.name()));
                Files.copy(review, layout.resultsDir(ws.name()).resolve(Reviewer.FILE),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            listener.warning(ws.name() + ": could not copy the winner's RESULTS.md or REVIEW.md (" + e.getMessage()
                    + "); they are in " + layout.resultsDir(racerName));
        }
        boolean withResults = collected;
        Optional<String> checkpoint = summary;
        listener.info(ws.name() + ": " + result.why() + "; " + plan.branchOf(ws) + " is now racer " + w.racer()
                + "'s " + w.tip().substring(0, 12) + " (the other racers' branches are kept)");
        WorkerRecord done = state.update(ws.name(), r -> {
            WorkerRecord ended = r.finished(WorkerStatus.DONE, 0, "race: " + result.why(), Instant.now(),
                    withResults, Usage.NONE).withGate(w.verdict(), w.verdictReason());
            // the winner's review is the review of the workstream's branch now: an UNSTABLE one that did not approve
            // marks the run unstable, as a workstream's own review does (its cost stays in the racer's record)
            ended = w.review() == null ? ended : ended.withReview(w.review());
            return checkpoint.map(ended::withCheckpoint).orElse(ended);
        });
        listener.workerFinished(done);
    }
}
