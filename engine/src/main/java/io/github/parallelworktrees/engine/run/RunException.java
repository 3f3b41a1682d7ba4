package io.github.parallelworktrees.engine.run;

/** A run that cannot start or go on; the message names the input and what to do. */
public final class RunException extends RuntimeException {

    public RunException(String message) {
        super(message);
    }

    public RunException(String message, Throwable cause) {
        super(message, cause);
    }
}
