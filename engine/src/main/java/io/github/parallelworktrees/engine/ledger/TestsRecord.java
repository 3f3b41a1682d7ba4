package io.github.parallelworktrees.engine.ledger;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * What a workstream's test-writer did ({@code review: {tests: true}}), as the ledger keeps it and sessions.json,
 * run.json, status and the report show it.
 *
 * @param branch the test-writer's branch ({@code <feature>/<ws>-tests}), which is never deleted
 * @param status {@code merged} (its commits are merged into the workstream's branch), {@code no-tests} (it committed
 *     nothing), {@code conflict} (its branch conflicts with the workstream's; kept, not merged), {@code failed} (the
 *     test-writer failed, timed out or left its branch; what it committed is kept, not merged)
 * @param reason why it is not merged, in one line; null when merged
 * @param base the commit the workstream's changes start from (PWT_TESTS_BASE)
 * @param from the workstream's commit the tests branch started from (or was brought up to)
 * @param tip the tests branch's commit after the test-writer
 * @param commits the test-writer's commits (on its branch, beyond {@code from})
 * @param mergeCommit the merge commit on the workstream's branch, when merged
 * @param log the test-writer's log
 * @param costUsd what the test-writer spent (0 for commands)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TestsRecord(String branch, String status, String reason, String base, String from, String tip,
        int commits, String mergeCommit, String log, Instant startedAt, Instant finishedAt, double costUsd) {

    public static final String MERGED = "merged";
    public static final String NO_TESTS = "no-tests";
    public static final String CONFLICT = "conflict";
    public static final String FAILED = "failed";

    /** How long the test-writer ran, in milliseconds. */
    @JsonIgnore
    public long durationMillis() {
        return startedAt == null || finishedAt == null ? 0 : finishedAt.toEpochMilli() - startedAt.toEpochMilli();
    }

    /** True when its commits are on the workstream's branch. */
    @JsonIgnore
    public boolean merged() {
        return MERGED.equals(status);
    }
}
