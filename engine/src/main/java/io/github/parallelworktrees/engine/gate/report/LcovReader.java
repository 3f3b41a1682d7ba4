package io.github.parallelworktrees.engine.gate.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an LCOV tracefile line by line as LINE, BRANCH and METHOD counters (LCOV has no instructions, classes or
 * complexity).
 *
 * <p>Within each {@code SF:} ... {@code end_of_record} record the detail lines decide ({@code DA}, {@code BRDA},
 * {@code FN}/{@code FNDA} or LCOV 2's {@code FNA}), as lcov itself recomputes them: the summary lines are not
 * always right (coverage.py 6.5 writes {@code LH} above {@code LF} for some files). A record without details
 * falls back on its {@code LF}/{@code LH}, {@code BRF}/{@code BRH}, {@code FNF}/{@code FNH}. A metric is present
 * when any record has a detail or summary line for it, even with a total of 0 (istanbul writes "BRF:0").
 */
final class LcovReader {

    private final Path file;
    private final Map<Metric, Counter> counters = new EnumMap<>(Metric.class);
    private Record record;
    private int recordLine;
    private int lineNumber;

    private LcovReader(Path file) {
        this.file = file;
    }

    static Coverage read(Path file) {
        LcovReader reader = new LcovReader(file);
        reader.readAll();
        return new Coverage(reader.counters, List.of(file));
    }

    private void readAll() {
        // Reports are ASCII in practice; a stray byte in a file name must not stop the count.
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder),
                1 << 16)) {
            String line;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                accept(line.strip());
            }
        } catch (NoSuchFileException e) {
            throw new ReportException(file, 0, "no such file; check the report path", e);
        } catch (IOException e) {
            throw new ReportException(file, 0, "cannot read the report: " + e.getMessage(), e);
        }
        if (record != null) {
            throw new ReportException(file, lineNumber, "the record for SF:" + record.source + " (line " + recordLine
                    + ") has no end_of_record: the report looks truncated; run the coverage tool again");
        }
    }

    private void accept(String line) {
        if (line.isEmpty()) {
            return;
        }
        if (line.equals("end_of_record")) {
            if (record == null) {
                throw problem("end_of_record without a record; each record starts with an SF: line");
            }
            record.addTo(counters);
            record = null;
            return;
        }
        int colon = line.indexOf(':');
        String key = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (key.equals("SF")) {
            if (record != null) {
                throw problem("SF:" + value + " starts a record before the one for SF:" + record.source + " (line "
                        + recordLine + ") ended with end_of_record; the report looks truncated or badly joined");
            }
            record = new Record(value);
            recordLine = lineNumber;
            return;
        }
        switch (key) {
            case "DA" -> {
                long hits = number(field(value, 1), line);
                inRecord(line).lines.add(hits > 0);
            }
            case "BRDA" -> {
                String taken = field(value, 3);
                inRecord(line).branches.add(!taken.equals("-") && number(taken, line) > 0);
            }
            case "FN" -> inRecord(line).functions.add(functionName(value));
            case "FNDA" -> {
                if (number(field(value, 0), line) > 0) {
                    inRecord(line).functionsHit.add(afterFirstComma(value));
                }
            }
            case "FNA" -> inRecord(line).namedFunctions.add(number(field(value, 1), line) > 0);
            case "LF" -> inRecord(line).lines.found = number(value, line);
            case "LH" -> inRecord(line).lines.hit = number(value, line);
            case "BRF" -> inRecord(line).branches.found = number(value, line);
            case "BRH" -> inRecord(line).branches.hit = number(value, line);
            case "FNF" -> inRecord(line).methodsFound = number(value, line);
            case "FNH" -> inRecord(line).methodsHit = number(value, line);
            default -> {
                // TN, VER, FNL, line checksums and what later LCOV versions add: nothing to count
            }
        }
    }

    private Record inRecord(String line) {
        if (record == null) {
            throw problem("'" + Xml.abbreviate(line, 60) + "' is outside a record; records start with SF:<source>");
        }
        return record;
    }

    /** A function's name: everything after "line," or "hits,", as C++ names have commas of their own. */
    private static String afterFirstComma(String value) {
        return value.substring(value.indexOf(',') + 1).strip();
    }

    /** The name in "FN:line,name" or, from lcov 2, "FN:line,endline,name". */
    private static String functionName(String value) {
        String rest = afterFirstComma(value);
        int comma = rest.indexOf(',');
        return comma > 0 && rest.substring(0, comma).chars().allMatch(Character::isDigit)
                ? rest.substring(comma + 1).strip() : rest;
    }

    private String field(String value, int index) {
        String[] fields = value.split(",", -1);
        if (fields.length <= index) {
            throw problem("'" + Xml.abbreviate(value, 60) + "' has too few comma-separated fields");
        }
        return fields[index].strip();
    }

    private long number(String text, String line) {
        try {
            long value = Long.parseLong(text.strip());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the line
        }
        throw problem("'" + Xml.abbreviate(line, 60) + "': '" + Xml.abbreviate(text, 30)
                + "' is not a count of 0 or more; regenerate the report");
    }

    private ReportException problem(String what) {
        return new ReportException(file, lineNumber, what);
    }

    /** One metric of one record: counted details, and the summary lines as a fallback. */
    private static final class Tally {
        long details;
        long detailsHit;
        long found = -1;
        long hit = -1;

        void add(boolean covered) {
            details++;
            if (covered) {
                detailsHit++;
            }
        }

        /** Empty when the record said nothing about this metric. */
        Optional<Counter> counter() {
            if (details > 0) {
                return Optional.of(new Counter(detailsHit, details - detailsHit));
            }
            if (found >= 0) {
                long covered = Math.min(Math.max(hit, 0), found);
                return Optional.of(new Counter(covered, found - covered));
            }
            return Optional.empty();
        }
    }

    /** The counts of one SF: record. */
    private static final class Record {
        final String source;
        final Tally lines = new Tally();
        final Tally branches = new Tally();
        final Tally namedFunctions = new Tally();
        // Names, because FNDA may repeat a function (one line per test name): each is counted once.
        final Set<String> functions = new HashSet<>();
        final Set<String> functionsHit = new HashSet<>();
        long methodsFound = -1;
        long methodsHit = -1;

        Record(String source) {
            this.source = source;
        }

        void addTo(Map<Metric, Counter> counters) {
            add(counters, Metric.LINE, lines.counter());
            add(counters, Metric.BRANCH, branches.counter());
            add(counters, Metric.METHOD, methods());
        }

        private Optional<Counter> methods() {
            if (namedFunctions.details > 0) {
                return namedFunctions.counter();
            }
            if (!functions.isEmpty()) {
                long hit = functionsHit.stream().filter(functions::contains).count();
                return Optional.of(new Counter(hit, functions.size() - hit));
            }
            Tally summary = new Tally();
            summary.found = methodsFound;
            summary.hit = methodsHit;
            return summary.counter();
        }

        private static void add(Map<Metric, Counter> counters, Metric metric, Optional<Counter> counter) {
            counter.ifPresent(c -> counters.merge(metric, c, Counter::plus));
        }
    }
}
