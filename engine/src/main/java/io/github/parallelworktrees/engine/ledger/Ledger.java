package io.github.parallelworktrees.engine.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                    ByteBuffer buffer = ByteBuffer.wrap(line);
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                    channel.force(false);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot append to the run's ledger " + file, e);
            }
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
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
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
                boolean last = lines.subList(i + 1, lines.size()).stream().allMatch(String::isBlank);
                if (last) {
                    break;
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
