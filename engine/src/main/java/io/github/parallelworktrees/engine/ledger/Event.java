package io.github.parallelworktrees.engine.ledger;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * One thing that happened to a run, as the ledger keeps it: appended (and synced to disk) before anything claims
 * it happened. Every view of a run (sessions.json, run.json, status, summaries, the report, resume's decisions) is
 * these events folded ({@link RunView}) plus what git says has landed.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "event")
@JsonSubTypes({
        @JsonSubTypes.Type(Event.RunStarted.class),
        @JsonSubTypes.Type(Event.RunResumed.class),
        @JsonSubTypes.Type(Event.RunEnded.class),
        @JsonSubTypes.Type(Event.WorkerChanged.class),
        @JsonSubTypes.Type(Event.MergeStarted.class),
        @JsonSubTypes.Type(Event.WaveMerged.class),
        @JsonSubTypes.Type(Event.MergeFailed.class),
        @JsonSubTypes.Type(Event.RolledBack.class),
        @JsonSubTypes.Type(Event.ProcessStarted.class),
        @JsonSubTypes.Type(Event.ProcessEnded.class),
        @JsonSubTypes.Type(Event.StopRequested.class),
        @JsonSubTypes.Type(Event.WorkerStopRequested.class),
        @JsonSubTypes.Type(Event.RepairStarted.class),
        @JsonSubTypes.Type(Event.RepairEnded.class),
        @JsonSubTypes.Type(Event.Reviewed.class),
        @JsonSubTypes.Type(Event.TestsWritten.class),
        @JsonSubTypes.Type(Event.RacerChanged.class),
        @JsonSubTypes.Type(Event.RaceJudged.class),
        @JsonSubTypes.Type(Event.CleanedUp.class)})
public sealed interface Event {

    /** When it happened. */
    Instant at();

    /** A new run: its header, its plan as parsed, every workstream pending. */
    @JsonTypeName("run_started")
    record RunStarted(Instant at, RunInfo info, JsonNode plan, List<WorkerRecord> workers) implements Event {
        public RunStarted {
            workers = List.copyOf(workers);
        }
    }

    /** The run was continued ({@code pwt resume}, a Jenkins body joining a workspace's run). */
    @JsonTypeName("run_resumed")
    record RunResumed(Instant at, int maxParallel) implements Event {
    }

    /** The run stopped: succeeded, failed (with the reason) or interrupted. */
    @JsonTypeName("run_ended")
    record RunEnded(Instant at, RunInfo.Status status, String reason) implements Event {
    }

    /** A workstream's record after a change (an attempt, its process, its session, its end, its gate). */
    @JsonTypeName("worker_changed")
    record WorkerChanged(Instant at, WorkerRecord record) implements Event {
    }

    /**
     * A wave's merge began: what is merging, for the dashboards ({@code pwt watch}) while its merges and gates run.
     * It ends with the wave's {@link WaveMerged}, or with {@link MergeFailed} when it could not be made.
     *
     * @param workstreams the workstreams it merges (the wave's, or those a queue merges now)
     */
    @JsonTypeName("merge_started")
    record MergeStarted(Instant at, int wave, List<String> workstreams) implements Event {
        public MergeStarted {
            workstreams = List.copyOf(workstreams);
        }
    }

    /** A merge that began could not be made (a concurrent change, a stop): nothing landed. */
    @JsonTypeName("merge_failed")
    record MergeFailed(Instant at, int wave, String reason) implements Event {
    }

    /** A wave's merge: what it tried, every gate run, where the integration branch moved. */
    @JsonTypeName("wave_merged")
    record WaveMerged(Instant at, WaveResult result) implements Event {
    }

    /**
     * The integration branch was moved back from {@code from} to {@code to}.
     *
     * @param undone the workstreams whose landing that took off the integration branch
     * @param mergesUndone the ledger sequence numbers of the merges it undid
     */
    @JsonTypeName("rolled_back")
    record RolledBack(Instant at, int wave, String integration, String from, String to, List<String> undone,
            List<Integer> mergesUndone) implements Event {
        public RolledBack {
            undone = List.copyOf(undone);
            mergesUndone = List.copyOf(mergesUndone);
        }
    }

    /**
     * A process pwt started that may outlive a killed pwt (a gate's command): recorded so that a later pwt
     * stops it before it can write into a tree that is in use again.
     *
     * @param role what it is ("gate")
     * @param key what it works for ("wave 2, gate run 3")
     * @param processStart when the process started, so a reused pid is never mistaken for it
     */
    @JsonTypeName("process_started")
    record ProcessStarted(Instant at, String role, String key, long pid, Instant processStart) implements Event {
    }

    /** That process ended (or was stopped). */
    @JsonTypeName("process_ended")
    record ProcessEnded(Instant at, long pid) implements Event {
    }

    /** A signal (Ctrl-C, SIGTERM) asked the run to stop: nothing new starts after it. */
    @JsonTypeName("stop_requested")
    record StopRequested(Instant at, String why) implements Event {

        /** The reason a worker this stop ended gets, keeping the one it ended with, if any. */
        public String stoppedBecause(String reason) {
            return "stopped by " + why + (reason == null ? "" : " (" + reason + ")");
        }
    }

    /**
     * {@code pwt stop} asked the run to stop one workstream's worker (the run goes on with the others), or, with
     * every running one named, the whole run.
     */
    @JsonTypeName("worker_stop_requested")
    record WorkerStopRequested(Instant at, String workstream, String by) implements Event {
    }

    /** {@code pwt cleanup} removed worktrees; {@code retired} when it moved the run to history. */
    @JsonTypeName("cleaned_up")
    record CleanedUp(Instant at, List<String> removed, List<String> kept, boolean retired) implements Event {
        public CleanedUp {
            removed = List.copyOf(removed);
            kept = List.copyOf(kept);
        }
    }

    /**
     * A branch a merge left out goes back to its own worker ({@code repair: {attempts: N}}).
     *
     * @param attempt this repair's number for the workstream (1 for its first)
     * @param attempts how many the plan allows it
     * @param why what the merge blamed the branch for
     * @param reason the merge's reason for leaving it out
     * @param leftOutTip the branch's commit the merge left out
     * @param integration the integration branch's commit the worktree takes in before the worker runs
     * @param report the Markdown file the worker is given (PWT_REPAIR_REPORT)
     * @param costBeforeUsd what the workstream's attempts had cost before this repair, so the repair's own cost is
     *     known when it ends
     */
    @JsonTypeName("repair_started")
    record RepairStarted(Instant at, String workstream, int attempt, int attempts, WaveResult.LeftOut.Kind why,
            String reason, String leftOutTip, String integration, String report, double costBeforeUsd)
            implements Event {
    }

    /**
     * How a repair ended: its branch landed, was left out again, or its worker did not finish.
     *
     * @param detail the reason it was left out again, or how its worker ended
     * @param costUsd what the repair's worker spent (0 for commands)
     */
    @JsonTypeName("repair_ended")
    record RepairEnded(Instant at, String workstream, int attempt, Outcome outcome, String detail, double costUsd)
            implements Event {

        /** The ends a repair can come to. */
        public enum Outcome {
            LANDED, LEFT_OUT, WORKER_FAILED;

            @com.fasterxml.jackson.annotation.JsonValue
            public String id() {
                return name().toLowerCase(java.util.Locale.ROOT);
            }

            @com.fasterxml.jackson.annotation.JsonCreator
            public static Outcome fromId(String id) {
                return valueOf(id.toUpperCase(java.util.Locale.ROOT));
            }
        }
    }

    /**
     * A reviewer read a workstream's finished branch ({@code review:} in the plan). A review that keeps the branch
     * out counts as a merge that left it out at {@code review.tip()}: it is not merged until it has new commits.
     */
    @JsonTypeName("reviewed")
    record Reviewed(Instant at, String workstream, ReviewRecord review) implements Event {
    }

    /**
     * A test-writer wrote tests for a workstream's finished branch ({@code review: {tests: true}}) on its own branch,
     * and pwt merged them into the workstream's branch, or could not (see {@code tests.status()}).
     */
    @JsonTypeName("tests_written")
    record TestsWritten(Instant at, String workstream, TestsRecord tests) implements Event {
    }

    /**
     * A racer's record after a change: racer {@code racer} (from 1) of a raced workstream, its record named for the
     * racer ({@code <ws>-racer-<n>}, its worktree and results folder) and on its own branch.
     */
    @JsonTypeName("racer_changed")
    record RacerChanged(Instant at, String workstream, int racer, WorkerRecord record) implements Event {
    }

    /** A race was judged: every racer's verdict and score, and the winner whose commits became the workstream's. */
    @JsonTypeName("race_judged")
    record RaceJudged(Instant at, RaceResult result) implements Event {
    }
}
