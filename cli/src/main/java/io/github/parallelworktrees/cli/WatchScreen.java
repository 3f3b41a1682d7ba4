package io.github.parallelworktrees.cli;

import io.github.parallelworktrees.engine.ledger.RaceResult;
import io.github.parallelworktrees.engine.ledger.RunInfo;
import io.github.parallelworktrees.engine.ledger.Usage;
import io.github.parallelworktrees.engine.ledger.WorkerRecord;
import io.github.parallelworktrees.engine.ledger.WorkerStatus;
import io.github.parallelworktrees.engine.status.Dashboard;
import io.github.parallelworktrees.engine.status.StatusReport;
import io.github.parallelworktrees.engine.status.WorkstreamStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@code pwt watch} shows, as plain lines of at most {@code width} characters: a header (the run, its time,
 * the budget used, the queue: what is merging and which gate runs for how long), a row per workstream (a raced
 * one followed by a row per racer), and the
 * run's end once it has ended. Pure (the dashboard and its time in, lines out), so that a test compares it with a
 * snapshot and the terminal only draws it.
 */
final class WatchScreen {

    /** The columns of a row, in order: name, width (the name's and the last column's are set per screen). */
    private static final String[] HEADINGS = {"WORKSTREAM", "STATE", "TIME", "TURNS", "COST", "TOKENS", "COMMITS",
            "FILES", "GATE", "LANDING", "CONFLICTS", "LAST"};
    private static final int[] WIDTHS = {0, 11, 6, 5, 8, 7, 7, 5, 8, 8, 10, 0};

    /** Log lines to read per workstream: enough to find the agent's last tool call among its other lines. */
    static final int LOG_LINES = 8;

    private WatchScreen() {
    }

    /**
     * One row of the table. A workstream makes one; a racer (several workers on one workstream) is another row of
     * the same shape under it, with its own label.
     */
    record Row(String label, List<String> cells) {
    }

    /** The screen: at most {@code height} lines of at most {@code width} characters. */
    static List<String> render(Dashboard dashboard, int width, int height) {
        List<String> header = header(dashboard);
        List<Row> rows = rows(dashboard);
        List<String> footer = footer(dashboard);
        int nameWidth = Math.max(HEADINGS[0].length(), rows.stream().mapToInt(r -> r.label().length()).max()
                .orElse(0));
        List<String> top = new ArrayList<>(header);
        top.add(line(HEADINGS[0], List.of(HEADINGS).subList(1, HEADINGS.length), nameWidth));
        List<String> bottom = new ArrayList<>(footer);
        if (height - top.size() - bottom.size() < rows.size()) {
            // a short terminal: the blank lines go first
            top.removeIf(String::isEmpty);
            bottom.removeIf(String::isEmpty);
        }
        int room = height - top.size() - bottom.size();
        List<Row> shown = rows.size() <= room ? rows : rows.subList(0, Math.max(0, room - 1));
        List<String> lines = new ArrayList<>(top);
        shown.forEach(r -> lines.add(line(r.label(), r.cells(), nameWidth)));
        if (shown.size() < rows.size()) {
            lines.add("... " + (rows.size() - shown.size()) + " more (a taller terminal shows them)");
        }
        lines.addAll(bottom);
        List<String> fitted = new ArrayList<>();
        for (String line : lines.subList(0, Math.min(lines.size(), height))) {
            fitted.add(cut(line, width));
        }
        return fitted;
    }

    /**
     * What the screen says apart from the passing of time: a new block of plain lines is printed when this
     * changes (a worker's state, a turn, a commit, a gate, the queue), not every second a clock moves on.
     */
    static String changeKey(Dashboard dashboard) {
        StringBuilder key = new StringBuilder(dashboard.status().runStatus());
        dashboard.merging().ifPresent(m -> key.append("|merging ").append(m.wave()).append(m.workstreams()));
        dashboard.gates().forEach(g -> key.append("|gate ").append(g.key()));
        for (Row row : rows(dashboard)) {
            List<String> cells = new ArrayList<>(row.cells());
            cells.remove(1); // the time
            key.append('\n').append(row.label()).append(cells);
        }
        return key.toString();
    }

    private static List<String> header(Dashboard d) {
        RunInfo info = d.status().info();
        Instant end = d.ended() && info.finishedAt() != null ? info.finishedAt() : d.at();
        String elapsed = info.startedAt() == null ? "" : " for " + clock(Duration.between(info.startedAt(), end)
                .toMillis());
        String spent = d.budgetUsd().map(b -> String.format(Locale.ROOT, "budget %s of $%.2f used (%d%%)",
                dollars(d.spentUsd()), b, Math.round(100 * d.spentUsd() / b)))
                .orElse("spent " + dollars(d.spentUsd()) + " (no budget)");
        String first = "pwt watch: feature " + info.feature() + ", run " + d.status().runStatus()
                + (d.ended() ? "" : elapsed) + ", " + spent;
        return List.of(first, queue(d), "");
    }

    /** The queue: what is merging, which gates run and for how long, what waits for its turn. */
    private static String queue(Dashboard d) {
        if (!d.autoMerge()) {
            return "queue: none (the plan does not merge by itself; pwt merge PLAN --wave N merges a wave)";
        }
        List<String> parts = new ArrayList<>();
        d.merging().ifPresent(m -> parts.add("merging wave " + m.wave() + " (" + String.join(", ", m.workstreams())
                + ") for " + clock(d.mergingFor().orElse(Duration.ZERO).toMillis())));
        for (Dashboard.GateRun gate : d.gates()) {
            parts.add("gate " + gate.key() + " running for " + clock(Duration.between(gate.since(), d.at())
                    .toMillis()));
        }
        List<String> waiting = d.status().workstreams().stream()
                .filter(ws -> d.landing(ws) == Dashboard.Landing.QUEUED).map(WorkstreamStatus::workstream).toList();
        if (!waiting.isEmpty()) {
            parts.add("queued: " + String.join(", ", waiting));
        }
        return "queue: " + (parts.isEmpty() ? "nothing merging" : String.join("; ", parts));
    }

    private static List<String> footer(Dashboard d) {
        if (!d.ended()) {
            return List.of();
        }
        RunInfo info = d.status().info();
        return List.of("", "The run ended: " + d.status().runStatus() + (info.reason() == null ? ""
                : " (" + info.reason() + ")") + ". pwt status PLAN and report.html have the details.");
    }

    /** A row per workstream, each raced one followed by a row per racer. */
    private static List<Row> rows(Dashboard d) {
        List<Row> rows = new ArrayList<>();
        for (WorkstreamStatus ws : d.status().workstreams()) {
            rows.add(row(d, ws));
            d.status().raceOf(ws.workstream()).ifPresent(race -> {
                for (WorkerRecord racer : race.racers()) {
                    rows.add(racerRow(d, race, racer));
                }
            });
        }
        return rows;
    }

    /**
     * A racer's row, under its workstream: its worker's state, time and spend, its gate verdict in the race, and
     * once the race is judged whether it won, its score and its review; its commits stay on its own branch.
     */
    private static Row racerRow(Dashboard d, StatusReport.RaceStatus race, WorkerRecord racer) {
        Usage u = racer.usage();
        // its standing by its branch, as pwt status and the report find it: the racers recorded need not be all
        Optional<RaceResult.Standing> standing = race.judged().flatMap(j -> j.racers().stream()
                .filter(s -> s.branch().equals(racer.branch())).findFirst());
        boolean judged = race.judged().isPresent();
        boolean won = standing.isPresent() && race.judged().map(j -> j.winner() != null
                && j.winner() == standing.get().racer()).orElse(false);
        String last = standing.map(s -> String.format(Locale.ROOT, "score %.2f", s.score())
                + (s.review() == null ? "" : ", review " + s.review().verdictWord())
                + (s.eligible() || s.verdictReason() == null ? "" : ": " + s.verdictReason()))
                .orElseGet(() -> racer.review() != null ? "review " + racer.review().verdictWord()
                        : racer.reason() != null && racer.status().isFinal() ? racer.reason() : "");
        List<String> cells = List.of(
                racer.status().id(),
                racer.startedAt() == null ? "-" : clock(racer.durationMillis(d.at())),
                u.turns() == 0 ? "-" : String.valueOf(u.turns()),
                Money.format(u.costUsd()),
                Money.tokens(u.inputTokens() + u.outputTokens()),
                "-",
                "-",
                racer.gate() == null ? "-" : racer.gate(),
                !judged ? "-" : won ? "won" : "lost",
                "-",
                last);
        return new Row("  " + racer.workstream(), cells);
    }

    private static Row row(Dashboard d, WorkstreamStatus ws) {
        Usage u = ws.usage();
        List<String> cells = List.of(
                ws.status().id(),
                ws.durationMillis() < 0 ? "-" : clock(ws.durationMillis()),
                u.turns() == 0 ? "-" : String.valueOf(u.turns()),
                Money.format(u.costUsd()),
                Money.tokens(u.inputTokens() + u.outputTokens()),
                count(ws.commitsAhead()),
                count(ws.filesChanged()),
                ws.gate().orElse("-"),
                landing(d.landing(ws)),
                ws.conflicts().isEmpty() ? "-" : String.join(",", ws.conflicts()),
                last(ws));
        return new Row(ws.workstream(), cells);
    }

    /**
     * The last column: why it was left out or why it failed when it did, else its agent's last tool call, else its
     * log's last line.
     */
    private static String last(WorkstreamStatus ws) {
        if (ws.leftOut().isPresent()) {
            return "left out: " + ws.leftOut().get();
        }
        boolean ok = ws.status() == WorkerStatus.DONE || !ws.status().isFinal();
        if (!ok && ws.note().isPresent()) {
            return ws.note().get();
        }
        List<String> tail = ws.logTail().stream().map(l -> WorkerLogLine.text(l).strip()).toList();
        for (int i = tail.size() - 1; i >= 0; i--) {
            if (WorkerLogLine.isToolCall(tail.get(i))) {
                return tail.get(i);
            }
        }
        return tail.isEmpty() ? "" : tail.get(tail.size() - 1);
    }

    private static String landing(Dashboard.Landing landing) {
        return landing == Dashboard.Landing.NONE ? "-" : landing.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String line(String name, List<String> cells, int nameWidth) {
        StringBuilder line = new StringBuilder(pad(name, nameWidth));
        for (int i = 0; i < cells.size(); i++) {
            int w = WIDTHS[i + 1];
            line.append(' ').append(w == 0 ? cells.get(i) : pad(cut(cells.get(i), w), w));
        }
        return line.toString().stripTrailing();
    }

    /** Times a glance can take in: "45s", "3m05s", "1h02m". */
    static String clock(long millis) {
        long s = Math.max(0, millis) / 1000;
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }

    /** "$12.34", and "$0.0031" for the small sums of short runs. */
    private static String dollars(double usd) {
        return String.format(Locale.ROOT, usd >= 1 || usd == 0 ? "$%.2f" : "$%.4f", usd);
    }

    private static String count(int n) {
        return n < 0 ? "-" : String.valueOf(n);
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }

    /** At most {@code width} characters, the cut marked with "~" (one character, so a cut column keeps its width). */
    static String cut(String text, int width) {
        String flat = text.replace('\t', ' ').replaceAll("\\p{Cntrl}", "?");
        if (flat.length() <= width) {
            return flat;
        }
        return width <= 1 ? flat.substring(0, Math.max(0, width)) : flat.substring(0, width - 1) + "~";
    }
}
