package io.github.parallelworktrees.engine.git;

import io.github.parallelworktrees.engine.process.Environment;
import io.github.parallelworktrees.engine.process.ProcessResult;
import io.github.parallelworktrees.engine.process.ProcessRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The one place that launches git: a real process per call, an argument list (never a shell string),
 * a timeout, and stderr kept for the error message.
 */
public final class Git {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    /** Fixed, non-interactive environment: git never prompts and speaks English we can parse. */
    private static final Map<String, String> ENV = Map.of(
            "GIT_TERMINAL_PROMPT", "0",
            "LC_ALL", "C",
            "GIT_OPTIONAL_LOCKS", "0");

    /** One lock per repository (keyed by its common git dir) for worktree and ref metadata changes. */
    private static final Map<Path, ReentrantLock> METADATA_LOCKS = new ConcurrentHashMap<>();

    private final Path dir;
    private final Environment environment;
    /** {@link #environment} with {@link #ENV}, made once: every git call starts a process with it. */
    private final Environment gitEnvironment;
    private final Duration timeout;
    private volatile Path commonDir;

    private Git(Path dir, Environment environment, Environment gitEnvironment, Duration timeout) {
        this.dir = dir;
        this.environment = environment;
        this.gitEnvironment = gitEnvironment;
        this.timeout = timeout;
    }

    /**
     * Git run in {@code dir} (a repository's top level or any worktree) with {@code environment} (plus the fixed
     * variables that keep it non-interactive): the caller's, so that its PATH, identity, credentials and
     * configuration reach git.
     */
    public static Git in(Path dir, Environment environment) {
        return new Git(dir.toAbsolutePath().normalize(), environment, environment.with(ENV), DEFAULT_TIMEOUT);
    }

    /** Git in another directory (a worktree of this repository, say) with the same environment. */
    public Git at(Path other) {
        return new Git(other.toAbsolutePath().normalize(), environment, gitEnvironment, timeout);
    }

    public Path dir() {
        return dir;
    }

    public Environment environment() {
        return environment;
    }

    /** Runs git and returns its stdout with trailing whitespace removed; throws {@link GitException} on failure. */
    public String run(String... args) {
        return run(Arrays.asList(args));
    }

    public String run(List<String> args) {
        ProcessResult result = exec(args, Map.of());
        if (!result.succeeded()) {
            throw failure(args, result);
        }
        return result.stdout().stripTrailing();
    }

    /** Runs git with extra environment (e.g. a fallback committer identity). */
    public String runWithEnv(Map<String, String> env, List<String> args) {
        ProcessResult result = exec(args, env);
        if (!result.succeeded()) {
            throw failure(args, result);
        }
        return result.stdout().stripTrailing();
    }

    /** Runs git and returns the full result whatever the exit code (for commands whose exit code is an answer). */
    public ProcessResult tryRun(String... args) {
        return exec(Arrays.asList(args), Map.of());
    }

    /** Stdout lines of a successful git call, without empty lines. */
    public List<String> lines(String... args) {
        String out = run(args);
        List<String> lines = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                lines.add(line);
            }
        }
        return lines;
    }

    /** The commit id a revision names, if it names one. */
    public Optional<String> resolveCommit(String revision) {
        ProcessResult result = tryRun("rev-parse", "--verify", "--quiet", revision + "^{commit}");
        return result.succeeded() ? Optional.of(result.stdout().strip()) : Optional.empty();
    }

    public boolean branchExists(String branch) {
        return tryRun("show-ref", "--verify", "--quiet", "refs/heads/" + branch).succeeded();
    }

    /** True when {@code ancestor} is reachable from {@code descendant}. */
    public boolean isAncestor(String ancestor, String descendant) {
        ProcessResult result = tryRun("merge-base", "--is-ancestor", ancestor, descendant);
        if (result.exitCode() > 1 || result.timedOut()) {
            throw failure(List.of("merge-base", "--is-ancestor", ancestor, descendant), result);
        }
        return result.exitCode() == 0;
    }

    /** The repository's common git directory (shared by all its worktrees). */
    public Path commonDir() {
        Path known = commonDir;
        if (known == null) {
            known = dir.resolve(run("rev-parse", "--git-common-dir")).toAbsolutePath().normalize();
            commonDir = known;
        }
        return known;
    }

    /**
     * Runs {@code action} holding this repository's metadata lock, so that concurrent
     * {@code worktree add}, branch and ref changes from this process never collide on git's lock files.
     */
    public <T> T withMetadataLock(Supplier<T> action) {
        ReentrantLock lock = METADATA_LOCKS.computeIfAbsent(commonDir(), key -> new ReentrantLock());
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    private ProcessResult exec(List<String> args, Map<String, String> env) {
        List<String> command = new ArrayList<>(args.size() + 1);
        command.add("git");
        command.addAll(args);
        try {
            return ProcessRunner.run(command, dir, env.isEmpty() ? gitEnvironment : gitEnvironment.with(env),
                    timeout);
        } catch (IOException e) {
            throw new UncheckedIOException("could not run git in " + dir + " (is git installed?)", e);
        }
    }

    private GitException failure(List<String> args, ProcessResult result) {
        String what = "git " + String.join(" ", args);
        String why = result.timedOut()
                ? "timed out after " + timeout.toSeconds() + " s"
                : "exit " + result.exitCode() + (result.stderr().isBlank() ? "" : ": " + firstLines(result.stderr()));
        return new GitException(args, what + " failed in " + dir + " (" + why + ")", result.stderr());
    }

    private static String firstLines(String text) {
        String[] lines = text.strip().split("\n");
        return String.join(" / ", Arrays.copyOf(lines, Math.min(lines.length, 3)));
    }
}
