package io.jenkins.plugins.parallelworktrees.report;

import io.github.parallelworktrees.engine.ledger.WorkerRecord;
import io.github.parallelworktrees.engine.status.WorkstreamStatus;
import java.io.Serializable;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One workstream's line on the build's Parallel Worktrees page: made on the agent from the run's state
 * (sessions.json and the branch), kept in the build's record, shown by the action's views.
 */
public final class WorkstreamRow implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String workstream;
    private final String branch;
    private final int wave;
    private final String status;
    private final String reason;
    private final int attempts;
    private final long durationMillis;
    private final int turns;
    private final double costUsd;
    private final long inputTokens;
    private final long outputTokens;
    private final int commits;
    private final int filesChanged;
    private final String gate;
    private final String gateReason;
    private final String summary;
    private final Integer landedInWave;
    private final String leftOut;
    private final boolean resultsArchived;
    /** Its branch's latest review's verdict (approve, request-changes), status and criticality; null fields: none. */
    private final String reviewVerdict;
    private final String reviewStatus;
    private final String reviewCriticality;

    private WorkstreamRow(String workstream, String branch, int wave, String status, String reason, int attempts,
            long durationMillis, int turns, double costUsd, long inputTokens, long outputTokens, int commits,
            int filesChanged, String gate, String gateReason, String summary, Integer landedInWave, String leftOut,
            boolean resultsArchived, String reviewVerdict, String reviewStatus, String reviewCriticality) {
        this.workstream = workstream;
        this.branch = branch;
        this.wave = wave;
        this.status = status;
        this.reason = reason;
        this.attempts = attempts;
        this.durationMillis = durationMillis;
        this.turns = turns;
        this.costUsd = costUsd;
        this.inputTokens = inputTokens;
        this.outputTokens = outputTokens;
        this.commits = commits;
        this.filesChanged = filesChanged;
        this.gate = gate;
        this.gateReason = gateReason;
        this.summary = summary;
        this.landedInWave = landedInWave;
        this.leftOut = leftOut;
        this.resultsArchived = resultsArchived;
        this.reviewVerdict = reviewVerdict;
        this.reviewStatus = reviewStatus;
        this.reviewCriticality = reviewCriticality;
    }

    /**
     * The row of a workstream as the engine recorded it.
     *
     * @param status the dashboard's view of it (commits and files on its branch), when the run has one
     * @param resultsArchived its RESULTS.md is among the build's artifacts
     */
    public static WorkstreamRow of(WorkerRecord record, Optional<WorkstreamStatus> status, boolean resultsArchived) {
        return new WorkstreamRow(record.workstream(), record.branch(), record.wave(), record.status().id(),
                record.reason(), record.attempts(), record.durationMillis(Instant.now()), record.usage().turns(),
                record.usage().costUsd(), record.usage().inputTokens(), record.usage().outputTokens(),
                status.map(WorkstreamStatus::commitsAhead).orElse(-1),
                status.map(WorkstreamStatus::filesChanged).orElse(-1), record.gate(), record.gateReason(),
                record.lastCheckpoint(), null, null, resultsArchived,
                record.review() == null ? null : record.review().verdict(),
                record.review() == null ? null : record.review().status(),
                record.review() == null ? null : record.review().criticality());
    }

    /**
     * The same row with {@code mask} applied to its text (reason, gate reason, summary, why it was left out): a
     * step's secrets never reach the build's record or page.
     */
    public WorkstreamRow masked(UnaryOperator<String> mask) {
        return new WorkstreamRow(workstream, branch, wave, status, maskOrNull(mask, reason), attempts,
                durationMillis, turns, costUsd, inputTokens, outputTokens, commits, filesChanged, gate,
                maskOrNull(mask, gateReason), maskOrNull(mask, summary), landedInWave, maskOrNull(mask, leftOut),
                resultsArchived, reviewVerdict, reviewStatus, reviewCriticality);
    }

    static String maskOrNull(UnaryOperator<String> mask, String text) {
        return text == null ? null : mask.apply(text);
    }

    /** The same row, landed in {@code wave} by a merge. */
    public WorkstreamRow landed(int mergedWave) {
        return new WorkstreamRow(workstream, branch, wave, status, reason, attempts, durationMillis, turns, costUsd,
                inputTokens, outputTokens, commits, filesChanged, gate, gateReason, summary, mergedWave, null,
                resultsArchived, reviewVerdict, reviewStatus, reviewCriticality);
    }

    /** The same row, left out of its wave's merge for {@code why}. */
    public WorkstreamRow leftOut(String why) {
        return new WorkstreamRow(workstream, branch, wave, status, reason, attempts, durationMillis, turns, costUsd,
                inputTokens, outputTokens, commits, filesChanged, gate, gateReason, summary, null, why,
                resultsArchived, reviewVerdict, reviewStatus, reviewCriticality);
    }

    /** The same row with the verdict of the gate that judged its branch. */
    public WorkstreamRow gated(String verdict, String why) {
        return new WorkstreamRow(workstream, branch, wave, status, reason, attempts, durationMillis, turns, costUsd,
                inputTokens, outputTokens, commits, filesChanged, verdict, why, summary, landedInWave, leftOut,
                resultsArchived, reviewVerdict, reviewStatus, reviewCriticality);
    }

    public String getWorkstream() {
        return workstream;
    }

    public String getBranch() {
        return branch;
    }

    public int getWave() {
        return wave;
    }

    /** The engine's state word: done, incomplete, failed, timed_out, max_turns, over_budget, skipped, ... */
    public String getStatus() {
        return status;
    }

    public String getReason() {
        return reason;
    }

    public int getAttempts() {
        return attempts;
    }

    public boolean isDone() {
        return "done".equals(status);
    }

    /** "3 min 12 s", "1 h 2 min", as report.html says it; "-" before it started. */
    public String getDuration() {
        return io.github.parallelworktrees.engine.report.HumanTime.duration(durationMillis);
    }

    public long getDurationMillis() {
        return durationMillis;
    }

    public int getTurns() {
        return turns;
    }

    /** "$0.42"; "-" for a worker that spent nothing (a command worker). */
    public String getCost() {
        return costUsd > 0 ? String.format(Locale.ROOT, "$%.2f", costUsd) : "-";
    }

    public double getCostUsd() {
        return costUsd;
    }

    /** "12,345 in / 2,345 out"; "-" when the worker used none. */
    public String getTokens() {
        if (inputTokens == 0 && outputTokens == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%,d in / %,d out", inputTokens, outputTokens);
    }

    /** Commits on the branch that the base lacks; "-" when the branch does not exist. */
    public String getCommits() {
        return commits < 0 ? "-" : String.valueOf(commits);
    }

    public String getFilesChanged() {
        return filesChanged < 0 ? "-" : String.valueOf(filesChanged);
    }

    /** The gate's verdict on the branch (passed, unstable, failed, ...), or "-" when no gate judged it. */
    public String getGate() {
        return gate == null ? "-" : gate;
    }

    public String getGateReason() {
        return gateReason;
    }

    /** The first line of prose of its RESULTS.md. */
    public String getSummary() {
        return summary;
    }

    /** The wave it landed in, or null. */
    public Integer getLandedInWave() {
        return landedInWave;
    }

    /** Why its wave's merge left it out, or null. */
    public String getLeftOut() {
        return leftOut;
    }

    /** "landed in wave 1", "left out: culprit: ...", or "-" before its wave was merged. */
    public String getLanding() {
        if (landedInWave != null) {
            return "landed in wave " + landedInWave;
        }
        return leftOut != null ? "left out: " + leftOut : "-";
    }

    /** Its branch's latest review's verdict (approve, request-changes), or "none" when the review gave none; null: not reviewed. */
    public String getReviewVerdict() {
        return reviewStatus == null ? null : reviewVerdict == null ? "none" : reviewVerdict;
    }

    /** The review's status, as a gate's (passed, note, unstable, failed, error); null: not reviewed. */
    public String getReviewStatus() {
        return reviewStatus;
    }

    /** The review's criticality (NOTE, UNSTABLE, FAILURE); null: not reviewed. */
    public String getReviewCriticality() {
        return reviewCriticality;
    }

    /**
     * A review of criticality UNSTABLE that did not approve (changes requested, or no verdict): the branch may land,
     * and the build is UNSTABLE, as the engine's run is.
     */
    public boolean isReviewUnstable() {
        return "UNSTABLE".equals(reviewCriticality) && !"approve".equals(reviewVerdict);
    }

    public boolean isResultsArchived() {
        return resultsArchived;
    }
}
