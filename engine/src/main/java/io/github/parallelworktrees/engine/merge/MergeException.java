package io.github.parallelworktrees.engine.merge;

/** A wave that cannot be merged as asked; the message names the input and what to do. Nothing was changed. */
public final class MergeException extends RuntimeException {

    public MergeException(String message) {
        super(message);
    }
}
