package io.github.parallelworktrees.engine.status;

import io.github.parallelworktrees.engine.ledger.ReviewRecord;
import io.github.parallelworktrees.engine.ledger.TestsRecord;
import io.github.parallelworktrees.engine.ledger.Usage;
import io.github.parallelworktrees.engine.ledger.WorkerStatus;
import java.util.List;
import java.util.Optional;

/**
 * One row of the dashboard.
 *
 * @param note why it is in that state, or what to do ("interrupted: ... pwt resume")
 * @param commitsAhead commits on its branch that base does not have (-1: no branch yet)
 * @param filesChanged files its branch changed against base (-1: no branch yet)
 * @param uncommitted files with uncommitted changes in its worktree (-1: no worktree)
 * @param usage what its agent attempts cost (all zero for command workers)
 * @param gate its branch's gate status (passed, unstable, ...), when one ran
 * @param durationMillis time of the last attempt (so far, if running); -1 before it started
 * @param landed its branch has work of its own and the integration branch holds its tip (git's answer)
 * @param leftOut why the latest merge left it out, while it has not landed since
 * @param conflicts what its branch would conflict with now, as the conflict radar finds it: another workstream's
 *     name, or the integration branch
 * @param review its branch's latest review ({@code review:} in the plan), once one ran
 * @param tests what its test-writer did ({@code review: {tests: true}}), once it ran
 */
public record WorkstreamStatus(
        String workstream,
        String branch,
        int wave,
        WorkerStatus status,
        Optional<String> note,
        int attempts,
        int commitsAhead,
        int filesChanged,
        int uncommitted,
        long durationMillis,
        Usage usage,
        Optional<String> sessionId,
        Optional<String> checkpoint,
        Optional<String> gate,
        List<String> logTail,
        boolean landed,
        Optional<String> leftOut,
        List<String> conflicts,
        Optional<ReviewRecord> review,
        Optional<TestsRecord> tests) {

    public WorkstreamStatus {
        logTail = List.copyOf(logTail);
        conflicts = List.copyOf(conflicts);
    }

    /** A row of a workstream no reviewer has read. */
    public WorkstreamStatus(String workstream, String branch, int wave, WorkerStatus status, Optional<String> note,
            int attempts, int commitsAhead, int filesChanged, int uncommitted, long durationMillis, Usage usage,
            Optional<String> sessionId, Optional<String> checkpoint, Optional<String> gate, List<String> logTail,
            boolean landed, Optional<String> leftOut, List<String> conflicts) {
        this(workstream, branch, wave, status, note, attempts, commitsAhead, filesChanged, uncommitted, durationMillis,
                usage, sessionId, checkpoint, gate, logTail, landed, leftOut, conflicts, Optional.empty(),
                Optional.empty());
    }
}
