package io.github.parallelworktrees.engine.status;

import io.github.parallelworktrees.engine.ledger.Event;
import io.github.parallelworktrees.engine.ledger.RunInfo;
import io.github.parallelworktrees.engine.ledger.RunLayout;
import io.github.parallelworktrees.engine.ledger.RunLock;
import io.github.parallelworktrees.engine.ledger.RunState;
import io.github.parallelworktrees.engine.ledger.RunView;
import io.github.parallelworktrees.engine.ledger.WorkerStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The live dashboard ({@code pwt watch}): the status report, and what the queue is doing right now (the merge under
 * way, the gates running and since when) and the run's budget. Read from the run's files alone at {@code at}, like
 * the status, so it works for a run another process is making.
 *
 * @param merging the merge under way (while a pwt holds the run)
 * @param gates the gate processes running (while a pwt holds the run), oldest first
 * @param autoMerge the plan lands finished work by itself: a finished branch not landed yet is queued
 * @param budgetUsd the plan's run-wide budget, if it has one
 */
public record Dashboard(StatusReport status, Instant at, Optional<Event.MergeStarted> merging, List<GateRun> gates,
        boolean autoMerge, Optional<Double> budgetUsd) {

    public Dashboard {
        gates = List.copyOf(gates);
    }

    /**
     * A gate's process running.
     *
     * @param key what it judges ("wave 2, merge 1, gate run 3")
     */
    public record GateRun(String key, Instant since) {
    }

    /** Where a workstream's work stands towards the integration branch. */
    public enum Landing {
        /** The integration branch holds its tip (git's answer). */
        LANDED,
        /** The merge under way takes it in. */
        MERGING,
        /** Finished, not landed, not left out: the run merges it when its turn (or its wave) comes. */
        QUEUED,
        /** The latest merge left it out and it has not landed since. */
        LEFT_OUT,
        /** Not done, or the plan does not merge by itself. */
        NONE
    }

    /** The feature's dashboard, if it has a run. */
    public static Optional<Dashboard> read(RunLayout layout, int tailLines, Instant at) {
        return RunState.load(layout).map(state -> {
            boolean alive = RunLock.isHeld(layout);
            StatusReport status = StatusReport.of(state, alive, tailLines, at);
            RunView view = state.view();
            boolean live = alive && status.info().status() == RunInfo.Status.RUNNING;
            List<GateRun> gates = live ? view.openProcesses().stream().filter(p -> p.role().equals("gate"))
                    .map(p -> new GateRun(p.key(), p.at())).toList() : List.of();
            boolean autoMerge = view.plan() != null && view.plan().path("autoMerge").asBoolean(false);
            Optional<Double> budget = view.plan() != null && view.plan().path("budgetUsd").isNumber()
                    ? Optional.of(view.plan().path("budgetUsd").asDouble()) : Optional.empty();
            return new Dashboard(status, at, live ? view.mergeUnderWay() : Optional.empty(), gates, autoMerge,
                    budget);
        });
    }

    /** What the run's workers have spent so far. */
    public double spentUsd() {
        return status.workstreams().stream().mapToDouble(w -> w.usage().costUsd()).sum();
    }

    /** How long the merge under way has been going on. */
    public Optional<Duration> mergingFor() {
        return merging.map(m -> Duration.between(m.at(), at));
    }

    /** The run has ended (or no pwt holds it any more): there is nothing more to watch. */
    public boolean ended() {
        return !status.runAlive() || status.info().status() != RunInfo.Status.RUNNING;
    }

    /** Where {@code row}'s work stands towards the integration branch. */
    public Landing landing(WorkstreamStatus row) {
        if (row.leftOut().isPresent()) {
            return Landing.LEFT_OUT;
        }
        if (row.status() != WorkerStatus.DONE) {
            // a dependent's new branch starts at the integration branch's tip, which holds it before it has work
            return Landing.NONE;
        }
        if (row.landed()) {
            return Landing.LANDED;
        }
        if (merging.isPresent() && merging.get().workstreams().contains(row.workstream())) {
            return Landing.MERGING;
        }
        if (autoMerge && !ended()) {
            return Landing.QUEUED;
        }
        return Landing.NONE;
    }
}
