package io.github.parallelworktrees.engine.run;

import io.github.parallelworktrees.engine.ledger.Event;
import io.github.parallelworktrees.engine.ledger.RunLayout;
import io.github.parallelworktrees.engine.ledger.RunListener;
import io.github.parallelworktrees.engine.ledger.RunState;
import io.github.parallelworktrees.engine.ledger.Usage;
import io.github.parallelworktrees.engine.ledger.WorkerRecord;
import io.github.parallelworktrees.engine.ledger.WorkerStatus;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.plan.RaceSpec;
import io.github.parallelworktrees.engine.plan.WorkerType;
import io.github.parallelworktrees.engine.plan.Workstream;
import io.github.parallelworktrees.engine.race.RaceJudge;
import io.github.parallelworktrees.engine.review.Reviewer;
import io.github.parallelworktrees.engine.worker.Worker;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.DoubleSupplier;

/**
 * The races of a run: a raced workstream, once it may start, opens its race; its racers then wait for worker
 * slots like workstreams do (each racer is one worker against maxParallel), and the last racer to end judges the
 * race ({@link RaceJudge}) on its own thread. A racer that finished in an earlier run of the race (resume) keeps
 * its result; the others run again on their kept branches.
 */
final class RacingTasks {

    private final Plan plan;
    private final RunLayout layout;
    private final RunState state;
    private final RunListener listener;
    private final Map<WorkerType, Worker> workers;
    /** Tracks a racer's processes under its workstream's name, so that stopping the workstream stops its racers. */
    private final BiConsumer<String, ProcessHandle> tracker;
    private final DoubleSupplier spent;
    /** Reviews the racers in a race's judging, when the raced workstream is reviewed. */
    private final Reviewer reviewer;
    private final Deque<Runnable> waiting = new ArrayDeque<>();

    /**
     * @param spent what the run has spent so far, workers and racers (their reviews included): no racer starts once
     *     the budget is
     * @param reviewer the runner's reviewer, talking to its endpoints
     */
    RacingTasks(Plan plan, RunLayout layout, RunState state, RunListener listener, Map<WorkerType, Worker> workers,
            BiConsumer<String, ProcessHandle> tracker, DoubleSupplier spent, Reviewer reviewer) {
        this.plan = plan;
        this.layout = layout;
        this.state = state;
        this.listener = listener;
        this.workers = workers;
        this.tracker = tracker;
        this.spent = spent;
        this.reviewer = reviewer;
    }

    /**
     * Opens the race for {@code ws} (its racers start from {@code startPoint}): the workstream runs while its
     * racers do; racers that have not finished earlier wait for a slot.
     */
    void open(Workstream ws, String baseCommit, String startPoint) {
        RaceSpec race = ws.race().orElseThrow();
        List<RaceSpec.Racer> toRun = race.racers().stream().filter(r -> state.addRacer(ws.name(), r.number(),
                WorkerRecord.pending(RaceSpec.racerName(ws.name(), r.number()), plan.racerBranch(ws, r.number()),
                        ws.wave())).status() != WorkerStatus.DONE).toList();
        int kept = race.racers().size() - toRun.size();
        WorkerRecord record = state.update(ws.name(), r -> r.started(Instant.now()).withStatus(WorkerStatus.RUNNING,
                "racing: " + race.racers().size() + " racers" + (kept > 0 ? " (" + kept + " done before, kept)"
                        : "")));
        listener.workerStarted(record);
        listener.info(ws.name() + ": race of " + race.racers().size() + " racers on branches "
                + plan.racerBranch(ws, 1) + " .. " + plan.racerBranch(ws, race.racers().size())
                + (kept > 0 ? "; " + kept + " finished in an earlier run and keep their result" : ""));
        AtomicInteger remaining = new AtomicInteger(toRun.size());
        Runnable judge = () -> judge(ws, startPoint);
        if (toRun.isEmpty()) {
            waiting.add(judge);
            return;
        }
        for (RaceSpec.Racer racer : toRun) {
            waiting.add(() -> {
                try {
                    runRacer(ws, racer, baseCommit, startPoint);
                } finally {
                    if (remaining.decrementAndGet() == 0) {
                        judge.run();
                    }
                }
            });
        }
    }

    /** True while racers wait for a worker slot. */
    boolean hasWaiting() {
        return !waiting.isEmpty();
    }

    /** The next racer's task (it takes a worker slot). */
    Runnable next() {
        return waiting.remove();
    }

    private void runRacer(Workstream ws, RaceSpec.Racer racer, String baseCommit, String startPoint) {
        Optional<Event.WorkerStopRequested> asked = state.workerStop(ws.name());
        if (asked.isPresent()) {
            // 'pwt stop' stopped the workstream while this racer waited for a slot: it does not start either
            listener.workerFinished(state.updateRacer(ws.name(), racer.number(), r -> r.withStatus(
                    WorkerStatus.STOPPED, "stopped by " + asked.get().by() + " before it started; 'pwt resume "
                            + plan.source() + "' runs it")));
            return;
        }
        if (plan.budgetUsd().isPresent() && spent.getAsDouble() >= plan.budgetUsd().get()) {
            String why = String.format(Locale.ROOT, "the run's budget of $%.2f is spent ($%.2f so far)",
                    plan.budgetUsd().get(), spent.getAsDouble());
            listener.workerFinished(state.updateRacer(ws.name(), racer.number(),
                    r -> r.withStatus(WorkerStatus.SKIPPED, why)));
            return;
        }
        Worker worker = workers.get(racer.worker().type());
        WorkstreamTask.racer(plan, ws, racer, layout, state, baseCommit, startPoint, worker, listener,
                process -> tracker.accept(ws.name(), process)).run();
    }

    /**
     * Judges the race unless the run is being stopped (then the workstream is recorded interrupted, and resumes)
     * or 'pwt stop' stopped the workstream (then it is recorded stopped: a race is not judged on the racers that
     * happened to finish before the stop, and resume runs the stopped racers again). A stop during the racers'
     * reviews ends the judging the same way.
     */
    private void judge(Workstream ws, String startPoint) {
        if (state.stop().isPresent() || Thread.currentThread().isInterrupted()) {
            return;
        }
        if (state.workerStop(ws.name()).isPresent()) {
            recordStopped(ws);
            return;
        }
        try {
            new RaceJudge(plan, layout, state, listener, reviewer)
                    .trackedBy(process -> tracker.accept(ws.name(), process)).judge(ws, startPoint);
        } catch (RaceJudge.JudgingStopped e) {
            // 'pwt stop' of this workstream, or of the run, came during a gate or a racer's review: as a stop
            // before the judging
            if (state.stop().isEmpty()) {
                recordStopped(ws);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            String why = "the race could not be judged: " + (e.getMessage() == null ? e.toString() : e.getMessage())
                    + "; the racers' branches are kept ('pwt resume' judges it again)";
            listener.warning(ws.name() + ": " + why);
            listener.workerFinished(state.update(ws.name(), r -> r.finished(WorkerStatus.FAILED, null, why,
                    Instant.now(), false, Usage.NONE)));
        }
    }

    /** The workstream 'pwt stop' stopped while it raced or was judged: recorded stopped, with its racers' ends. */
    private void recordStopped(Workstream ws) {
        Event.WorkerStopRequested asked = state.workerStop(ws.name()).orElseThrow();
        List<String> racers = state.racers(ws.name()).entrySet().stream()
                .map(e -> "racer " + e.getKey() + " " + e.getValue().status().id()).toList();
        String why = "stopped by " + asked.by() + " (" + String.join(", ", racers) + "); 'pwt resume "
                + plan.source() + "' runs the racers that did not finish and judges the race";
        listener.workerFinished(state.update(ws.name(), r -> r.finished(WorkerStatus.STOPPED, null, why,
                Instant.now(), false, Usage.NONE)));
    }
}
