package io.github.parallelworktrees.engine.gate.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** JaCoCo's CSV report (one row per class), summed: the oracle the XML reader is checked against. */
final class JacocoCsv {

    private JacocoCsv() {
    }

    /** The sum of {@code <metric>_COVERED} and {@code <metric>_MISSED} over all rows. */
    static Counter sum(Path csv, String metric) {
        List<String> lines;
        try {
            lines = Files.readAllLines(csv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> header = Arrays.asList(lines.get(0).split(","));
        int covered = header.indexOf(metric + "_COVERED");
        int missed = header.indexOf(metric + "_MISSED");
        if (covered < 0 || missed < 0) {
            throw new IllegalArgumentException(csv + " has no " + metric + " columns: " + header);
        }
        long coveredSum = 0;
        long missedSum = 0;
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",");
            coveredSum += Long.parseLong(cells[covered]);
            missedSum += Long.parseLong(cells[missed]);
        }
        return new Counter(coveredSum, missedSum);
    }
}
