package io.github.parallelworktrees.engine.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a user's own command line (a plan's {@code setup} or a command worker's {@code run}) with
 * {@code sh -c}, the one place a command string reaches a shell: it is the user's command, passed as a
 * single argument, never assembled from pieces. Output goes to a log file; a timeout stops the whole tree.
 */
public final class LoggedCommand {

    private static final Duration GRACE = Duration.ofSeconds(5);

    private LoggedCommand() {
    }

    /**
     * @param env the command's whole environment
     * @param onStart called with the started process (its pid leads the process group), e.g. to record it
     */
    public static ProcessResult run(String commandLine, Path dir, Environment env, Path log,
            Duration timeout, Consumer<ProcessHandle> onStart) throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        appendLine(log, "$ " + commandLine);
        ProcessBuilder builder = env.applyTo(new ProcessBuilder(ProcessTree.inOwnGroup(List.of("sh", "-c",
                commandLine)))
                .directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())));
        long start = System.nanoTime();
        Process process = builder.start();
        onStart.accept(process.toHandle());
        boolean finished;
        try {
            finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            ProcessTree.destroy(process.toHandle(), GRACE);
            throw e;
        }
        if (!finished) {
            ProcessTree.destroy(process.toHandle(), GRACE);
            process.waitFor();
            appendLine(log, "pwt: timed out after " + describe(timeout) + "; stopped the command and everything"
                    + " it started");
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new ProcessResult(process.exitValue(), "", "", !finished, millis);
    }

    /** Appends one line to a log, stamped with the time. */
    public static void appendLine(Path log, String line) throws IOException {
        Files.createDirectories(log.getParent());
        Files.writeString(log, "[" + Instant.now() + "] " + line + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    public static String describe(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 120) {
            return duration.toMillis() % 1000 == 0 ? seconds + " s" : duration.toMillis() + " ms";
        }
        return duration.toMinutes() + " min";
    }
}
