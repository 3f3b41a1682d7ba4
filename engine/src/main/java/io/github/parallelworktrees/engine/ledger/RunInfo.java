package io.github.parallelworktrees.engine.ledger;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.Locale;

/**
 * The run as a whole, as run.json records it.
 *
 * @param baseCommit the commit of {@code base} the workstreams were branched from
 * @param resumes how many times the run was resumed after an interruption
 * @param resumedAt when it was last resumed (null if never)
 */
public record RunInfo(
        String feature,
        String planFile,
        String repository,
        String base,
        String baseCommit,
        String integration,
        int maxParallel,
        Status status,
        Instant startedAt,
        Instant finishedAt,
        int resumes,
        String reason,
        Instant resumedAt) {

    /** The run's own state. */
    public enum Status {
        RUNNING, SUCCEEDED, FAILED,
        /** Stopped by a signal (Ctrl-C, SIGTERM): {@code pwt resume} continues it. */
        INTERRUPTED;

        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Status fromId(String id) {
            return valueOf(id.toUpperCase(Locale.ROOT));
        }
    }

    /** Continued at {@code at}: the run keeps the time it first started. */
    public RunInfo resumed(Instant at, int parallel) {
        return new RunInfo(feature, planFile, repository, base, baseCommit, integration, parallel, Status.RUNNING,
                startedAt, null, resumes + 1, null, at);
    }

    /** The same with {@code at} as its end (null while it has none). */
    public RunInfo withFinishedAt(Instant at) {
        return new RunInfo(feature, planFile, repository, base, baseCommit, integration, maxParallel, status,
                startedAt, at, resumes, reason, resumedAt);
    }

    public RunInfo ended(Status end, Instant at, String why) {
        return new RunInfo(feature, planFile, repository, base, baseCommit, integration, maxParallel, end,
                startedAt, at, resumes, why, resumedAt);
    }
}
