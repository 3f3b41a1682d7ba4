package io.jenkins.plugins.parallelworktrees.report;

import io.github.parallelworktrees.engine.ledger.WaveResult;
import io.github.parallelworktrees.engine.report.Timeline;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One gate run of a wave's merge, as the build keeps it: the workstreams on its candidate, its verdict, when it ran
 * (epoch milliseconds; 0 for a run that never ran a gate, a candidate that did not even merge) and where its gate.md
 * is among the build's artifacts.
 */
public final class GateRunRow implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int run;
    private final int round;
    private final ArrayList<String> workstreams;
    private final String status;
    private final String summary;
    private final long from;
    private final long to;
    private final ArrayList<String> reports;

    private GateRunRow(int run, int round, List<String> workstreams, String status, String summary, long from,
            long to, List<String> reports) {
        this.run = run;
        this.round = round;
        this.workstreams = new ArrayList<>(workstreams);
        this.status = status;
        this.summary = summary;
        this.from = from;
        this.to = to;
        this.reports = new ArrayList<>(reports);
    }

    /**
     * The row of an engine gate run.
     *
     * @param from when it started, or null when it never ran a gate
     * @param reports archive paths of the gate.md files that judged it, the first one linked from the page
     */
    public static GateRunRow of(WaveResult.GateRun run, Instant from, Instant to, List<String> reports) {
        return new GateRunRow(run.number(), run.round(), run.workstreams(), run.status(),
                run.summary() == null ? "" : run.summary(), from == null ? 0 : from.toEpochMilli(),
                to == null || from == null ? 0 : to.toEpochMilli(), reports);
    }

    /** The same row with {@code mask} applied to its reasons. */
    GateRunRow masked(UnaryOperator<String> mask) {
        return new GateRunRow(run, round, workstreams, status, mask.apply(summary), from, to, reports);
    }

    /** The span for the engine's drawing of wave {@code wave}'s merge {@code merge}; empty when it never ran. */
    Optional<Timeline.GateSpan> toSpan(int wave, int merge) {
        if (from == 0) {
            return Optional.empty();
        }
        return Optional.of(new Timeline.GateSpan(wave, merge, run, Instant.ofEpochMilli(from),
                Instant.ofEpochMilli(Math.max(from, to)), getWorkstreams(), status, false));
    }

    public int getRun() {
        return run;
    }

    public int getRound() {
        return round;
    }

    public List<String> getWorkstreams() {
        return List.copyOf(workstreams);
    }

    /** The workstreams on its candidate, as the page names them: "api + ui". */
    public String getCandidate() {
        return String.join(" + ", getWorkstreams());
    }

    /** Its verdict: passed, failed, unstable, error, conflict, ... */
    public String getStatus() {
        return status;
    }

    /** Why it did not pass; empty when it did. */
    public String getSummary() {
        return summary;
    }

    public long getFrom() {
        return from;
    }

    public long getTo() {
        return to;
    }

    /** Archive paths of its gate.md files (a body may hold several qualityGate steps); empty: none archived. */
    public List<String> getReports() {
        return reports == null ? List.of() : List.copyOf(reports);
    }
}
