package io.jenkins.plugins.parallelworktrees.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.thoughtworks.xstream.XStream;
import io.github.parallelworktrees.engine.ledger.RaceResult;
import io.github.parallelworktrees.engine.ledger.WaveResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A race as the build's page shows it and the build record keeps it (XStream, as Run.save() marshals actions). */
class RaceRowTest {

    private static final RaceResult JUDGED = new RaceResult("auth", "aaa", "aaa", List.of(
            standing(1, "unstable", "1 test failed with sk-secret", false, 0, 0.40),
            standing(2, "passed", null, true, -3, 0.25),
            standing(3, "not done", "failed: exit 4", false, 0, 0)), 2,
            "racer 2 won: the only racer whose gate let it land (passed)");

    private static RaceResult.Standing standing(int n, String verdict, String why, boolean eligible, double score,
            double cost) {
        Map<String, Double> terms = new LinkedHashMap<>();
        terms.put("diffSize", 3.0);
        terms.put("cost", cost);
        return new RaceResult.Standing(n, "shop/auth-racer-" + n, n == 3 ? "failed" : "done", "t" + n, verdict, why,
                eligible, terms, score, cost, null, null);
    }

    private static WaveRow wave() {
        return WaveRow.of(new WaveResult(1, "shop/integration", "aaa", "bbb", List.of("auth"), List.of(), List.of(),
                List.of()), Map.of(), false).withRaces(List.of(RaceRow.of(JUDGED)));
    }

    @Test
    void eachRacerShowsItsBranchVerdictScoreAndCostAndTheWinnerIsMarked() {
        RaceRow race = RaceRow.of(JUDGED);

        assertThat(race.getWinner()).isEqualTo(2);
        assertThat(race.getWhy()).startsWith("racer 2 won");
        assertThat(race.getRacers()).extracting(RaceRow.Racer::getBranch, RaceRow.Racer::getVerdict,
                RaceRow.Racer::getScore, RaceRow.Racer::getCost, RaceRow.Racer::isWinner).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("shop/auth-racer-1", "unstable", "-", "$0.40", false),
                        org.assertj.core.groups.Tuple.tuple("shop/auth-racer-2", "passed", "-3.00", "$0.25", true),
                        org.assertj.core.groups.Tuple.tuple("shop/auth-racer-3", "not done", "-", "-", false));
        assertThat(race.getRacers().get(1).getTerms()).isEqualTo("diffSize 3, cost 0.25");
    }

    @Test
    void theWavesRacesAreTheActionsAndAreMaskedWithTheRest() {
        ParallelWorktreesAction action = new ParallelWorktreesAction();

        action.put(wave().masked(text -> text.replace("sk-secret", "****")));

        assertThat(action.getRaces()).hasSize(1);
        assertThat(action.getRaces().get(0).getRacers().get(0).getVerdictReason()).isEqualTo("1 test failed with ****");
    }

    @Test
    void aRaceIsKeptInTheBuildRecordAndAWaveSavedBeforeRacesHasNone() {
        XStream xstream = new XStream();
        xstream.allowTypesByWildcard(new String[] {"io.jenkins.plugins.parallelworktrees.**"});
        ParallelWorktreesAction action = new ParallelWorktreesAction();
        action.put(wave());

        String xml = xstream.toXML(action);
        ParallelWorktreesAction loaded = (ParallelWorktreesAction) xstream.fromXML(xml);

        assertThat(loaded.getRaces().get(0).getRacers()).extracting(RaceRow.Racer::getVerdict)
                .containsExactly("unstable", "passed", "not done");
        assertThat(xml).doesNotContain("ImmutableCollections", "unmodifiable", "class=");
        ParallelWorktreesAction older = (ParallelWorktreesAction) xstream.fromXML(
                xml.replaceAll("(?s)<races>.*</races>\\s*", ""));
        assertThat(older.getWaves()).hasSize(1);
        assertThat(older.getRaces()).isEmpty();
    }
}
