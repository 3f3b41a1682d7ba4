package io.github.parallelworktrees.engine.control;

import io.github.parallelworktrees.engine.ledger.RunLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Stops asked of a running run by another process ({@code pwt stop}): one file per request in the run's control
 * folder, written whole (a temporary file renamed into place) and taken (deleted) by the run when it acts on it.
 * A file rather than a signal: a signal cannot say which workstream, and the run, the ledger's one writer, must
 * record why each worker ended.
 */
public final class StopRequests {

    private static final String PREFIX = "stop-";
    private static final String WHOLE_RUN = "stop.request";
    private static final String SUFFIX = ".request";

    /** One request: a workstream's worker, or the whole run when {@code workstream} is empty. */
    public record Request(Optional<String> workstream, String by) {
    }

    private final Path dir;

    public StopRequests(RunLayout layout) {
        this.dir = layout.controlDir();
    }

    /**
     * Asks the run to stop {@code workstream}'s worker (or, when empty, the whole run).
     *
     * @param by who asks, for the records ("'pwt stop'")
     */
    public void ask(Optional<String> workstream, String by) {
        Path target = dir.resolve(workstream.map(ws -> PREFIX + ws + SUFFIX).orElse(WHOLE_RUN));
        try {
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, ".asking-", ".tmp");
            Files.writeString(temp, by, StandardCharsets.UTF_8);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the stop request " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * Drops the requests left by runs that ended: called by a run as soon as it holds the run's lock, when any
     * request waiting was asked of an earlier run ({@code pwt stop} asks only while a run holds the lock; one that
     * saw the lock just before its run let go of it writes a request no run took). Without this the next resume
     * would be stopped at once by a stop meant for a run that had already ended.
     *
     * @return the requests dropped
     */
    public List<Request> dropLeftOver() {
        return take();
    }

    /** The requests waiting, taken: each is returned once, the whole run's first. */
    public List<Request> take() {
        List<Request> taken = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return taken;
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            entries.forEach(files::add);
        } catch (IOException e) {
            return taken; // unreadable now: the next look tries again
        }
        files.sort((a, b) -> a.getFileName().toString().equals(WHOLE_RUN) ? -1
                : b.getFileName().toString().equals(WHOLE_RUN) ? 1 : a.compareTo(b));
        for (Path file : files) {
            String name = file.getFileName().toString();
            String by;
            try {
                by = Files.readString(file, StandardCharsets.UTF_8).strip();
                Files.delete(file);
            } catch (NoSuchFileException e) {
                continue; // another look took it
            } catch (IOException e) {
                continue;
            }
            Optional<String> workstream = name.equals(WHOLE_RUN) ? Optional.empty()
                    : Optional.of(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
            taken.add(new Request(workstream, by.isEmpty() ? "'pwt stop'" : by));
        }
        return taken;
    }
}
