package io.jenkins.plugins.parallelworktrees.report;

import io.github.parallelworktrees.engine.ledger.WorkerRecord;
import io.github.parallelworktrees.engine.status.WorkstreamStatus;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One workstream's line on the build's Parallel Worktrees page: made on the agent from the run's state
 * (sessions.json and the branch), kept in the build's record, shown by the action's views.
 */
public final class WorkstreamRow implements Serializable {

    private static final long serialVersionUID = 1L;

    // Set once by the factory or a copy made by one of the methods below, then never changed: rows are shared by the
    // action's published maps (copy-on-write) and read by XStream while steps add others.
    private String workstream;
    private String branch;
    private int wave;
    private String status;
    private String reason;
    private int attempts;
    private long durationMillis;
    private int turns;
    private double costUsd;
    private long inputTokens;
    private long outputTokens;
    private int commits;
    private int filesChanged;
    private String gate;
    private String gateReason;
    private String summary;
    private Integer landedInWave;
    private String leftOut;
    private boolean resultsArchived;
    /** Its branch's latest review's verdict (approve, request-changes), status and criticality; null fields: none. */
    private String reviewVerdict;
    private String reviewStatus;
    private String reviewCriticality;
    /** Its worker's attempts, for the page's timeline; null in a record saved before they were kept. */
    private ArrayList<WorkerSpanRow> spans;
    /** The archive path of the gate.md of the gate that judged its branch alone, or null. */
    private String gateReport;
    /**
     * For a racer's row (a racer of the body form, named {@code <ws>-racer-<n>}), the raced workstream; null for a
     * workstream's row, and in a record saved before racers had rows.
     */
    private String raceOf;

    private WorkstreamRow() {
    }

    private WorkstreamRow copy() {
        WorkstreamRow c = new WorkstreamRow();
        c.workstream = workstream;
        c.branch = branch;
        c.wave = wave;
        c.status = status;
        c.reason = reason;
        c.attempts = attempts;
        c.durationMillis = durationMillis;
        c.turns = turns;
        c.costUsd = costUsd;
        c.inputTokens = inputTokens;
        c.outputTokens = outputTokens;
        c.commits = commits;
        c.filesChanged = filesChanged;
        c.gate = gate;
        c.gateReason = gateReason;
        c.summary = summary;
        c.landedInWave = landedInWave;
        c.leftOut = leftOut;
        c.resultsArchived = resultsArchived;
        c.reviewVerdict = reviewVerdict;
        c.reviewStatus = reviewStatus;
        c.reviewCriticality = reviewCriticality;
        c.spans = spans;
        c.gateReport = gateReport;
        c.raceOf = raceOf;
        return c;
    }

    /**
     * The row of a workstream as the engine recorded it.
     *
     * @param status the dashboard's view of it (commits and files on its branch), when the run has one
     * @param resultsArchived its RESULTS.md is among the build's artifacts
     */
    public static WorkstreamRow of(WorkerRecord record, Optional<WorkstreamStatus> status, boolean resultsArchived) {
        WorkstreamRow r = new WorkstreamRow();
        r.workstream = record.workstream();
        r.branch = record.branch();
        r.wave = record.wave();
        r.status = record.status().id();
        r.reason = record.reason();
        r.attempts = record.attempts();
        r.durationMillis = record.durationMillis(Instant.now());
        r.turns = record.usage().turns();
        r.costUsd = record.usage().costUsd();
        r.inputTokens = record.usage().inputTokens();
        r.outputTokens = record.usage().outputTokens();
        r.commits = status.map(WorkstreamStatus::commitsAhead).orElse(-1);
        r.filesChanged = status.map(WorkstreamStatus::filesChanged).orElse(-1);
        r.gate = record.gate();
        r.gateReason = record.gateReason();
        r.summary = record.lastCheckpoint();
        r.resultsArchived = resultsArchived;
        if (record.review() != null) {
            r.reviewVerdict = record.review().verdict();
            r.reviewStatus = record.review().status();
            r.reviewCriticality = record.review().criticality();
        }
        r.spans = new ArrayList<>();
        return r;
    }

    /**
     * The same row with {@code mask} applied to its text (reason, gate reason, summary, why it was left out): a
     * step's secrets never reach the build's record or page.
     */
    public WorkstreamRow masked(UnaryOperator<String> mask) {
        WorkstreamRow c = copy();
        c.reason = maskOrNull(mask, reason);
        c.gateReason = maskOrNull(mask, gateReason);
        c.summary = maskOrNull(mask, summary);
        c.leftOut = maskOrNull(mask, leftOut);
        return c;
    }

    static String maskOrNull(UnaryOperator<String> mask, String text) {
        return text == null ? null : mask.apply(text);
    }

    /** The same row, landed in {@code wave} by a merge. */
    public WorkstreamRow landed(int mergedWave) {
        WorkstreamRow c = copy();
        c.landedInWave = mergedWave;
        c.leftOut = null;
        return c;
    }

    /** The same row, left out of its wave's merge for {@code why}. */
    public WorkstreamRow leftOut(String why) {
        WorkstreamRow c = copy();
        c.landedInWave = null;
        c.leftOut = why;
        return c;
    }

    /** The same row with the verdict of the gate that judged its branch. */
    public WorkstreamRow gated(String verdict, String why) {
        WorkstreamRow c = copy();
        c.gate = verdict;
        c.gateReason = why;
        return c;
    }

    /** The same row with its worker's attempts, for the timeline. */
    public WorkstreamRow withSpans(List<WorkerSpanRow> attempts) {
        WorkstreamRow c = copy();
        c.spans = new ArrayList<>(attempts);
        return c;
    }

    /**
     * The same row, {@code interrupted} for {@code why} if it says its worker is still working (running or
     * preparing): for a build that ended without the run's own last word, whose page must not show workers running.
     */
    public WorkstreamRow interruptedIfWorking(String why) {
        if (!"running".equals(status) && !"preparing".equals(status)) {
            return this;
        }
        WorkstreamRow c = copy();
        c.status = "interrupted";
        c.reason = why;
        return c;
    }

    /** The same row, as a racer's of the raced workstream {@code workstream}: counted as a racer, not a workstream. */
    public WorkstreamRow asRacerOf(String raced) {
        WorkstreamRow c = copy();
        c.raceOf = raced;
        return c;
    }

    /** The raced workstream this row is a racer of, or null for a workstream's row. */
    public String getRaceOf() {
        return raceOf;
    }

    public boolean isRacer() {
        return raceOf != null;
    }

    /** The same row with the archive path of its gate's gate.md. */
    public WorkstreamRow withGateReport(String archivePath) {
        WorkstreamRow c = copy();
        c.gateReport = archivePath;
        return c;
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

    /** Its worker's attempts, in order; empty in a record kept before they were. */
    public List<WorkerSpanRow> getSpans() {
        return spans == null ? List.of() : List.copyOf(spans);
    }

    /** How many of its attempts were repairs (a merge left it out and its worker was sent back to it). */
    public int getRepairs() {
        return (int) getSpans().stream().filter(s -> s.getRepair() > 0).count();
    }

    /** When its worker first started, or null when that was not kept. */
    public Instant getStartedAt() {
        List<WorkerSpanRow> all = getSpans();
        return all.isEmpty() ? null : Instant.ofEpochMilli(all.get(0).getFrom());
    }

    /** When its worker first started, as the page says it: "14:03:12 CEST" (the controller's zone); "-": unknown. */
    public String getStarted() {
        return ParallelWorktreesAction.TIME.clock(getStartedAt());
    }

    /** The archive path of the gate.md of the gate that judged its branch alone, or null. */
    public String getGateReport() {
        return gateReport;
    }
}
