package io.github.parallelworktrees.engine.process;

/** What a finished (or killed) process left: exit code, captured output, and whether it timed out. */
public record ProcessResult(int exitCode, String stdout, String stderr, boolean timedOut, long durationMillis) {

    public boolean succeeded() {
        return !timedOut && exitCode == 0;
    }
}
