package io.github.parallelworktrees.engine.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The timeline drawn as an inline SVG (no script: report.html has a policy that forbids any): a lane per
 * workstream with its worker attempts as bars (a repair outlined and named), thin bars under them for the gate runs
 * that judged its branch, a diamond where a merge landed it and a cross where one left it out; a last lane for the
 * merges' gate runs; a time axis counted from the run's start. Every shape has a tooltip ({@code <title>}) with its
 * times.
 *
 * <p>Every text in it (a workstream's name, a state word, a verdict) is escaped here, so the SVG may be written into
 * a page as it is: report.html, and the Jenkins build page, which draws a {@link Timeline} it made from its build's
 * record rather than from a run folder.
 */
public final class TimelineSvg {

    static final int WIDTH = 960;
    private static final int LABEL = 140;
    private static final int RIGHT = 16;
    private static final int TOP = 26;
    private static final int LANE = 30;
    private static final int BAR = 16;
    private static final int GATE_ROW = 9;
    /** Axis steps: a step gives at most {@link #MAX_TICKS} ticks over the run. */
    private static final long[] STEPS = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800,
            21600, 43200, 86400};
    private static final int MAX_TICKS = 10;
    static final String MERGES_LANE = "merges";

    private final Timeline timeline;
    private final HumanTime time;
    private final double seconds;

    private TimelineSvg(Timeline timeline, HumanTime time) {
        this.timeline = timeline;
        this.time = time;
        // a run of no length still gets an axis
        this.seconds = Math.max(1.0, Duration.between(timeline.start(), timeline.end()).toMillis() / 1000.0);
    }

    /** The SVG of {@code timeline}, its moments in {@code time}'s zone (in the tooltips). */
    public static String render(Timeline timeline, HumanTime time) {
        return new TimelineSvg(timeline, time).svg();
    }

    /**
     * What the colours and marks mean, as HTML to put under the SVG. Swatches are drawn, not styled: Jenkins serves
     * archived files with a policy that drops inline styles.
     */
    public static String legend() {
        return "<p class=\"legend sub\">" + swatch(color("done"), "worker done / gate passed")
                + swatch(color("failed"), "failed")
                + swatch(color("unstable"), "other end (unstable, incomplete, interrupted...)")
                + swatch(color("running"), "running")
                + "<span>&#9670; landed by a merge</span><span>&#10005; left out by a merge</span>"
                + "<span>outlined: a repair; dashed: unfinished</span></p>";
    }

    private static String swatch(String color, String what) {
        return "<span><svg width=\"12\" height=\"12\" viewBox=\"0 0 12 12\"><rect width=\"12\" height=\"12\""
                + " rx=\"2\" fill=\"" + color + "\"/></svg> " + what + "</span>";
    }

    private String svg() {
        List<Timeline.Lane> lanes = timeline.lanes();
        int[] rows = gateRows();
        int gateRowCount = java.util.Arrays.stream(rows).max().orElse(0) + 1;
        int mergesLane = Math.max(LANE, 8 + gateRowCount * GATE_ROW + 4);
        int height = TOP + lanes.size() * LANE + mergesLane + 8;
        StringBuilder s = new StringBuilder();
        s.append("<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH)
                .append(' ').append(height).append("\" width=\"").append(WIDTH).append("\" height=\"").append(height)
                .append("\" style=\"max-width:100%;height:auto")
                .append("\" role=\"img\" aria-label=\"Timeline of the run: workers, gate runs and merges\"")
                .append(" font-family=\"system-ui, sans-serif\" font-size=\"12\">\n");
        axis(s, height);
        for (int i = 0; i < lanes.size(); i++) {
            lane(s, lanes.get(i), TOP + i * LANE);
        }
        mergesLane(s, TOP + lanes.size() * LANE, rows, mergesLane);
        return s.append("</svg>\n").toString();
    }

    private void axis(StringBuilder s, int height) {
        long step = STEPS[STEPS.length - 1];
        for (long candidate : STEPS) {
            if (seconds / candidate <= MAX_TICKS) {
                step = candidate;
                break;
            }
        }
        for (long t = 0; t <= seconds + 1e-9; t += step) {
            double x = x(t);
            s.append("<line class=\"tick\" x1=\"").append(num(x)).append("\" y1=\"").append(TOP - 6).append("\" x2=\"")
                    .append(num(x)).append("\" y2=\"").append(height - 8)
                    .append("\" stroke=\"#e3e3e3\"/><text x=\"").append(num(x)).append("\" y=\"").append(TOP - 10)
                    .append("\" text-anchor=\"middle\" fill=\"#555\">").append(tick(t)).append("</text>\n");
        }
    }

    private void lane(StringBuilder s, Timeline.Lane lane, int y) {
        String name = lane.workstream();
        String shown = name.length() > 18 ? name.substring(0, 17) + "\u2026" : name;
        s.append("<g class=\"lane\" data-workstream=\"").append(esc(name)).append("\">")
                .append("<text x=\"4\" y=\"").append(y + 13).append("\" fill=\"#222\"><title>").append(esc(name))
                .append(", wave ").append(lane.wave()).append("</title>").append(esc(shown)).append("</text>")
                .append("<line x1=\"").append(LABEL).append("\" y1=\"").append(y + LANE - 2).append("\" x2=\"")
                .append(WIDTH - RIGHT).append("\" y2=\"").append(y + LANE - 2).append("\" stroke=\"#f0f0f0\"/>\n");
        for (Timeline.WorkerSpan span : lane.spans()) {
            double x1 = x(span.from());
            double w = Math.max(2, x(span.to()) - x1);
            String label = span.repair() > 0 ? "repair " + span.repair() : span.attempt() > 1 ? "attempt "
                    + span.attempt() : "";
            s.append("<rect class=\"worker ").append(esc(span.status())).append("\" x=\"").append(num(x1))
                    .append("\" y=\"").append(y + 2).append("\" width=\"").append(num(w)).append("\" height=\"")
                    .append(BAR).append("\" rx=\"3\" fill=\"").append(color(span.status())).append('"')
                    .append(span.repair() > 0 ? " stroke=\"#4a148c\" stroke-width=\"2\"" : "")
                    .append(span.open() ? " stroke-dasharray=\"4 2\" fill-opacity=\"0.6\"" : "").append("><title>")
                    .append(esc(name)).append(label.isEmpty() ? "" : " " + label).append(", attempt ")
                    .append(span.attempt()).append(": ").append(time.clock(span.from())).append(" \u2013 ")
                    .append(time.clock(span.to())).append(" (").append(HumanTime.between(span.from(), span.to()))
                    .append("), ").append(esc(span.status().replace('_', ' '))).append(span.open() ? ", unfinished"
                            : "").append("</title></rect>");
            if (!label.isEmpty() && w > 7 * label.length()) {
                s.append("<text x=\"").append(num(x1 + 4)).append("\" y=\"").append(y + 14)
                        .append("\" fill=\"#fff\" font-size=\"11\">").append(label).append("</text>");
            }
            s.append('\n');
        }
        for (Timeline.GateSpan gate : timeline.gates()) {
            if (gate.workstreams().contains(name)) {
                gateBar(s, gate, y + BAR + 4, 5);
            }
        }
        for (Timeline.MergeMark merge : timeline.merges()) {
            double x = x(merge.at());
            int mid = y + 2 + BAR / 2;
            if (merge.landed().contains(name)) {
                s.append("<polygon class=\"landed\" points=\"").append(num(x)).append(',').append(mid - 7).append(' ')
                        .append(num(x + 7)).append(',').append(mid).append(' ').append(num(x)).append(',')
                        .append(mid + 7).append(' ').append(num(x - 7)).append(',').append(mid)
                        .append("\" fill=\"#1b5e20\" stroke=\"#fff\"><title>").append(esc(name))
                        .append(" landed by wave ").append(merge.wave()).append("'s merge ").append(merge.merge())
                        .append(" at ").append(time.clock(merge.at())).append("</title></polygon>\n");
            } else if (merge.leftOut().contains(name)) {
                s.append("<g class=\"left-out\" stroke=\"#b71c1c\" stroke-width=\"3\"><title>").append(esc(name))
                        .append(" left out by wave ").append(merge.wave()).append("'s merge ").append(merge.merge())
                        .append(" at ").append(time.clock(merge.at())).append("</title><line x1=\"")
                        .append(num(x - 6)).append("\" y1=\"").append(mid - 6).append("\" x2=\"").append(num(x + 6))
                        .append("\" y2=\"").append(mid + 6).append("\"/><line x1=\"").append(num(x - 6))
                        .append("\" y1=\"").append(mid + 6).append("\" x2=\"").append(num(x + 6)).append("\" y2=\"")
                        .append(mid - 6).append("\"/></g>\n");
            }
        }
        s.append("</g>\n");
    }

    /** The integration branch's lane: every gate run of every merge, and a line where each merge was recorded. */
    /**
     * The row of the merges lane each gate run is drawn in: gate runs at the same time (a round's, or the queue's
     * next merge judged early) each get a row of their own rather than hiding one another.
     */
    private int[] gateRows() {
        List<Timeline.GateSpan> gates = timeline.gates();
        int[] rows = new int[gates.size()];
        List<Instant> rowEnds = new java.util.ArrayList<>();
        for (int i = 0; i < gates.size(); i++) {
            Timeline.GateSpan g = gates.get(i);
            int row = 0;
            while (row < rowEnds.size() && rowEnds.get(row).isAfter(g.from())) {
                row++;
            }
            if (row == rowEnds.size()) {
                rowEnds.add(g.to());
            } else {
                rowEnds.set(row, g.to());
            }
            rows[i] = row;
        }
        return rows;
    }

    private void mergesLane(StringBuilder s, int y, int[] rows, int height) {
        s.append("<g class=\"lane\" data-lane=\"").append(MERGES_LANE).append("\"><text x=\"4\" y=\"").append(y + 13)
                .append("\" fill=\"#222\" font-style=\"italic\">gates, merges</text>\n");
        for (int i = 0; i < rows.length; i++) {
            gateBar(s, timeline.gates().get(i), y + 4 + rows[i] * GATE_ROW, GATE_ROW - 2);
        }
        for (Timeline.MergeMark merge : timeline.merges()) {
            double x = x(merge.at());
            s.append("<line class=\"merge\" x1=\"").append(num(x)).append("\" y1=\"").append(y).append("\" x2=\"")
                    .append(num(x)).append("\" y2=\"").append(y + height - 6).append("\" stroke=\"#333\" stroke-width=\"2\">")
                    .append("<title>wave ").append(merge.wave()).append(", merge ").append(merge.merge()).append(" at ")
                    .append(time.clock(merge.at())).append(": ").append(merge.landed().isEmpty() ? "landed nothing"
                            : "landed " + esc(String.join(", ", merge.landed())))
                    .append(merge.leftOut().isEmpty() ? "" : "; left out " + esc(String.join(", ", merge.leftOut())))
                    .append("</title></line>\n");
        }
        s.append("</g>\n");
    }

    private void gateBar(StringBuilder s, Timeline.GateSpan gate, int y, int height) {
        double x1 = x(gate.from());
        double w = Math.max(3, x(gate.to()) - x1);
        String status = gate.status() == null ? "running" : gate.status();
        s.append("<rect class=\"gate ").append(esc(status)).append("\" x=\"").append(num(x1)).append("\" y=\"")
                .append(y).append("\" width=\"").append(num(w)).append("\" height=\"").append(height)
                .append("\" fill=\"").append(color(status)).append("\"><title>wave ").append(gate.wave())
                .append(", merge ").append(gate.merge()).append(", gate run ").append(gate.run())
                .append(gate.workstreams().isEmpty() ? "" : " on " + esc(String.join(" + ", gate.workstreams())))
                .append(": ").append(time.clock(gate.from())).append(" \u2013 ").append(time.clock(gate.to()))
                .append(" (").append(HumanTime.between(gate.from(), gate.to())).append("), ").append(esc(status))
                .append("</title></rect>\n");
    }

    /** The colour of a worker's state or a gate's verdict, as the report's tables colour their words. */
    static String color(String status) {
        return switch (status) {
            case "done", "passed", "note", "inactive", "ungated" -> "#2e7d32"; // what lets a merge go ahead
            case "failed", "timed_out", "error" -> "#c62828";
            case "running", "preparing" -> "#1565c0";
            default -> "#ef8f00"; // unstable, incomplete, max_turns, over_budget, interrupted, skipped
        };
    }

    private double x(Instant at) {
        return x(Duration.between(timeline.start(), at).toMillis() / 1000.0);
    }

    private double x(double second) {
        double clamped = Math.max(0, Math.min(seconds, second));
        return LABEL + clamped / seconds * (WIDTH - LABEL - RIGHT);
    }

    /** An axis label: the time since the run started. */
    static String tick(long seconds) {
        if (seconds == 0) {
            return "0";
        }
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
        }
        long minutes = seconds / 60;
        return minutes / 60 + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
    }

    private static String num(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String esc(String text) {
        return SafeMarkdown.escape(text);
    }
}
