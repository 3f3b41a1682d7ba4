package io.github.parallelworktrees.engine.gate;

/** A gate that cannot be evaluated as asked: a glob that matches nothing, a missing directory, a bad threshold. */
public final class GateException extends RuntimeException {

    public GateException(String message) {
        super(message);
    }

    public GateException(String message, Throwable cause) {
        super(message, cause);
    }
}
