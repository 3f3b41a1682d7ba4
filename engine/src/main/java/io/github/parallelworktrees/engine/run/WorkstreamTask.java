package io.github.parallelworktrees.engine.run;

import io.github.parallelworktrees.engine.brief.TasksFile;
import io.github.parallelworktrees.engine.gate.GateException;
import io.github.parallelworktrees.engine.gate.GateSpec;
import io.github.parallelworktrees.engine.gate.QualityGate;
import io.github.parallelworktrees.engine.gate.Verdict;
import io.github.parallelworktrees.engine.gate.VerdictReport;
import io.github.parallelworktrees.engine.git.GitException;
import io.github.parallelworktrees.engine.git.WorktreeException;
import io.github.parallelworktrees.engine.git.Worktrees;
import io.github.parallelworktrees.engine.ledger.RunListener;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.plan.Review;
import io.github.parallelworktrees.engine.review.Reviewer;
import io.github.parallelworktrees.engine.review.TestWriter;
import io.github.parallelworktrees.engine.ledger.TestsRecord;
import io.github.parallelworktrees.engine.ledger.ReviewRecord;
import io.github.parallelworktrees.engine.plan.RaceSpec;
import io.github.parallelworktrees.engine.control.OperatorNotes;
import io.github.parallelworktrees.engine.plan.Wave;
import io.github.parallelworktrees.engine.plan.Workstream;
import io.github.parallelworktrees.engine.process.Environment;
import io.github.parallelworktrees.engine.process.LoggedCommand;
import io.github.parallelworktrees.engine.process.ProcessResult;
import io.github.parallelworktrees.engine.ledger.Event;
import io.github.parallelworktrees.engine.ledger.Json;
import io.github.parallelworktrees.engine.ledger.RunLayout;
import io.github.parallelworktrees.engine.ledger.RunState;
import io.github.parallelworktrees.engine.ledger.Usage;
import io.github.parallelworktrees.engine.ledger.WorkerRecord;
import io.github.parallelworktrees.engine.ledger.WorkerStatus;
import io.github.parallelworktrees.engine.worker.RepairRequest;
import io.github.parallelworktrees.engine.worker.Worker;
import io.github.parallelworktrees.engine.worker.WorkerContext;
import io.github.parallelworktrees.engine.worker.WorkerListener;
import io.github.parallelworktrees.engine.worker.WorkerOutcome;
import io.github.parallelworktrees.engine.worker.WorkerResults;
import io.github.parallelworktrees.engine.workspace.DotEnv;
import io.github.parallelworktrees.engine.workspace.WorkstreamEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/** One workstream's turn: prepare its worktree, run its worker, hand over its results. Never throws. */
final class WorkstreamTask implements Runnable {

    private final Plan plan;
    private final Workstream ws;
    private final RunLayout layout;
    private final RunState state;
    private final String baseCommit;
    private final String startPoint;
    private final Worker worker;
    private final RunListener listener;
    private final Consumer<ProcessHandle> processTracker;
    private final Worktrees worktrees;
    private final CheckoutGuard checkout;
    /** The repair this turn is, when a merge left the branch out and it goes back to its worker. */
    private final Optional<Event.RepairStarted> repair;
    /** The racer this turn is, when several workers race for the workstream (its own branch and worktree). */
    private final Optional<RaceSpec.Racer> racer;
    /** The name its record, worktree and results go by: the workstream's, or the racer's ({@code <ws>-racer-<n>}). */
    private final String slot;
    /** The branch it works on. */
    private final String branch;
    /** What this turn noticed in the main checkout, kept for the record's reason. */
    private final List<String> checkoutChanges = new ArrayList<>();
    /** Reviews the finished branch when the plan asks for it ({@link #reviewedBy}). */
    private Reviewer reviewer = new Reviewer(new io.github.parallelworktrees.engine.claude.ScriptedRehearsals());
    /** Writes tests for the finished branch when its review asks for them ({@link #testsWrittenBy}). */
    private TestWriter testWriter = new TestWriter(new io.github.parallelworktrees.engine.claude.ScriptedRehearsals());

    /**
     * @param startPoint the commit a new branch starts from: the base, or the integration branch once the
     *     workstream's dependencies are merged into it
     */
    WorkstreamTask(Plan plan, Workstream ws, RunLayout layout, RunState state, String baseCommit, String startPoint,
            Worker worker, RunListener listener, Consumer<ProcessHandle> processTracker) {
        this(plan, ws, layout, state, baseCommit, startPoint, worker, listener, processTracker, Optional.empty());
    }

    /**
     * @param repair the open repair of the workstream, when this turn repairs its left-out branch: the worktree
     *     first takes in the integration branch (a merge), and the worker gets the repair's report
     */
    WorkstreamTask(Plan plan, Workstream ws, RunLayout layout, RunState state, String baseCommit, String startPoint,
            Worker worker, RunListener listener, Consumer<ProcessHandle> processTracker,
            Optional<Event.RepairStarted> repair) {
        this(plan, ws, layout, state, baseCommit, startPoint, worker, listener, processTracker, repair,
                Optional.empty());
    }

    /**
     * A racer's turn: racer {@code racer} of the raced workstream {@code ws} works it on its own branch
     * ({@code <feature>/<ws>-racer-<n>}) and worktree, with its own worker and prompt, and is not gated here (the
     * race's judge gates every racer).
     */
    static WorkstreamTask racer(Plan plan, Workstream ws, RaceSpec.Racer racer, RunLayout layout, RunState state,
            String baseCommit, String startPoint, Worker worker, RunListener listener,
            Consumer<ProcessHandle> processTracker) {
        return new WorkstreamTask(plan, ws, layout, state, baseCommit, startPoint, worker, listener, processTracker,
                Optional.empty(), Optional.of(racer));
    }

    private WorkstreamTask(Plan plan, Workstream ws, RunLayout layout, RunState state, String baseCommit,
            String startPoint, Worker worker, RunListener listener, Consumer<ProcessHandle> processTracker,
            Optional<Event.RepairStarted> repair, Optional<RaceSpec.Racer> racer) {
        this.repair = repair;
        this.racer = racer;
        this.plan = plan;
        this.ws = racer.map(ws::asRacer).orElse(ws);
        this.slot = racer.map(r -> RaceSpec.racerName(ws.name(), r.number())).orElse(ws.name());
        this.branch = racer.map(r -> plan.racerBranch(ws, r.number())).orElse(plan.branchOf(ws));
        this.layout = layout;
        this.state = state;
        this.baseCommit = baseCommit;
        this.startPoint = startPoint;
        this.worker = worker;
        this.listener = listener;
        this.processTracker = processTracker;
        this.worktrees = new Worktrees(layout.git());
        this.checkout = new CheckoutGuard(layout.git());
    }

    /** The reviewer of this workstream's finished branch, talking to the runner's endpoints; returns this task. */
    WorkstreamTask reviewedBy(Reviewer runnersReviewer) {
        this.reviewer = runnersReviewer;
        return this;
    }

    /** The test-writer of this workstream's finished branch, talking to the runner's endpoints; returns this task. */
    WorkstreamTask testsWrittenBy(TestWriter runnersTestWriter) {
        this.testWriter = runnersTestWriter;
        return this;
    }

    @Override
    public void run() {
        String name = slot;
        Path log = layout.workerLog(name);
        WorkerRecord record = update(r -> r.started(Instant.now()).withStatus(WorkerStatus.PREPARING,
                null));
        listener.workerStarted(record);
        try {
            Path worktree = layout.worktree(name);
            // a worktree removed or pruned since it was prepared is made again from its branch
            boolean missing = record.prepared() && worktrees.isMissing(worktree);
            if (!record.prepared() || missing) {
                prepare(worktree, log, missing);
            }
            worktrees.requireBranch(worktree, branch);
            if (repair.isPresent()) {
                takeInIntegration(worktree, log);
            }
            WorkerResults.setAsideEarlierResults(worktree, layout.resultsDir(name), record.attempts() - 1);
            update(r -> r.withStatus(WorkerStatus.RUNNING, null));
            LoggedCommand.appendLine(log, "pwt: worker " + ws.worker().type().id() + ", attempt "
                    + record.attempts() + repair.map(r -> ", repair " + r.attempt() + " of " + r.attempts())
                    .orElse(""));
            Optional<CheckoutGuard.Snapshot> before = checkoutState(log);
            // a note the operator left for this attempt (pwt retry --note, pwt steer of an ended worker)
            Optional<Path> note = racer.isPresent() ? Optional.empty()
                    : OperatorNotes.takeForAttempt(layout, name, record.attempts());
            if (note.isPresent()) {
                LoggedCommand.appendLine(log, "pwt: the operator's note for this attempt: " + note.get());
            }
            Environment workerEnv = environment(worktree);
            if (note.isPresent()) {
                workerEnv = workerEnv.with(Map.of("PWT_NOTE", note.get().toString()));
            }
            WorkerOutcome outcome = worker.run(new WorkerContext(ws, plan.feature(), branch, worktree,
                    layout.repository(), layout.root(), layout.resultsDir(name), log, workerEnv,
                    record.attempts(),
                    Optional.ofNullable(record.sessionId()), workerListener(),
                    repair.map(r -> new RepairRequest(r.attempt(), Path.of(r.report())))));
            checkCheckout(before, name + " ran", log);
            finish(worktree, outcome);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            end(WorkerStatus.FAILED, null, "interrupted: the run was stopped", false, Usage.NONE);
        } catch (Exception e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            appendQuietly(log, "pwt: " + why);
            end(WorkerStatus.FAILED, null, why, false, Usage.NONE);
        }
    }

    /** @param recreating its worktree was prepared once and is gone now */
    private void prepare(Path worktree, Path log, boolean recreating) throws IOException, InterruptedException {
        Worktrees.Added added = worktrees.add(worktree, branch, startPoint);
        if (recreating && added == Worktrees.Added.NEW_BRANCH) {
            listener.warning(slot + ": its worktree and its branch " + branch + " were both removed;"
                    + " starting the workstream afresh at " + worktree);
        } else if (added == Worktrees.Added.NEW_BRANCH && !startPoint.equals(baseCommit)) {
            listener.info(slot + ": starts from the integration branch, which has its dependencies merged");
        }
        if (added == Worktrees.Added.EXISTING_BRANCH) {
            String ahead = layout.git().at(worktree).run("rev-list", "--count", baseCommit + "..HEAD");
            listener.info(recreating
                    ? slot + ": its worktree was missing; recreated it at " + worktree + " on the existing branch "
                            + branch + " (" + ahead + " commit(s) ahead of base); nothing was reset"
                    : slot + ": reusing existing branch " + branch + " as it is (" + ahead
                            + " commit(s) ahead of base); nothing was reset");
        }
        writeDotEnv(worktree);
        Json.writeAtomically(worktree.resolve(TasksFile.NAME), TasksFile.render(plan, ws, worktree,
                layout.coordinationFile(), startPoint, tasksText()));
        Optional<CheckoutGuard.Snapshot> before = plan.setup().isEmpty() ? Optional.empty() : checkoutState(log);
        for (String command : plan.setup()) {
            ProcessResult result = LoggedCommand.run(command, worktree, environment(worktree), log,
                    ws.worker().timeout(), processTracker);
            before = checkCheckout(before, ws.name() + "'s setup command '" + command + "' ran", log);
            if (!result.succeeded()) {
                throw new RunException("setup command '" + command + "' "
                        + (result.timedOut() ? "timed out" : "failed with exit " + result.exitCode())
                        + "; see " + log);
            }
        }
        update(WorkerRecord::markPrepared);
    }

    private void finish(Path worktree, WorkerOutcome outcome) throws IOException, InterruptedException {
        Optional<String> branchLost = branchProblem();
        if (branchLost.isPresent()) {
            // nothing is committed or collected: on a deleted branch that would start an unrelated history
            end(WorkerStatus.FAILED, outcome.exitCode(), branchLost.get(), false, outcome.usage());
            return;
        }
        List<String> unresolved = repair.isPresent() ? unmerged(layout.git().at(worktree)) : List.of();
        if (!unresolved.isEmpty()) {
            // committing now would commit the conflict markers; the worktree is left as the worker left it
            end(WorkerStatus.FAILED, outcome.exitCode(), "the worker left the merge of the integration branch"
                    + " unresolved (conflicts in " + String.join(", ", unresolved) + "); see " + worktree, false,
                    outcome.usage());
            return;
        }
        WorkerResults.Handover handover = WorkerResults.handOver(layout.git().at(worktree),
                layout.resultsDir(slot), slot);
        if (handover.committedLeftovers()) {
            listener.info(slot + ": committed changes the worker left uncommitted");
        }
        handover.summary().ifPresent(s -> update(r -> r.withCheckpoint(s)));
        WorkerStatus status;
        String why = outcome.failure().orElse(null);
        if (!outcome.succeeded()) {
            status = switch (outcome.ending()) {
                case TIMED_OUT -> WorkerStatus.TIMED_OUT;
                case MAX_TURNS -> WorkerStatus.MAX_TURNS;
                case OVER_BUDGET -> WorkerStatus.OVER_BUDGET;
                default -> WorkerStatus.FAILED;
            };
        } else if (!handover.resultsFound()) {
            status = WorkerStatus.INCOMPLETE;
            why = "the worker exited " + outcome.exitCode() + " without writing RESULTS.md";
        } else {
            status = WorkerStatus.DONE;
            why = null;
        }
        Usage spent = outcome.usage();
        Optional<Review> review = status == WorkerStatus.DONE ? plan.review(ws) : Optional.empty();
        Optional<TestsRecord> tests = Optional.empty();
        if (review.isPresent() && review.get().tests() && racer.isEmpty()) {
            // before the review, so that the reviewer, the gate and the merge judge the branch with its tests; once
            // per workstream: a repair's worker keeps the tests it was given
            tests = Optional.ofNullable(state.worker(ws.name()).tests());
            if (tests.isEmpty()) {
                TestWriter.Outcome written = writeTests(worktree, review.get());
                spent = spent.plus(written.usage());
                if (state.stop().isPresent()) {
                    // cut short by the stop: resume runs the workstream, then its test-writer, again
                    end(WorkerStatus.FAILED, outcome.exitCode(), "its test-writer was stopped", false, spent);
                    return;
                }
                state.record(new Event.TestsWritten(Instant.now(), ws.name(), written.record()));
                TestsRecord t = written.record();
                tests = Optional.of(t);
                String said = ws.name() + ": tests by its test-writer: " + t.status() + ", " + t.commits()
                        + " commit(s) on " + t.branch() + (t.reason() == null ? "" : " (" + t.reason() + ")");
                if (t.merged()) {
                    listener.info(said);
                } else {
                    listener.warning(said);
                }
            }
        }
        // a racer is reviewed in its race's judging (RaceJudge), with a REVIEW.md of its own, not here under the
        // workstream's name
        if (review.isPresent() && racer.isEmpty()) {
            // before the worker is recorded as done: a done branch is the queue's to merge, and it must wait for this
            Reviewer.Outcome reviewed = review(worktree, review.get(), tests);
            spent = spent.plus(reviewed.usage());
            if (state.stop().isPresent()) {
                // a review cut short by the stop judges nothing: resume runs the workstream, then its review, again
                end(WorkerStatus.FAILED, outcome.exitCode(), "its review was stopped", false, spent);
                return;
            }
            state.record(new Event.Reviewed(Instant.now(), ws.name(), reviewed.record()));
            ReviewRecord r = reviewed.record();
            String said = ws.name() + ": review " + r.round() + ": " + r.verdictWord() + (r.reason() == null ? "" : " (" + r.reason() + ")")
                    + (r.keptOut() ? "; the branch is kept out of " + plan.integration() : "");
            if (r.approved()) {
                listener.info(said);
            } else {
                listener.warning(said);
            }
        }
        end(status, outcome.exitCode(), why, handover.resultsFound(), spent);
        // with autoMerge the wave's gate runs on the merged tree instead, where bisection names the culprits
        if (status == WorkerStatus.DONE && !plan.autoMerge() && racer.isEmpty()) {
            gate(worktree);
        }
    }

    /**
     * Runs the wave's gate on the workstream's own branch, in its worktree, so a broken branch is named before
     * it is merged. The verdict goes to results/<ws>/gate.json and gate.md and into the workstream's record.
     */
    private void gate(Path worktree) {
        Optional<GateSpec> spec = plan.waves().stream().filter(w -> w.number() == ws.wave()).findFirst()
                .flatMap(Wave::gateSpec);
        if (spec.isEmpty()) {
            return;
        }
        Path results = layout.resultsDir(slot);
        String status;
        String reason;
        try {
            Verdict verdict = new QualityGate(environment(worktree), ws.worker().timeout())
                    .evaluate(spec.get(), worktree, results);
            VerdictReport.write(verdict, results);
            status = VerdictReport.id(verdict.status());
            reason = verdict.failures().isEmpty() ? null : String.join("; ", verdict.failures());
        } catch (GateException e) {
            status = "error";
            reason = "the gate could not run: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        String judged = status;
        String why = reason;
        WorkerRecord gated = update(r -> r.withGate(judged, why));
        listener.gateJudged(gated);
    }

    /**
     * Runs the workstream's reviewer on its finished branch, in its worktree. The diff it reads starts where the
     * branch meets the integration branch (the run's base when nothing has landed), so that after a repair, which
     * merges the integration branch in, it is still the workstream's own work.
     */
    private Reviewer.Outcome review(Path worktree, Review review, Optional<TestsRecord> tests)
            throws IOException, InterruptedException {
        io.github.parallelworktrees.engine.git.Git wt = layout.git().at(worktree);
        String reviewBase = workBase(wt);
        int round;
        synchronized (state) {
            round = (int) state.view().reviews().stream().filter(r -> r.workstream().equals(ws.name())).count() + 1;
        }
        LoggedCommand.appendLine(layout.workerLog(ws.name()), "pwt: review " + round + " by a "
                + review.worker().type().id() + " reviewer (" + review.criticality().name() + ")");
        listener.info(ws.name() + ": review " + round + " by a " + review.worker().type().id() + " reviewer");
        return reviewer.review(new Reviewer.Request(ws, review, plan.feature(), plan.branchOf(ws), worktree,
                layout.repository(), layout.root(), layout.resultsDir(ws.name()), environment(worktree), wt,
                reviewBase, round, new WorkerListener() {
                    @Override
                    public void processStarted(long pid, Instant startedAt) {
                        state.update(ws.name(), r -> r.withProcess(pid, startedAt));
                        ProcessHandle.of(pid).ifPresent(processTracker);
                    }

                    @Override
                    public void progress(String line) {
                        listener.workerProgress(ws.name(), "review: " + line);
                    }
                }, tests));
    }

    /**
     * Where the workstream's own work starts: where its branch meets the integration branch (the run's base when
     * nothing has landed), so that after a repair, which merges the integration branch in, its diff from here is
     * still its own.
     */
    private String workBase(io.github.parallelworktrees.engine.git.Git wt) {
        String from = layout.git().resolveCommit("refs/heads/" + plan.integration()).orElse(baseCommit);
        return wt.tryRun("merge-base", "HEAD", from).succeeded() ? wt.run("merge-base", "HEAD", from) : baseCommit;
    }

    /**
     * Runs the workstream's test-writer ({@code review: {tests: true}}) in a worktree of its own, on its branch
     * {@code <feature>/<ws>-tests} from the workstream's tip, and merges what it commits into the workstream's branch.
     */
    private TestWriter.Outcome writeTests(Path worktree, Review review) throws IOException, InterruptedException {
        io.github.parallelworktrees.engine.git.Git wt = layout.git().at(worktree);
        String name = Review.testsName(ws.name());
        LoggedCommand.appendLine(layout.workerLog(ws.name()), "pwt: tests by a " + review.worker().type().id()
                + " test-writer on " + plan.testsBranch(ws));
        listener.info(ws.name() + ": tests by a " + review.worker().type().id() + " test-writer on "
                + plan.testsBranch(ws));
        return testWriter.write(new TestWriter.Request(ws, review, plan.feature(), plan.branchOf(ws), worktree,
                plan.testsBranch(ws), layout.worktree(name), layout.repository(), layout.root(),
                layout.resultsDir(name), worktree.resolve(TasksFile.NAME),
                layout.resultsDir(ws.name()).resolve(TasksFile.RESULTS), environment(worktree), layout.git(),
                workBase(wt), new WorkerListener() {
                    @Override
                    public void processStarted(long pid, Instant startedAt) {
                        state.update(ws.name(), r -> r.withProcess(pid, startedAt));
                        ProcessHandle.of(pid).ifPresent(processTracker);
                    }

                    @Override
                    public void progress(String line) {
                        listener.workerProgress(ws.name(), "tests: " + line);
                    }
                }));
    }

    /**
     * Before a repair's worker runs: the worktree takes in the integration branch's commit the repair names, with a
     * merge (never a rebase of the worker's commits). A conflict leaves the worktree in the middle of the merge,
     * markers and all, for the worker to resolve; the report says which files.
     */
    private void takeInIntegration(Path worktree, Path log) throws IOException {
        Event.RepairStarted r = repair.orElseThrow();
        io.github.parallelworktrees.engine.git.Git wt = layout.git().at(worktree);
        String integration = r.integration();
        String note;
        if (wt.tryRun("rev-parse", "-q", "--verify", "MERGE_HEAD").succeeded()) {
            note = "your worktree is still in the middle of a merge (from before pwt was stopped); the files in"
                    + " conflict: " + String.join(", ", unmerged(wt)) + ". Resolve them, `git add` them and `git"
                    + " commit` to conclude the merge.";
        } else if (wt.isAncestor(integration, "HEAD")) {
            note = "your branch already holds the integration branch's commit " + integration + "; nothing was"
                    + " merged.";
        } else {
            try {
                wt.runWithEnv(io.github.parallelworktrees.engine.git.Committer.identity(wt),
                        List.of("merge", "--no-edit", integration));
                note = "pwt merged the integration branch's commit " + integration + " into your branch cleanly"
                        + " (commit " + wt.run("rev-parse", "HEAD") + ").";
            } catch (GitException e) {
                List<String> conflicts = unmerged(wt);
                if (conflicts.isEmpty()) {
                    throw new RunException("repair " + r.attempt() + ": could not merge the integration branch's"
                            + " commit " + integration + " into " + branch + " in " + worktree + ": "
                            + e.getMessage());
                }
                note = "pwt's merge of the integration branch's commit " + integration + " into your branch"
                        + " conflicts in: " + String.join(", ", conflicts) + ". Your worktree is left in the middle"
                        + " of that merge, with conflict markers in those files: resolve them, `git add` them and"
                        + " `git commit` to conclude the merge.";
            }
        }
        Files.writeString(Path.of(r.report()), "\n## In your worktree now\n\n" + note + "\n",
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        LoggedCommand.appendLine(log, "pwt: repair " + r.attempt() + ": " + note);
        listener.info(slot + ": repair " + r.attempt() + ": " + note);
    }

    /** Files git has in conflict (unmerged) in the worktree. */
    private static List<String> unmerged(io.github.parallelworktrees.engine.git.Git wt) {
        return wt.lines("diff", "--name-only", "--diff-filter=U");
    }

    /** Why the workstream's branch cannot be taken as its work after its worker ran, if it cannot. */
    private Optional<String> branchProblem() {
        try {
            worktrees.requireBranch(layout.worktree(slot), branch);
        } catch (WorktreeException e) {
            return Optional.of(e.getMessage());
        }
        // an existing branch may have been reused from before the base; one sharing no history with it was replaced
        if (!layout.git().tryRun("merge-base", baseCommit, "refs/heads/" + branch).succeeded()) {
            return Optional.of("branch '" + branch + "' shares no history with the run's base "
                    + baseCommit.substring(0, 12) + " any more: it was deleted and made again while the worker ran;"
                    + " it was left as it is (its earlier commits are in 'git reflog' in " + layout.worktree(slot)
                    + ")");
        }
        return Optional.empty();
    }

    /** The main checkout's state now, or empty (with a warning) when git cannot read it. */
    private Optional<CheckoutGuard.Snapshot> checkoutState(Path log) {
        try {
            return Optional.of(checkout.snapshot());
        } catch (GitException e) {
            String message = "could not read the main checkout's state to check that no worker writes there: "
                    + e.getMessage();
            listener.warning(slot + ": " + message);
            appendQuietly(log, "pwt: warning: " + message);
            return Optional.empty();
        }
    }

    /**
     * Reports loudly, and leaves as it is, any change to the main checkout since {@code before}: a worker or setup
     * command may have written outside its worktree, or the user may have; which one is not known.
     *
     * @return the state now, to compare the next step with
     */
    private Optional<CheckoutGuard.Snapshot> checkCheckout(Optional<CheckoutGuard.Snapshot> before, String during,
            Path log) {
        if (before.isEmpty()) {
            return checkoutState(log);
        }
        Optional<CheckoutGuard.Snapshot> after = checkoutState(log);
        after.flatMap(now -> checkout.changes(before.get(), now)).ifPresent(change -> {
            String message = "the main checkout " + layout.repository() + " changed while " + during + " (" + change
                    + "): a worker may have written outside its worktree; pwt left the changes as they are";
            checkoutChanges.add(message);
            listener.warning(slot + ": " + message);
            appendQuietly(log, "pwt: warning: " + message);
        });
        return after;
    }

    private void end(WorkerStatus ending, Integer exit, String reason, boolean collected, Usage spent) {
        WorkerStatus status = ending;
        String cause = reason;
        Optional<Event.WorkerStopRequested> asked = status == WorkerStatus.DONE ? Optional.empty()
                : state.workerStop(ws.name());
        Optional<Event.StopRequested> stop = status == WorkerStatus.DONE ? Optional.empty() : state.stop();
        if (asked.isPresent()) {
            // 'pwt stop' asked for this worker (alone, or with the whole run): stopped, not failed; resume runs it
            status = WorkerStatus.STOPPED;
            cause = "stopped by " + asked.get().by() + (reason == null ? "" : " (" + reason + ")");
        } else if (stop.isPresent()) {
            // a signal stopped pwt, and pwt stopped this worker: not its failure, and resume continues it
            status = WorkerStatus.INTERRUPTED;
            cause = stop.get().stoppedBecause(reason);
        }
        List<String> reasons = new ArrayList<>();
        if (cause != null) {
            reasons.add(cause);
        }
        reasons.addAll(checkoutChanges);
        String why = reasons.isEmpty() ? null : String.join("; ", reasons);
        WorkerStatus end = status;
        // the log's last line before the end is recorded: 'pwt logs -f' stops at the recorded end, and must have it
        appendQuietly(layout.workerLog(slot), "pwt: " + status.id() + (why == null ? "" : ": " + why));
        WorkerRecord done = update(r -> r.finished(end, exit, why, Instant.now(), collected,
                spent));
        listener.workerFinished(done);
    }

    /** Changes this turn's record: the workstream's, or the racer's. */
    private WorkerRecord update(java.util.function.UnaryOperator<WorkerRecord> change) {
        return racer.isPresent() ? state.updateRacer(ws.name(), racer.get().number(), change)
                : state.update(ws.name(), change);
    }

    private WorkerListener workerListener() {
        return new WorkerListener() {
            @Override
            public void processStarted(long pid, Instant startedAt) {
                update(r -> r.withProcess(pid, startedAt));
                ProcessHandle.of(pid).ifPresent(processTracker);
            }

            @Override
            public void sessionStarted(String sessionId) {
                update(r -> r.withSession(sessionId));
            }

            @Override
            public void progress(String line) {
                listener.workerProgress(slot, line);
            }
        };
    }

    /** The run's environment with the workstream's own variables, for its worker, setup commands and gate. */
    private Environment environment(Path worktree) {
        Environment env = WorkstreamEnvironment.of(plan, layout, ws, branch, worktree,
                racer.map(r -> OptionalInt.of(r.number())).orElse(OptionalInt.empty()));
        if (repair.isEmpty()) {
            return env;
        }
        Map<String, String> repairing = new LinkedHashMap<>();
        repairing.put("PWT_REPAIR", String.valueOf(repair.get().attempt()));
        repairing.put("PWT_REPAIR_REPORT", repair.get().report());
        return env.with(repairing);
    }

    private void writeDotEnv(Path worktree) throws IOException {
        Optional<String> text = DotEnv.forWorktree(layout.repository(), plan.env(), ws.index());
        if (text.isPresent()) {
            Json.writeAtomically(worktree.resolve(".env"), text.get());
        }
    }

    private Optional<String> tasksText() throws IOException {
        if (ws.tasksFile().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Files.readString(PlanRunner.tasksPath(layout.repository(), ws)));
    }

    private static void appendQuietly(Path log, String line) {
        try {
            LoggedCommand.appendLine(log, line);
        } catch (IOException ignored) {
            // the state files still say what happened
        }
    }
}
