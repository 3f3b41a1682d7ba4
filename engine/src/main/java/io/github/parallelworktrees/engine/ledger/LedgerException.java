package io.github.parallelworktrees.engine.ledger;

/** The run's record cannot be read or written; the message names the file and the way out. */
public final class LedgerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LedgerException(String message) {
        super(message);
    }
}
