package io.github.parallelworktrees.engine.worker;

import io.github.parallelworktrees.engine.brief.TasksFile;
import io.github.parallelworktrees.engine.git.Committer;
import io.github.parallelworktrees.engine.git.Git;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/** What happens around a worker's attempt: stale results out of the way before, handover after. */
public final class WorkerResults {

    /** What the handover found. */
    public record Handover(boolean committedLeftovers, boolean resultsFound, boolean markerFound,
            Optional<String> summary) {
    }

    private WorkerResults() {
    }

    /**
     * Before an attempt: moves a RESULTS.md left by an earlier attempt into the results folder (as
     * RESULTS.attempt-N.md), so that only a RESULTS.md written by this attempt can mark it done.
     */
    public static void setAsideEarlierResults(Path worktree, Path resultsDir, int previousAttempt) throws IOException {
        Path results = worktree.resolve(TasksFile.RESULTS);
        if (Files.exists(results)) {
            Files.createDirectories(resultsDir);
            Files.move(results, resultsDir.resolve("RESULTS.attempt-" + previousAttempt + ".md"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        Files.deleteIfExists(worktree.resolve(TasksFile.COMPLETE_MARKER));
    }

    /**
     * After an attempt: commits what the worker left uncommitted on its branch (in the worktree {@code git} runs
     * in), then copies RESULTS.md and the completion marker into the results folder.
     */
    public static Handover handOver(Git git, Path resultsDir, String workstream) throws IOException {
        Path worktree = git.dir();
        boolean committed = Committer.commitAll(git,
                "pwt(" + workstream + "): commit changes the worker left uncommitted");
        Files.createDirectories(resultsDir);
        Path results = worktree.resolve(TasksFile.RESULTS);
        boolean found = Files.isRegularFile(results);
        Optional<String> summary = Optional.empty();
        if (found) {
            Files.copy(results, resultsDir.resolve(TasksFile.RESULTS), StandardCopyOption.REPLACE_EXISTING);
            summary = summaryLine(Files.readString(results));
        }
        Path marker = worktree.resolve(TasksFile.COMPLETE_MARKER);
        boolean markerFound = Files.exists(marker);
        if (markerFound) {
            Files.copy(marker, resultsDir.resolve(TasksFile.COMPLETE_MARKER), StandardCopyOption.REPLACE_EXISTING);
        }
        return new Handover(committed, found, markerFound, summary);
    }

    /** The first line of prose in a RESULTS.md (its summary), skipping headings. */
    public static Optional<String> summaryLine(String markdown) {
        for (String line : markdown.split("\n")) {
            String s = line.strip();
            if (!s.isEmpty() && !s.startsWith("#") && !s.startsWith("---")) {
                s = s.replaceFirst("^[-*]\\s+", "");
                return Optional.of(s.length() > 160 ? s.substring(0, 157) + "..." : s);
            }
        }
        return Optional.empty();
    }
}
