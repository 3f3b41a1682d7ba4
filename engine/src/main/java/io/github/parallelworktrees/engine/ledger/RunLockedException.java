package io.github.parallelworktrees.engine.ledger;

/** Another run of the same feature is in progress. */
public final class RunLockedException extends RuntimeException {

    public RunLockedException(String message) {
        super(message);
    }
}
