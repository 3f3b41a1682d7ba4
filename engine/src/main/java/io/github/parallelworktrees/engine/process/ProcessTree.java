package io.github.parallelworktrees.engine.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Starts processes in a process group of their own and stops the whole group.
 *
 * <p>A worker's command may start background children (a dev server, {@code sleep &}); killing only the
 * direct child leaves them running in the worktree. On Linux each process is started through
 * {@code setsid}, so its pid is also its process-group id and a signal to {@code -pid} reaches every
 * descendant, even those whose parent already exited. Elsewhere only the live descendants are reached.
 */
public final class ProcessTree {

    private static final Optional<Path> SETSID = locate("setsid");

    private ProcessTree() {
    }

    /** The command prefixed so that the process leads a new process group, where the platform allows. */
    public static List<String> inOwnGroup(List<String> command) {
        if (SETSID.isEmpty()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(command.size() + 1);
        wrapped.add(SETSID.get().toString());
        wrapped.addAll(command);
        return wrapped;
    }

    /** True when {@link #inOwnGroup} really starts a group (so the pid names the group). */
    public static boolean groupsSupported() {
        return SETSID.isPresent();
    }

    /**
     * Stops the process and everything it started: TERM to the group and descendants, then KILL to
     * whatever is left after the grace period.
     */
    public static void destroy(ProcessHandle root, Duration grace) {
        List<ProcessHandle> members = new ArrayList<>();
        root.descendants().forEach(members::add);
        members.add(root);
        signalGroup(root.pid(), "TERM");
        members.forEach(ProcessHandle::destroy);
        Instant deadline = Instant.now().plus(grace);
        for (ProcessHandle member : members) {
            long left = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
            try {
                member.onExit().get(left, TimeUnit.MILLISECONDS);
            } catch (Exception stillAlive) {
                // handled below by KILL
            }
        }
        signalGroup(root.pid(), "KILL");
        root.descendants().forEach(ProcessHandle::destroyForcibly);
        members.forEach(ProcessHandle::destroyForcibly);
    }

    /** Stops a process group left behind by an earlier, killed run, if its leader is still the same process. */
    public static boolean destroyIfSame(long pid, Instant startedAt, Duration grace) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return false;
        }
        Optional<Instant> start = handle.get().info().startInstant();
        // pid reuse: only a process that started when the recorded one did is ours to stop
        if (start.isEmpty() || startedAt == null
                || Duration.between(start.get(), startedAt).abs().compareTo(Duration.ofSeconds(2)) > 0) {
            return false;
        }
        destroy(handle.get(), grace);
        return true;
    }

    private static void signalGroup(long pgid, String signal) {
        if (SETSID.isEmpty()) {
            return;
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, "--", "-" + pgid)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            kill.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            // no kill(1): the per-process destroy calls still run
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Optional<Path> locate(String program) {
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            return Optional.empty();
        }
        for (String dir : List.of("/usr/bin", "/bin", "/usr/local/bin")) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
