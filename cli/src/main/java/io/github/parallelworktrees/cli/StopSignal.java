package io.github.parallelworktrees.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C or SIGTERM for a command that loops until the run ends ({@code watch}, {@code logs -f}): the JVM runs its
 * shutdown hooks while the loop goes on, so the hook tells the loop to stop and waits a moment for it to end (and,
 * on a terminal, give the cursor back) before the JVM exits.
 */
final class StopSignal {

    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    StopSignal(String threadName) {
        this.hook = new Thread(() -> {
            stop.countDown();
            try {
                finished.await(3, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, threadName);
    }

    /** Listens for the signal; false when the JVM is shutting down already (Ctrl-C came while it started). */
    boolean install() {
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            return true;
        } catch (IllegalStateException shuttingDown) {
            return false;
        }
    }

    /** Stops the loop as the signal would (JLine's own Ctrl-C on a terminal in raw mode). */
    void request() {
        stop.countDown();
    }

    /** Waits up to {@code millis}; true when a stop came. */
    boolean await(long millis) throws InterruptedException {
        return stop.await(millis, TimeUnit.MILLISECONDS);
    }

    /** The loop has ended: a hook that is running may let the JVM exit; one that is not is removed. */
    void done() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it has what it waited for
        }
    }
}
