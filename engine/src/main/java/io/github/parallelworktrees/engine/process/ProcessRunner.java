package io.github.parallelworktrees.engine.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a short-lived process from an argument list, capturing its output, with a timeout that stops its tree. */
public final class ProcessRunner {

    private static final Duration GRACE = Duration.ofSeconds(2);

    private ProcessRunner() {
    }

    /**
     * Runs {@code command} in {@code dir} with exactly the environment {@code env}. Standard input is closed.
     * Never throws for a non-zero exit: callers decide what an exit code means.
     */
    public static ProcessResult run(List<String> command, Path dir, Environment env, Duration timeout)
            throws IOException {
        ProcessBuilder builder = env.applyTo(new ProcessBuilder(ProcessTree.inOwnGroup(env.resolve(command)))
                .directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))));
        long start = System.nanoTime();
        Process process = builder.start();
        CompletableFuture<String> out = drain(process.getInputStream());
        CompletableFuture<String> err = drain(process.getErrorStream());
        boolean finished;
        try {
            finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                ProcessTree.destroy(process.toHandle(), GRACE);
                process.waitFor();
            }
        } catch (InterruptedException e) {
            ProcessTree.destroy(process.toHandle(), GRACE);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.get(0), e);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new ProcessResult(process.exitValue(), out.join(), err.join(), !finished, millis);
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                stream.transferTo(buffer);
                return buffer.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, DrainThreads.POOL);
    }

    /** Daemon threads for draining pipes, so a hung child never keeps the JVM alive. */
    private static final class DrainThreads {
        static final java.util.concurrent.ExecutorService POOL =
                java.util.concurrent.Executors.newCachedThreadPool(runnable -> {
                    Thread thread = new Thread(runnable, "pwt-process-drain");
                    thread.setDaemon(true);
                    return thread;
                });
    }
}
