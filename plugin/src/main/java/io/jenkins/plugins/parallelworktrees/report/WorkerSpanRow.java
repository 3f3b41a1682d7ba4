package io.jenkins.plugins.parallelworktrees.report;

import io.github.parallelworktrees.engine.report.Timeline;
import java.io.Serializable;
import java.time.Instant;

/**
 * One attempt of a workstream's worker, as the build keeps it for the page's timeline: epoch milliseconds and words,
 * no engine or java.time type, since the build record (XStream) and the agent's answer (Remoting) both pass only
 * classes the controller's JEP-200 filter accepts (see contract/ClassFilterTest).
 */
public final class WorkerSpanRow implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int attempt;
    private final int repair;
    private final long from;
    private final long to;
    private final String status;
    private final boolean open;

    WorkerSpanRow(int attempt, int repair, long from, long to, String status, boolean open) {
        this.attempt = attempt;
        this.repair = repair;
        this.from = from;
        this.to = to;
        this.status = status;
        this.open = open;
    }

    /** The span the engine's timeline of the run drew for the attempt. */
    public static WorkerSpanRow of(Timeline.WorkerSpan span) {
        return new WorkerSpanRow(span.attempt(), span.repair(), span.from().toEpochMilli(), span.to().toEpochMilli(),
                span.status(), span.open());
    }

    /**
     * An attempt known only by its record's times, for a run whose ledger drew none of it.
     *
     * @param to null while it runs: the span is open and ends at {@code from} until the page draws it
     */
    public static WorkerSpanRow of(int attempt, Instant from, Instant to, String status) {
        return new WorkerSpanRow(attempt, 0, from.toEpochMilli(), (to == null ? from : to).toEpochMilli(), status,
                to == null);
    }

    /** The span for the engine's drawing; an open one still running ends at {@code now}, when there is a now. */
    Timeline.WorkerSpan toSpan(Instant now) {
        Instant end = Instant.ofEpochMilli(to);
        if (open && now != null && now.isAfter(end)) {
            end = now;
        }
        return new Timeline.WorkerSpan(attempt, repair, Instant.ofEpochMilli(from), end, status, open);
    }

    public int getAttempt() {
        return attempt;
    }

    /** The repair this attempt was (1 for the first), 0 for an ordinary attempt. */
    public int getRepair() {
        return repair;
    }

    public long getFrom() {
        return from;
    }

    public long getTo() {
        return to;
    }

    public String getStatus() {
        return status;
    }

    /** It had not ended when it was recorded (a run stopped under it). */
    public boolean isOpen() {
        return open;
    }
}
