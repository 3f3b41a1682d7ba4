package io.github.parallelworktrees.engine.ledger;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a workstream's worker stands. Only {@link #DONE} counts as finished work. */
public enum WorkerStatus {
    /** Not started yet (waiting for a slot or for its dependencies). */
    PENDING,
    /** Worktree and brief being made, setup commands running. */
    PREPARING,
    /** The worker process is running. */
    RUNNING,
    /** Exited successfully and left a RESULTS.md. */
    DONE,
    /** Exited successfully without a RESULTS.md: the work is not known to be complete. */
    INCOMPLETE,
    /** Exited with an error, or could not be started. */
    FAILED,
    /** Killed when its timeout ran out. */
    TIMED_OUT,
    /** The agent used up its maxTurns before it finished. */
    MAX_TURNS,
    /** The agent reached its budgetUsd before it finished. */
    OVER_BUDGET,
    /** Not run because a dependency did not finish (or the run's budget was spent). */
    SKIPPED,
    /** Stopped by a signal to pwt (Ctrl-C, SIGTERM) before it finished: {@code pwt resume} runs it again. */
    INTERRUPTED,
    /** Stopped by {@code pwt stop} before it finished (or before it started): {@code pwt resume} runs it again. */
    STOPPED;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static WorkerStatus fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }

    /**
     * Ended by the user's stop (a signal or {@code pwt stop}), not by its own failure: its dependents wait instead
     * of being skipped, no repair counts it as failed, and {@code pwt resume} runs it again.
     */
    public boolean stoppedByUser() {
        return this == INTERRUPTED || this == STOPPED;
    }

    /** A state a finished worker is left in (a new run or a resume does not change it by itself). */
    public boolean isFinal() {
        return this != PENDING && this != PREPARING && this != RUNNING;
    }
}
