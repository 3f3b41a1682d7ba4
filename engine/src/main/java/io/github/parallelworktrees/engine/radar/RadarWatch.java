package io.github.parallelworktrees.engine.radar;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The conflict radar while a run's workers work: a scan every {@code interval} and whenever a worker ends (its
 * work was just committed), on a thread of its own. When what it finds changes, it appends the findings to
 * COORDINATION.md, which the workers are told to read (appended, never rewritten: workers write that file too),
 * and warns, so a collision is known before a merge runs into it.
 */
public final class RadarWatch implements AutoCloseable {

    /** How often the radar looks while nothing pokes it. */
    public static final Duration INTERVAL = Duration.ofMinutes(1);

    /** How long closing waits for a look in progress (a look is git only, seconds at most). */
    private static final long CLOSE_WAIT_MILLIS = 10_000;

    private final Supplier<List<ConflictRadar.Conflict>> scan;
    private final Path coordination;
    private final Consumer<String> warn;
    private final Duration interval;
    private final Thread thread;
    private final Object lock = new Object();
    private boolean poked;
    private boolean closed;
    private List<ConflictRadar.Conflict> last = List.of();

    private RadarWatch(Supplier<List<ConflictRadar.Conflict>> scan, Path coordination, Consumer<String> warn,
            Duration interval) {
        this.scan = scan;
        this.coordination = coordination;
        this.warn = warn;
        this.interval = interval;
        this.thread = new Thread(this::watch, "pwt-radar");
        this.thread.setDaemon(true);
    }

    /**
     * Starts watching.
     *
     * @param scan one look of the radar (git only; it must not change anything)
     * @param coordination the run's COORDINATION.md
     * @param warn told each new finding, in one line
     */
    public static RadarWatch start(Supplier<List<ConflictRadar.Conflict>> scan, Path coordination,
            Consumer<String> warn, Duration interval) {
        RadarWatch watch = new RadarWatch(scan, coordination, warn, interval);
        watch.thread.start();
        return watch;
    }

    /** Something changed (a worker ended): look again soon. */
    public void poke() {
        synchronized (lock) {
            poked = true;
            lock.notifyAll();
        }
    }

    private void watch() {
        while (true) {
            synchronized (lock) {
                long until = System.nanoTime() + interval.toNanos();
                while (!poked && !closed) {
                    long left = until - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    try {
                        lock.wait(Math.max(1, left / 1_000_000));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed && !poked) {
                    return;
                }
                poked = false;
            }
            look();
        }
    }

    private void look() {
        List<ConflictRadar.Conflict> found;
        try {
            found = scan.get();
        } catch (RuntimeException e) {
            return; // a radar that cannot look this time says nothing; the merge still checks for itself
        }
        if (found.equals(last)) {
            return;
        }
        List<ConflictRadar.Conflict> fresh = found.stream().filter(c -> !last.contains(c)).toList();
        last = found;
        fresh.forEach(c -> warn.accept("conflict radar: " + line(c)));
        append(found);
    }

    private void append(List<ConflictRadar.Conflict> found) {
        StringBuilder md = new StringBuilder("\n## Conflict radar (pwt, ")
                .append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(")\n\n");
        if (found.isEmpty()) {
            md.append("No branch would conflict with another or with the integration branch now.\n");
        } else {
            md.append("These would conflict if merged as they are now; agree here who changes what, or keep to your"
                    + " own files:\n\n");
            found.forEach(c -> md.append("- ").append(line(c)).append('\n'));
        }
        try {
            Files.writeString(coordination, md, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            warn.accept("conflict radar: cannot write " + coordination + ": " + e.getMessage());
        }
    }

    /** One finding in words: "a and b would conflict in src/x.txt". */
    public static String line(ConflictRadar.Conflict c) {
        return c.one() + " and " + c.other() + " would conflict"
                + (c.files().isEmpty() ? "" : " in " + String.join(", ", c.files()));
    }

    /** Stops watching, after a last look if a worker ended since the one before. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        try {
            thread.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
