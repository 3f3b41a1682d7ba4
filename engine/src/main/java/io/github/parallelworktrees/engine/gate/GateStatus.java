package io.github.parallelworktrees.engine.gate;

/**
 * A gate's (or a whole verdict's) status, in rising severity from PASSED to FAILED. INACTIVE means there was
 * nothing to measure (a metric the reports do not have): not passed, and not silently failed.
 */
public enum GateStatus {
    INACTIVE, PASSED, NOTE, UNSTABLE, ERROR, FAILED;

    /** The more severe of the two. */
    public GateStatus worst(GateStatus other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    /** NOTE and better let an integration go ahead; UNSTABLE, ERROR and FAILED stop it. */
    public boolean allowsMerge() {
        return ordinal() <= NOTE.ordinal();
    }
}
