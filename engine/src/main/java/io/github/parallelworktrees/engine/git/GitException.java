package io.github.parallelworktrees.engine.git;

import java.util.List;

/** A git command that failed, with the command and what git said on stderr. */
public final class GitException extends RuntimeException {

    private final List<String> args;
    private final String stderr;

    public GitException(List<String> args, String message, String stderr) {
        super(message);
        this.args = List.copyOf(args);
        this.stderr = stderr == null ? "" : stderr.strip();
    }

    /** The git arguments (without "git") that failed. */
    public List<String> args() {
        return args;
    }

    /** What git printed on stderr, stripped. */
    public String stderr() {
        return stderr;
    }
}
