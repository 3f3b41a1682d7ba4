package io.github.parallelworktrees.engine.ledger;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * One workstream's entry in sessions.json (the seed's fields: session_id, status, started_at, finished_at,
 * last_checkpoint, plus attempts, cost and what we need to resume safely).
 *
 * <p>Cost, turns, tokens and permission denials are summed over all attempts (agents only).
 *
 * @param workerPid the worker's process (group) id while it runs, to stop a worker orphaned by a killed run
 * @param workerStartedAt when that process started, so a reused pid is never mistaken for it
 * @param prepared the worktree, brief and setup commands are in place
 * @param reason why it ended as it did, in one line
 * @param gate the status of its wave's quality gate on its branch (passed, unstable, failed, ...), once run
 * @param gateReason the gate's reasons when it was not passed
 * @param review its branch's latest review ({@code review:} in the plan), once one ran; the ledger keeps each
 * @param tests what its test-writer did ({@code review: {tests: true}}), once it ran
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkerRecord(
        String workstream,
        String branch,
        int wave,
        WorkerStatus status,
        String sessionId,
        Instant startedAt,
        Instant finishedAt,
        int attempts,
        Double costUsd,
        Integer turns,
        Long inputTokens,
        Long outputTokens,
        List<String> permissionDenials,
        String lastCheckpoint,
        Integer exitCode,
        String reason,
        Long workerPid,
        Instant workerStartedAt,
        boolean prepared,
        boolean resultsCollected,
        String gate,
        String gateReason,
        ReviewRecord review,
        TestsRecord tests) {

    public static WorkerRecord pending(String workstream, String branch, int wave) {
        Builder b = new Builder();
        b.workstream = workstream;
        b.branch = branch;
        b.wave = wave;
        b.status = WorkerStatus.PENDING;
        return b.build();
    }

    public WorkerRecord withStatus(WorkerStatus newStatus, String newReason) {
        Builder b = edit();
        b.status = newStatus;
        b.reason = newReason;
        return b.build();
    }

    public WorkerRecord markPrepared() {
        Builder b = edit();
        b.prepared = true;
        return b.build();
    }

    /** A new attempt starts: counts it, and clears what the last attempt ended with. */
    public WorkerRecord started(Instant at) {
        Builder b = edit();
        b.status = WorkerStatus.RUNNING;
        b.startedAt = at;
        b.finishedAt = null;
        b.attempts = attempts + 1;
        b.exitCode = null;
        b.reason = null;
        b.workerPid = null;
        b.workerStartedAt = null;
        b.resultsCollected = false;
        b.gate = null;
        b.gateReason = null;
        return b.build();
    }

    public WorkerRecord withProcess(long pid, Instant processStart) {
        Builder b = edit();
        b.workerPid = pid;
        b.workerStartedAt = processStart;
        return b.build();
    }

    public WorkerRecord withSession(String id) {
        Builder b = edit();
        b.sessionId = id;
        return b.build();
    }

    public WorkerRecord withGate(String status, String reason) {
        Builder b = edit();
        b.gate = status;
        b.gateReason = reason;
        return b.build();
    }

    public WorkerRecord withReview(ReviewRecord latest) {
        Builder b = edit();
        b.review = latest;
        return b.build();
    }

    /**
     * A racer's branch was reviewed in its race's judging: the review is its latest, what the reviewer spent is added
     * to what the racer's attempts spent (as a workstream's reviewer's is to the workstream's), and the reviewer's
     * process is no longer the record's.
     */
    public WorkerRecord reviewed(ReviewRecord latest, Usage spent) {
        Builder b = edit();
        b.review = latest;
        b.workerPid = null;
        b.workerStartedAt = null;
        addSpent(b, spent);
        return b.build();
    }

    public WorkerRecord withTests(TestsRecord written) {
        Builder b = edit();
        b.tests = written;
        return b.build();
    }

    public WorkerRecord withCheckpoint(String checkpoint) {
        Builder b = edit();
        b.lastCheckpoint = checkpoint;
        return b.build();
    }

    /** The attempt ended; {@code spent} is added to what earlier attempts spent. */
    public WorkerRecord finished(WorkerStatus end, Integer exit, String why, Instant at, boolean collected,
            Usage spent) {
        Builder b = edit();
        b.status = end;
        b.exitCode = exit;
        b.reason = why;
        b.finishedAt = at;
        b.resultsCollected = collected;
        b.workerPid = null;
        b.workerStartedAt = null;
        addSpent(b, spent);
        return b.build();
    }

    /** Adds {@code spent} to what the record says was spent (a record that never spent stays without a cost). */
    private void addSpent(Builder b, Usage spent) {
        if (costUsd != null || !spent.equals(Usage.NONE)) {
            Usage total = usage().plus(spent);
            b.costUsd = total.costUsd();
            b.turns = total.turns();
            b.inputTokens = total.inputTokens();
            b.outputTokens = total.outputTokens();
            b.permissionDenials = total.permissionDenials().isEmpty() ? null : total.permissionDenials();
        }
    }

    /** What this workstream's attempts have cost so far. */
    @JsonIgnore
    public Usage usage() {
        return new Usage(costUsd == null ? 0 : costUsd, turns == null ? 0 : turns,
                inputTokens == null ? 0 : inputTokens, outputTokens == null ? 0 : outputTokens,
                permissionDenials == null ? List.of() : permissionDenials);
    }

    /** Milliseconds the last attempt ran (so far, if it still runs), or -1 before it started. */
    public long durationMillis(Instant now) {
        if (startedAt == null) {
            return -1;
        }
        Instant end = finishedAt != null && !finishedAt.isBefore(startedAt) ? finishedAt : now;
        return end.toEpochMilli() - startedAt.toEpochMilli();
    }

    private Builder edit() {
        Builder b = new Builder();
        b.workstream = workstream;
        b.branch = branch;
        b.wave = wave;
        b.status = status;
        b.sessionId = sessionId;
        b.startedAt = startedAt;
        b.finishedAt = finishedAt;
        b.attempts = attempts;
        b.costUsd = costUsd;
        b.turns = turns;
        b.inputTokens = inputTokens;
        b.outputTokens = outputTokens;
        b.permissionDenials = permissionDenials;
        b.lastCheckpoint = lastCheckpoint;
        b.exitCode = exitCode;
        b.reason = reason;
        b.workerPid = workerPid;
        b.workerStartedAt = workerStartedAt;
        b.prepared = prepared;
        b.resultsCollected = resultsCollected;
        b.gate = gate;
        b.gateReason = gateReason;
        b.review = review;
        b.tests = tests;
        return b;
    }

    /** The one place that lists every field: each change copies the record through it. */
    private static final class Builder {
        String workstream;
        String branch;
        int wave;
        WorkerStatus status;
        String sessionId;
        Instant startedAt;
        Instant finishedAt;
        int attempts;
        Double costUsd;
        Integer turns;
        Long inputTokens;
        Long outputTokens;
        List<String> permissionDenials;
        String lastCheckpoint;
        Integer exitCode;
        String reason;
        Long workerPid;
        Instant workerStartedAt;
        boolean prepared;
        boolean resultsCollected;
        String gate;
        String gateReason;
        ReviewRecord review;
        TestsRecord tests;

        WorkerRecord build() {
            return new WorkerRecord(workstream, branch, wave, status, sessionId, startedAt, finishedAt, attempts,
                    costUsd, turns, inputTokens, outputTokens, permissionDenials, lastCheckpoint, exitCode, reason,
                    workerPid, workerStartedAt, prepared, resultsCollected, gate, gateReason, review, tests);
        }
    }
}
