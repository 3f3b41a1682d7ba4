package io.github.parallelworktrees.engine.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

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

    /** The longest a git process still running after the grace is waited for before KILL. */
    static final Duration GIT_EXTRA = Duration.ofSeconds(5);

    private static final Duration POLL = Duration.ofMillis(50);

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
     * Stops the process and everything it started: TERM to the group and descendants, a wait until they are gone
     * (at most {@code grace}), then KILL to whatever is left. A git process still in the group gets up to
     * {@link #GIT_EXTRA} more first: git removes its lock files when TERM reaches it, but KILL would leave them
     * ({@code index.lock}, {@code HEAD.lock}) to make every later git command in that repository fail.
     */
    public static void destroy(ProcessHandle root, Duration grace) {
        List<ProcessHandle> known = new ArrayList<>();
        root.descendants().forEach(known::add);
        known.add(root);
        known.addAll(groupMembers(root.pid()));
        signalGroup(root.pid(), "TERM");
        known.forEach(ProcessHandle::destroy);
        boolean gone = awaitGone(() -> alive(root, known), Instant.now().plus(grace));
        if (!gone) {
            awaitGone(() -> alive(root, known).stream().filter(ProcessTree::isGit).toList(),
                    Instant.now().plus(GIT_EXTRA));
        }
        signalGroup(root.pid(), "KILL");
        root.descendants().forEach(ProcessHandle::destroyForcibly);
        alive(root, known).forEach(ProcessHandle::destroyForcibly);
        // KILL is delivered, not awaited: whoever asked for the stop may look at once (a resume, a cleanup)
        awaitGone(() -> alive(root, known), Instant.now().plusSeconds(2));
    }

    /**
     * True when the worker recorded as {@code pid}, started at {@code startedAt}, still runs: the process itself
     * (the same one: a reused pid is someone else's), or, its leader gone, the process group it led, whose
     * members (a dev server, a background job) can still write into its worktree.
     */
    public static boolean isAlive(long pid, Instant startedAt) {
        if (same(pid, startedAt).isPresent()) {
            return true;
        }
        // a group outlives its leader, and its id is not given to a new process while it has members
        return startedAt != null && groupsSupported() && ProcessTable.entry(pid).isEmpty()
                && !ProcessTable.group(pid).isEmpty();
    }

    /** Stops a process group left behind by an earlier, killed run, if its leader is still the same process. */
    public static boolean destroyIfSame(long pid, Instant startedAt, Duration grace) {
        Optional<ProcessHandle> handle = same(pid, startedAt);
        if (handle.isEmpty()) {
            return false;
        }
        destroy(handle.get(), grace);
        return true;
    }

    /**
     * The live process {@code pid} if it is the one that started at {@code startedAt}: a pid is reused once its
     * process ends, so only a process that started when the recorded one did is ours. A zombie (ended, never
     * reaped) is not alive.
     */
    private static Optional<ProcessHandle> same(long pid, Instant startedAt) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (handle.isEmpty() || startedAt == null
                || (ProcessTable.available() && ProcessTable.entry(pid).isEmpty())) {
            return Optional.empty();
        }
        Optional<Instant> start = handle.get().info().startInstant();
        if (start.isEmpty() || Duration.between(start.get(), startedAt).abs().compareTo(Duration.ofSeconds(2)) > 0) {
            return Optional.empty();
        }
        return handle;
    }

    /** The members of {@code root}'s tree and group that still run. */
    private static List<ProcessHandle> alive(ProcessHandle root, List<ProcessHandle> known) {
        Map<Long, ProcessHandle> alive = new LinkedHashMap<>();
        known.forEach(p -> alive.put(p.pid(), p));
        root.descendants().forEach(p -> alive.put(p.pid(), p));
        groupMembers(root.pid()).forEach(p -> alive.put(p.pid(), p));
        return alive.values().stream().filter(ProcessHandle::isAlive)
                .filter(p -> !ProcessTable.available() || ProcessTable.entry(p.pid()).isPresent()).toList();
    }

    /** Processes in the group {@code pgid}, including those whose parent exited (they are no one's descendants). */
    private static List<ProcessHandle> groupMembers(long pgid) {
        if (SETSID.isEmpty()) {
            return List.of();
        }
        List<ProcessHandle> members = new ArrayList<>();
        for (ProcessTable.Entry entry : ProcessTable.group(pgid)) {
            ProcessHandle.of(entry.pid()).ifPresent(members::add);
        }
        return members;
    }

    private static boolean isGit(ProcessHandle process) {
        return ProcessTable.entry(process.pid()).map(ProcessTable.Entry::isGit)
                .orElseGet(() -> process.info().command().map(c -> Path.of(c).getFileName().toString().equals("git"))
                        .orElse(false));
    }

    /**
     * Waits until {@code alive} is empty or the deadline passes; true when it emptied. It looks again every
     * {@link #POLL}, as a group's members are found by listing processes, which tells of no exits.
     */
    private static boolean awaitGone(Supplier<List<ProcessHandle>> alive, Instant deadline) {
        while (true) {
            List<ProcessHandle> left = alive.get();
            if (left.isEmpty()) {
                return true;
            }
            long millis = Duration.between(Instant.now(), deadline).toMillis();
            if (millis <= 0) {
                return false;
            }
            try {
                left.get(0).onExit().get(Math.min(millis, POLL.toMillis()), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException stillRunning) {
                // look again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
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
