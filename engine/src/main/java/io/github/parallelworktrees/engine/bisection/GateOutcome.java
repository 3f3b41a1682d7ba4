package io.github.parallelworktrees.engine.bisection;

/** What a gate said of a candidate. */
public enum GateOutcome {
    PASSED,
    FAILED,
    /** The gate itself could not run (its command is missing, a report cannot be read): nobody is to blame. */
    COULD_NOT_RUN
}
