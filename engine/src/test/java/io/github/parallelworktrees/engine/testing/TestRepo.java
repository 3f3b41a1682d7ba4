package io.github.parallelworktrees.engine.testing;

import io.github.parallelworktrees.engine.git.Git;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.plan.PlanParser;
import io.github.parallelworktrees.engine.ledger.Json;
import io.github.parallelworktrees.engine.ledger.RunLayout;
import io.github.parallelworktrees.engine.process.Environment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** A real git repository in a temporary directory, with one commit on 'main', for tests. */
public final class TestRepo {

    private final Path dir;
    private final Git git;

    private TestRepo(Path dir) {
        this.dir = dir;
        this.git = Git.in(dir, Environment.ofThisProcess());
    }

    /** A repository with one commit (README.md) on branch main, and a local committer identity. */
    public static TestRepo create(Path dir) {
        TestRepo repo = empty(dir);
        repo.write("README.md", "# test project\n");
        repo.commitAll("initial commit");
        return repo;
    }

    /** A clone of {@code origin} in {@code dir}, as CI checks a repository out, with a local committer identity. */
    public static TestRepo cloneOf(TestRepo origin, Path dir) {
        Git.in(origin.dir(), Environment.ofThisProcess()).run("clone", "--quiet", origin.dir().toString(), dir.toString());
        TestRepo repo = new TestRepo(dir);
        repo.git.run("config", "user.name", "CI");
        repo.git.run("config", "user.email", "ci@example.invalid");
        return repo;
    }

    /** A repository with no commits at all. */
    public static TestRepo empty(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Git.in(dir, Environment.ofThisProcess()).run("init", "--quiet", "--initial-branch=main");
        TestRepo repo = new TestRepo(dir);
        repo.git.run("config", "user.name", "Test Developer");
        repo.git.run("config", "user.email", "test@example.invalid");
        return repo;
    }

    public Path dir() {
        return dir;
    }

    public Git git() {
        return git;
    }

    public Path write(String relative, String text) {
        return writeFile(dir.resolve(relative), text);
    }

    /** Writes {@code text} to {@code file}, making its folders. */
    public static Path writeFile(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    public String commitAll(String message) {
        git.run("add", "--all");
        git.run("commit", "--quiet", "--allow-empty", "-m", message);
        return git.run("rev-parse", "HEAD");
    }

    /** Writes a plan file (not committed: plans often live beside the work) and parses it. */
    public Plan plan(String fileName, String yaml) {
        return PlanParser.read(write(fileName, yaml));
    }

    public RunLayout layout(String feature) {
        return new RunLayout(dir, feature, Environment.ofThisProcess());
    }

    public String tip(String branch) {
        return git.run("rev-parse", "refs/heads/" + branch);
    }

    /** Subjects of the commits on {@code branch} that {@code base} does not have, newest first. */
    public java.util.List<String> subjects(String base, String branch) {
        return git.lines("log", "--format=%s", base + ".." + branch);
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static com.fasterxml.jackson.databind.JsonNode json(Path file) {
        try {
            return Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Polls {@code condition} (a file appearing, a state reached) until it holds or the timeout ends. */
    public static void awaitTrue(String what, Duration timeout, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }
}
