package io.github.parallelworktrees.cli;

/** Short human durations: "850 ms", "12.3 s", "4 min 05 s". */
final class Durations {

    private Durations() {
    }

    static String format(long millis) {
        if (millis < 0) {
            return "-";
        }
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format("%.1f s", millis / 1000.0);
        }
        long seconds = millis / 1000;
        return String.format("%d min %02d s", seconds / 60, seconds % 60);
    }
}
