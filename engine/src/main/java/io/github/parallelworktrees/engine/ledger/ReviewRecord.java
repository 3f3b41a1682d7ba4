package io.github.parallelworktrees.engine.ledger;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One review of a workstream's branch ({@code review:} in the plan), as the ledger keeps it and sessions.json,
 * run.json, status and the report show it.
 *
 * @param round 1 for the branch's first review, one more for each review after a repair
 * @param verdict {@code approve} or {@code request-changes} as REVIEW.md's verdict line says; null when the review
 *     failed (no verdict line, the reviewer failed, or it changed the branch)
 * @param status as a gate's: {@code passed} (approved); {@code note}, {@code unstable} or {@code failed} (changes
 *     requested, by the review's criticality); {@code error} (the review failed)
 * @param criticality the review's criticality (NOTE, UNSTABLE, FAILURE)
 * @param keptOut the review keeps the branch out of the integration branch at {@code tip}
 * @param reason why it did not pass, in one line; null when it approved
 * @param tip the branch's commit the reviewer read
 * @param base the commit the reviewed diff starts from (PWT_REVIEW_BASE)
 * @param file this review's REVIEW.md as pwt kept it (results/&lt;ws&gt;/review-&lt;round&gt;/REVIEW.md); null when the
 *     reviewer wrote none
 * @param log the reviewer's log
 * @param costUsd what the reviewer spent (0 for commands)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReviewRecord(int round, String verdict, String status, String criticality, boolean keptOut,
        String reason, String tip, String base, String file, String log, Instant startedAt, Instant finishedAt,
        double costUsd) {

    /** How long the reviewer ran, in milliseconds. */
    public long durationMillis() {
        return startedAt == null || finishedAt == null ? 0 : finishedAt.toEpochMilli() - startedAt.toEpochMilli();
    }

    /** The verdict as said to people: {@code approve}, {@code request-changes}, or {@code no verdict}. */
    public String verdictWord() {
        return verdict == null ? "no verdict" : verdict;
    }

    /** True when the reviewer approved the branch. */
    public boolean approved() {
        return "approve".equals(verdict);
    }

    /** What the review blames the branch for, when it keeps it out: its findings, which its worker can repair. */
    public WaveResult.LeftOut leftOut(String workstream) {
        String why = "review " + round + ": " + reason;
        return "request-changes".equals(verdict) ? new WaveResult.LeftOut(workstream, why, tip,
                WaveResult.LeftOut.Kind.REVIEW) : new WaveResult.LeftOut(workstream, why, tip);
    }
}
