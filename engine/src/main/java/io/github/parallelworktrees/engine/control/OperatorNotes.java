package io.github.parallelworktrees.engine.control;

import io.github.parallelworktrees.engine.ledger.RunLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Notes from the operator to a worker ({@code pwt steer}, {@code pwt retry --note}). A running worker finds the note
 * in COORDINATION.md and its TASKS.md, the files it is told to read; a worker that starts again gets it as its
 * next attempt's note: a file given to commands as PWT_NOTE and added to a Claude worker's prompt.
 */
public final class OperatorNotes {

    private OperatorNotes() {
    }

    /** Appends the note to COORDINATION.md and, when the worktree exists, to its TASKS.md. */
    public static void tell(RunLayout layout, String workstream, String note) {
        String at = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        append(layout.coordinationFile(), "\n## Note for " + workstream + " from the operator (pwt steer, " + at
                + ")\n\n" + note.strip() + "\n");
        Path tasks = layout.worktree(workstream).resolve("TASKS.md");
        if (Files.isRegularFile(tasks)) {
            append(tasks, "\n## Note from the operator (" + at + ")\n\n" + note.strip() + "\n");
        }
    }

    /** Leaves the note for the workstream's next attempt (one note: a later one replaces it). */
    public static void leaveForNextAttempt(RunLayout layout, String workstream, String note) {
        Path file = pending(layout, workstream);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, note.strip() + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the note " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The note left for this attempt, if any, moved out of the way into the workstream's results (so that it is
     * given once) as {@code note-<attempt>.md}.
     */
    public static Optional<Path> takeForAttempt(RunLayout layout, String workstream, int attempt) {
        Path file = pending(layout, workstream);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Path kept = layout.resultsDir(workstream).resolve("note-" + attempt + ".md");
        try {
            Files.createDirectories(kept.getParent());
            Files.move(file, kept, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot take the note " + file + ": " + e.getMessage(), e);
        }
        return Optional.of(kept);
    }

    private static Path pending(RunLayout layout, String workstream) {
        return layout.controlDir().resolve("note-" + workstream + ".md");
    }

    private static void append(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
