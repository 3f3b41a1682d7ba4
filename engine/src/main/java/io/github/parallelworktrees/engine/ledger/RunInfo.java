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
        String reason) {

    /** The run's own state. */
    public enum Status {
        RUNNING, SUCCEEDED, FAILED;

        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Status fromId(String id) {
            return valueOf(id.toUpperCase(Locale.ROOT));
        }
    }

    public RunInfo resumed(Instant at, int parallel) {
        return new RunInfo(feature, planFile, repository, base, baseCommit, integration, parallel, Status.RUNNING,
                at, null, resumes + 1, null);
    }

    public RunInfo ended(Status end, Instant at, String why) {
        return new RunInfo(feature, planFile, repository, base, baseCommit, integration, maxParallel, end,
                startedAt, at, resumes, why);
    }
}
