package io.github.parallelworktrees.cli;

import io.github.parallelworktrees.engine.ledger.RunListener;
import io.github.parallelworktrees.engine.ledger.WorkerRecord;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** Progress lines on the terminal: one per event, stamped with the time. */
final class Console implements RunListener {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final PrintWriter out;

    Console(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void info(String message) {
        line(message);
    }

    @Override
    public void warning(String message) {
        line("warning: " + message);
    }

    @Override
    public void workerStarted(WorkerRecord record) {
        line(String.format("%-16s started   wave %d, attempt %d, branch %s", record.workstream(), record.wave(),
                record.attempts(), record.branch()));
    }

    @Override
    public void workerProgress(String workstream, String progress) {
        line(String.format("%-16s %s", workstream, progress));
    }

    @Override
    public void workerFinished(WorkerRecord record) {
        String duration = record.startedAt() == null ? ""
                : " in " + Durations.format(record.durationMillis(Instant.now()));
        line(String.format("%-16s %-9s%s%s", record.workstream(), record.status().id(), duration,
                record.reason() == null ? "" : " (" + record.reason() + ")"));
    }

    @Override
    public void gateJudged(WorkerRecord record) {
        line(String.format("%-16s gate %-8s%s", record.workstream(), record.gate(),
                record.gateReason() == null ? "" : " (" + record.gateReason() + ")"));
    }

    private synchronized void line(String text) {
        out.println(LocalTime.now().format(TIME) + "  " + text);
        out.flush();
    }
}
