package io.github.parallelworktrees.engine.git;

/** A worktree that cannot be made or removed without risking someone's work; the message says what to do. */
public final class WorktreeException extends RuntimeException {

    public WorktreeException(String message) {
        super(message);
    }
}
