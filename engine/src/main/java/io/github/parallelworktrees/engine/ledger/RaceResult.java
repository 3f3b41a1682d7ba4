package io.github.parallelworktrees.engine.ledger;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a race for a workstream was judged: every racer's standing and the winner, if one may land, with why.
 *
 * @param workstream the workstream raced for
 * @param startPoint the commit every racer started from (diff sizes are counted from it)
 * @param gatedOnto the integration branch's commit each racer's branch was merged onto for its gate (the run's
 *     base when there was no integration branch yet)
 * @param racers in racer order
 * @param winner the winning racer's number, or null when none may land
 * @param why in one line: why the winner won, or why no racer did
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RaceResult(String workstream, String startPoint, String gatedOnto, List<Standing> racers,
        Integer winner, String why) {

    public RaceResult {
        racers = List.copyOf(racers);
    }

    /** The winner's standing, if there is a winner. */
    public Optional<Standing> winning() {
        return racers.stream().filter(s -> winner != null && s.racer() == winner).findFirst();
    }

    /**
     * One racer at the end of the race.
     *
     * @param status how its worker ended (done, failed, ...)
     * @param tip its branch's commit when judged, if the branch exists
     * @param verdict its gate's verdict on its branch merged onto the integration branch: passed, note, unstable,
     *     failed, error, "no gate" (the wave has none), "conflict" (its branch does not merge), or "not done" (its
     *     worker did not finish, so it was not gated)
     * @param verdictReason the gate's reasons when it was not passed
     * @param eligible it may win: its worker finished, its verdict lets a merge go ahead, and its review (when the
     *     workstream is reviewed) does not keep it out
     * @param terms the score's terms measured (tests, coverage, diffSize, review, cost); a term that could not be
     *     measured (no reports, not reviewed) is absent and counts 0
     * @param score the weighted sum of the terms
     * @param costUsd what the racer spent: its worker's attempts and its reviews
     * @param gateDir where its gate's outputs are
     * @param review its branch's review in the race's judging, when the workstream is reviewed and its worker
     *     finished; null otherwise
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Standing(int racer, String branch, String status, String tip, String verdict, String verdictReason,
            boolean eligible, Map<String, Double> terms, double score, double costUsd, String gateDir,
            ReviewRecord review) {

        public Standing {
            terms = terms == null ? Map.of() : java.util.Collections.unmodifiableMap(
                    new java.util.LinkedHashMap<>(terms));
        }

        /** True when its review keeps it out: it may not win, whatever its gate and score. */
        @com.fasterxml.jackson.annotation.JsonIgnore
        public boolean keptOutByReview() {
            return review != null && review.keptOut();
        }
    }
}
