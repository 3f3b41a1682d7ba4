package io.github.parallelworktrees.engine.race;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.parallelworktrees.engine.ledger.RaceResult.Standing;
import io.github.parallelworktrees.engine.ledger.ReviewRecord;
import io.github.parallelworktrees.engine.plan.ScoreWeights;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Who wins a race: the gate and a review that keeps a racer out first, then the score, then racer order. */
class RankingTest {

    private static Standing racer(int n, String verdict, boolean eligible, double score) {
        return new Standing(n, "f/a-racer-" + n, "done", "c" + n, verdict, null, eligible, Map.of(), score, 0, null,
                null);
    }

    @Test
    void theScoreIsTheWeightedSumOfTheMeasuredTerms() {
        ScoreWeights weights = new ScoreWeights(1, 1, -0.2, 2, -0.5);
        double score = Ranking.score(Map.of("tests", 10.0, "coverage", 80.0, "diffSize", 50.0, "cost", 2.0),
                weights);
        assertThat(score).isEqualTo(10 + 80 - 10 - 1.0);
    }

    @Test
    void aRacerWhoseGatePassedBeatsAHigherScoreThatFailed() {
        Ranking.Decision d = Ranking.decide(List.of(racer(1, "failed", false, 100), racer(2, "passed", true, 1)),
                ScoreWeights.DEFAULT);
        assertThat(d.winner()).contains(2);
        assertThat(d.why()).startsWith("racer 2 won: the only racer whose gate let it land");
    }

    @Test
    void aCleanVerdictBeatsOneWithNotesWhateverTheScores() {
        Ranking.Decision d = Ranking.decide(List.of(racer(1, "note", true, 100), racer(2, "passed", true, 1)),
                ScoreWeights.DEFAULT);
        assertThat(d.winner()).contains(2);
    }

    @Test
    void amongPassingRacersTheHighestScoreWinsAndATieGoesToRacerOrder() {
        assertThat(Ranking.decide(List.of(racer(1, "passed", true, 1), racer(2, "passed", true, 3),
                racer(3, "passed", true, 2)), ScoreWeights.DEFAULT).winner()).contains(2);
        Ranking.Decision tie = Ranking.decide(List.of(racer(1, "no gate", true, 2), racer(2, "no gate", true, 2)),
                ScoreWeights.DEFAULT);
        assertThat(tie.winner()).contains(1);
        assertThat(tie.why()).contains("tied on score 2.00 with racer 2, and first in racer order");
    }

    @Test
    void noWinnerWhenNoRacerMayLandAndEveryVerdictIsNamed() {
        Ranking.Decision d = Ranking.decide(List.of(racer(1, "failed", false, 0), racer(2, "not done", false, 0)),
                ScoreWeights.DEFAULT);
        assertThat(d.winner()).isEmpty();
        assertThat(d.why()).isEqualTo("no racer may land: racer 1: failed; racer 2: not done");
    }

    private static ReviewRecord review(String verdict, String criticality) {
        boolean approved = "approve".equals(verdict);
        String status = approved ? "passed" : criticality.toLowerCase(java.util.Locale.ROOT);
        return new ReviewRecord(1, verdict, status.equals("failure") ? "failed" : status, criticality,
                !approved && criticality.equals("FAILURE"), approved ? null : "the reviewer requested changes"
                        + " (criticality " + criticality + "): see REVIEW.md", "c", "b", "REVIEW.md", "log", null, null,
                0);
    }

    private static Standing reviewed(int n, double score, Map<String, Double> terms, ReviewRecord review) {
        return new Standing(n, "f/a-racer-" + n, "done", "c" + n, "passed", null, !review.keptOut(), terms, score, 0,
                null, review);
    }

    /** The terms in the judge's order. */
    private static Map<String, Double> terms(double tests, double review) {
        Map<String, Double> terms = new java.util.LinkedHashMap<>();
        terms.put("tests", tests);
        terms.put("review", review);
        return terms;
    }

    @Test
    void aRacerKeptOutByItsReviewCannotWinAndTheWhyNamesItsReview() {
        Ranking.Decision d = Ranking.decide(List.of(
                reviewed(1, 5, Map.of("review", 0.0), review("request-changes", "FAILURE")),
                reviewed(2, 1, Map.of("review", 1.0), review("approve", "FAILURE"))), ScoreWeights.DEFAULT);
        assertThat(d.winner()).contains(2);
        assertThat(d.why()).isEqualTo("racer 2 won: the only racer whose gate and review let it land (passed,"
                + " review approve); racer 1: passed, review request-changes kept it out (the reviewer requested"
                + " changes (criticality FAILURE): see REVIEW.md)");
    }

    @Test
    void whenTheReviewTermDecidesTheScoreTheWhySaysSo() {
        ScoreWeights weights = new ScoreWeights(1, 0, 0, 5, 0);
        // racer 1 passed more tests, racer 2's review approved
        Ranking.Decision d = Ranking.decide(List.of(
                reviewed(1, 3, terms(3, 0), review("request-changes", "NOTE")),
                reviewed(2, 6, terms(1, 1), review("approve", "NOTE"))), weights);
        assertThat(d.winner()).contains(2);
        assertThat(d.why()).startsWith("racer 2 won on score, decided by the review (without the review term racer 1"
                + " would have won): racer 1 3.00 (tests 3, review 0), racer 2 6.00 (tests 1, review 1)");
        // when the other terms alone pick the same racer, the review is not said to have decided
        Ranking.Decision alone = Ranking.decide(List.of(
                reviewed(1, 1, terms(1, 0), review("request-changes", "NOTE")),
                reviewed(2, 8, terms(3, 1), review("approve", "NOTE"))), weights);
        assertThat(alone.why()).startsWith("racer 2 won on score: ");
    }
}
