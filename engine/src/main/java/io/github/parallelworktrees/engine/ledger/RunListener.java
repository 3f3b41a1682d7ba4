package io.github.parallelworktrees.engine.ledger;

/** Progress of a run as it happens, for a terminal or a Jenkins build log. */
public interface RunListener {

    /** Something worth a line: a decision, a skipped step, a reused branch. */
    void info(String message);

    /** Allowed but probably wrong. */
    default void warning(String message) {
        info("warning: " + message);
    }

    /** A workstream's worker started an attempt. */
    default void workerStarted(WorkerRecord record) {
        info(record.workstream() + ": started (attempt " + record.attempts() + ")");
    }

    /** A line from a running worker (a tool use, a turn). */
    default void workerProgress(String workstream, String line) {
    }

    /** A workstream's worker reached a final state. */
    default void workerFinished(WorkerRecord record) {
        info(record.workstream() + ": " + record.status().id());
    }

    /** The wave's quality gate judged a workstream's branch. */
    default void gateJudged(WorkerRecord record) {
        info(record.workstream() + ": gate " + record.gate()
                + (record.gateReason() == null ? "" : " (" + record.gateReason() + ")"));
    }

    /** A listener that says nothing. */
    static RunListener silent() {
        return message -> { };
    }
}
