package io.github.parallelworktrees.engine.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The append-only record of what happened to a feature's runs: {@code .worktrees/<feature>/ledger.jsonl}, one
 * {@link Event} per line, each synced to disk before the append returns. Writers in other processes are kept
 * out by the run lock ({@link RunLock}); threads of this process take turns on the file.
 */
public final class Ledger {

    /** The file's name beside sessions.json and run.json. */
    public static final String FILE = "ledger.jsonl";

    private static final ObjectMapper LINE = Json.MAPPER.copy().disable(SerializationFeature.INDENT_OUTPUT);
    private static final Map<Path, Object> FILE_LOCKS = new ConcurrentHashMap<>();

    private final Path file;

    private Ledger(Path file) {
        this.file = file;
    }

    /** The feature's ledger (the file is made by the first append). */
    public static Ledger of(RunLayout layout) {
        return new Ledger(layout.root().resolve(FILE));
    }

    public Path file() {
        return file;
    }

    public boolean exists() {
        return Files.isRegularFile(file);
    }

    /** Appends the event and syncs it to disk: once this returns, a crash cannot lose it. */
    public void append(Event event) {
        byte[] line;
        try {
            line = (LINE.writeValueAsString(event) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write event " + event, e);
        }
        synchronized (FILE_LOCKS.computeIfAbsent(file, f -> new Object())) {
            try {
                Files.createDirectories(file.getParent());
                setAsideTornTail();
                // a stream, not a FileChannel: a channel is closed by an interrupt (as a signal's stop sends), and
                // the run's thread must still be able to record how it stopped
                try (java.io.FileOutputStream out = new java.io.FileOutputStream(file.toFile(), true)) {
                    out.write(line);
                    out.getFD().sync();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot append to the run's ledger " + file, e);
            }
        }
    }

    /**
     * A crash while a line was written leaves it without its newline; appending after it would glue the next event
     * to it. That tail was never claimed: it goes into a file beside the ledger (kept, for a look) and the ledger
     * ends at its last whole line.
     */
    private void setAsideTornTail() throws IOException {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            long size = raf.length();
            if (size == 0) {
                return;
            }
            raf.seek(size - 1);
            if (raf.read() == '\n') {
                return;
            }
            byte[] all = Files.readAllBytes(file);
            int keep = all.length;
            while (keep > 0 && all[keep - 1] != '\n') {
                keep--;
            }
            Path torn = file.resolveSibling(FILE + ".torn-" + System.currentTimeMillis());
            Files.write(torn, java.util.Arrays.copyOfRange(all, keep, all.length));
            raf.setLength(keep);
            raf.getFD().sync();
        }
    }

    /** An event and its place in the ledger (1 for the first line). */
    public record Entry(int seq, Event event) {
    }

    /**
     * Every event, oldest first. A last line cut short (a crash while it was written, so nothing claimed it) is
     * left out; a damaged line anywhere else is an error naming the file and the line.
     */
    public List<Entry> read() {
        if (!exists()) {
            return List.of();
        }
        List<String> lines;
        boolean endsWhole;
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            endsWhole = text.isEmpty() || text.endsWith("\n");
            lines = text.lines().toList();
        } catch (IOException e) {
            throw new LedgerException(file + " cannot be read: " + e.getMessage()
                    + "; it is the run's record: restore it, or move the feature's run aside with 'pwt cleanup'");
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i);
            if (text.isBlank()) {
                continue;
            }
            try {
                entries.add(new Entry(i + 1, LINE.readValue(text, Event.class)));
            } catch (IOException e) {
                if (i == lines.size() - 1 && !endsWhole) {
                    break; // cut short by a crash while it was written: nothing claimed it
                }
                throw new LedgerException(file + ":" + (i + 1) + " is damaged (" + firstLine(e.getMessage())
                        + "); every view of the run is made from this file, so nothing was changed: restore the line"
                        + " from a backup, or delete it if you know what it recorded, then run the command again");
            }
        }
        return entries;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
