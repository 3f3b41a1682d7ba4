package io.github.parallelworktrees.engine.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One workstream's entry in sessions.json (the seed's fields: session_id, status, started_at, finished_at,
 * last_checkpoint, plus attempts, cost and what we need to resume safely).
 *
 * @param workerPid the worker's process (group) id while it runs, to stop a worker orphaned by a killed run
 * @param workerStartedAt when that process started, so a reused pid is never mistaken for it
 * @param prepared the worktree, brief and setup commands are in place
 * @param reason why it ended as it did, in one line
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
        String lastCheckpoint,
        Integer exitCode,
        String reason,
        Long workerPid,
        Instant workerStartedAt,
        boolean prepared,
        boolean resultsCollected) {

    public static WorkerRecord pending(String workstream, String branch, int wave) {
        return new WorkerRecord(workstream, branch, wave, WorkerStatus.PENDING, null, null, null, 0, null, null,
                null, null, null, null, null, false, false);
    }

    public WorkerRecord withStatus(WorkerStatus newStatus, String newReason) {
        return new WorkerRecord(workstream, branch, wave, newStatus, sessionId, startedAt, finishedAt, attempts,
                costUsd, turns, lastCheckpoint, exitCode, newReason, workerPid, workerStartedAt, prepared,
                resultsCollected);
    }

    public WorkerRecord markPrepared() {
        return new WorkerRecord(workstream, branch, wave, status, sessionId, startedAt, finishedAt, attempts,
                costUsd, turns, lastCheckpoint, exitCode, reason, workerPid, workerStartedAt, true,
                resultsCollected);
    }

    /** A new attempt starts: counts it, and clears what the last attempt ended with. */
    public WorkerRecord started(Instant at) {
        return new WorkerRecord(workstream, branch, wave, WorkerStatus.RUNNING, sessionId, at, null, attempts + 1,
                costUsd, turns, lastCheckpoint, null, null, null, null, prepared, false);
    }

    public WorkerRecord withProcess(long pid, Instant processStart) {
        return new WorkerRecord(workstream, branch, wave, status, sessionId, startedAt, finishedAt, attempts,
                costUsd, turns, lastCheckpoint, exitCode, reason, pid, processStart, prepared, resultsCollected);
    }

    public WorkerRecord withSession(String id) {
        return new WorkerRecord(workstream, branch, wave, status, id, startedAt, finishedAt, attempts, costUsd,
                turns, lastCheckpoint, exitCode, reason, workerPid, workerStartedAt, prepared, resultsCollected);
    }

    public WorkerRecord withCheckpoint(String checkpoint) {
        return new WorkerRecord(workstream, branch, wave, status, sessionId, startedAt, finishedAt, attempts,
                costUsd, turns, checkpoint, exitCode, reason, workerPid, workerStartedAt, prepared,
                resultsCollected);
    }

    public WorkerRecord finished(WorkerStatus end, Integer exit, String why, Instant at, boolean collected,
            Double cost, Integer turnCount) {
        return new WorkerRecord(workstream, branch, wave, end, sessionId, startedAt, at, attempts,
                cost != null ? cost : costUsd, turnCount != null ? turnCount : turns, lastCheckpoint, exit, why,
                null, null, prepared, collected);
    }

    /** Milliseconds the last attempt ran (so far, if it still runs), or -1 before it started. */
    public long durationMillis(Instant now) {
        if (startedAt == null) {
            return -1;
        }
        Instant end = finishedAt != null && !finishedAt.isBefore(startedAt) ? finishedAt : now;
        return end.toEpochMilli() - startedAt.toEpochMilli();
    }
}
