package io.github.parallelworktrees.engine.race;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.parallelworktrees.engine.ledger.RaceResult.Standing;
import io.github.parallelworktrees.engine.plan.ScoreWeights;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Who wins a race: the gate's verdict first, then the score, then racer order. */
class RankingTest {

    private static Standing racer(int n, String verdict, boolean eligible, double score) {
        return new Standing(n, "f/a-racer-" + n, "done", "c" + n, verdict, null, eligible, Map.of(), score, 0, null);
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
        Ranking.Decision d = Ranking.decide(List.of(racer(1, "failed", false, 100), racer(2, "passed", true, 1)));
        assertThat(d.winner()).contains(2);
        assertThat(d.why()).startsWith("racer 2 won: the only racer whose gate let it land");
    }

    @Test
    void aCleanVerdictBeatsOneWithNotesWhateverTheScores() {
        Ranking.Decision d = Ranking.decide(List.of(racer(1, "note", true, 100), racer(2, "passed", true, 1)));
        assertThat(d.winner()).contains(2);
    }

    @Test
    void amongPassingRacersTheHighestScoreWinsAndATieGoesToRacerOrder() {
        assertThat(Ranking.decide(List.of(racer(1, "passed", true, 1), racer(2, "passed", true, 3),
                racer(3, "passed", true, 2))).winner()).contains(2);
        Ranking.Decision tie = Ranking.decide(List.of(racer(1, "no gate", true, 2), racer(2, "no gate", true, 2)));
        assertThat(tie.winner()).contains(1);
        assertThat(tie.why()).contains("tied on score 2.00 with racer 2, and first in racer order");
    }

    @Test
    void noWinnerWhenNoRacerMayLandAndEveryVerdictIsNamed() {
        Ranking.Decision d = Ranking.decide(List.of(racer(1, "failed", false, 0), racer(2, "not done", false, 0)));
        assertThat(d.winner()).isEmpty();
        assertThat(d.why()).isEqualTo("no racer may land: racer 1: failed; racer 2: not done");
    }
}
