package io.github.parallelworktrees.engine.report;

import io.github.parallelworktrees.engine.ledger.WorkerStatus;
import io.github.parallelworktrees.engine.status.WorkstreamStatus;

/** Where a workstream's branch stands with the integration branch, as git says it (the report's "landed" column). */
enum Landing {
    /** The integration branch holds its tip. */
    LANDED("landed"),
    /** A merge left it out, and nothing landed it since. */
    LEFT_OUT("left out"),
    /** Done, and waiting for its wave's merge in a run that is still going on. */
    QUEUED("queued"),
    /** Done, but no merge took it: the plan does not merge by itself, or the run stopped before its merge. */
    NOT_MERGED("not merged"),
    /** Nothing to land (not done). */
    NONE("-");

    private final String word;

    Landing(String word) {
        this.word = word;
    }

    String word() {
        return word;
    }

    static Landing of(WorkstreamStatus ws, boolean runAlive, boolean autoMerge) {
        return of(ws.landed(), ws.leftOut().isPresent(), ws.status(), runAlive, autoMerge);
    }

    static Landing of(boolean landed, boolean leftOut, WorkerStatus status, boolean runAlive, boolean autoMerge) {
        if (landed) {
            return LANDED;
        }
        if (leftOut) {
            return LEFT_OUT;
        }
        if (status != WorkerStatus.DONE) {
            return NONE;
        }
        return runAlive && autoMerge ? QUEUED : NOT_MERGED;
    }
}
