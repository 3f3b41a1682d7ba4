package io.github.parallelworktrees.engine.worker;

import java.time.Instant;

/** What a worker reports while it runs; the run records it in sessions.json as it happens. */
public interface WorkerListener {

    /** The worker's process started (its pid leads a process group). */
    void processStarted(long pid, Instant startedAt);

    /** The agent's session is known (a Claude session id), so a crash can still resume it. */
    default void sessionStarted(String sessionId) {
    }

    /** A line of progress worth showing on the terminal (a tool use, a turn). */
    default void progress(String line) {
    }
}
