package io.github.parallelworktrees.engine.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Times as people read them: durations as "45 s", "3 min 12 s" or "1 h 2 min", moments as "14:03:12 UTC".
 *
 * <p>report.html is a static file with no script, so it cannot show a moment in the reader's own zone: it shows it
 * in the zone of the machine that wrote it, and names that zone ("CEST", "UTC") so a reader elsewhere is not misled.
 */
public final class HumanTime {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss z", Locale.ROOT);
    private static final DateTimeFormatter DATE_AND_CLOCK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z",
            Locale.ROOT);

    private final ZoneId zone;

    private HumanTime(ZoneId zone) {
        this.zone = zone;
    }

    /** Moments in {@code zone}. */
    public static HumanTime in(ZoneId zone) {
        return new HumanTime(zone);
    }

    /** Moments in this machine's zone: the report's. */
    public static HumanTime local() {
        return new HumanTime(ZoneId.systemDefault());
    }

    public ZoneId zone() {
        return zone;
    }

    /** "14:03:12 UTC"; "-" for none. */
    public String clock(Instant at) {
        return at == null ? "-" : CLOCK.format(at.atZone(zone));
    }

    /** "2026-12-02 14:03:12 UTC"; "-" for none. */
    public String dateAndClock(Instant at) {
        return at == null ? "-" : DATE_AND_CLOCK.format(at.atZone(zone));
    }

    /**
     * "0.4 s" and "2.5 s" under ten seconds (a demo's workers take less than one), "45 s" under a minute,
     * "3 min 12 s" under an hour, "1 h 2 min" beyond (seconds no longer matter there); "-" for a negative time,
     * the dashboard's "not started".
     */
    public static String duration(long millis) {
        if (millis < 0) {
            return "-";
        }
        if (millis < 10_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long seconds = Math.round(millis / 1000.0);
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            long s = seconds % 60;
            return seconds / 60 + " min" + (s == 0 ? "" : " " + s + " s");
        }
        long minutes = Math.round(seconds / 60.0);
        long m = minutes % 60;
        return minutes / 60 + " h" + (m == 0 ? "" : " " + m + " min");
    }

    /** The time between two moments, as {@link #duration(long)} says it. */
    public static String between(Instant from, Instant to) {
        return from == null || to == null ? "-" : duration(Duration.between(from, to).toMillis());
    }
}
