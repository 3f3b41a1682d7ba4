package io.github.parallelworktrees.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code race:}, {@code racers:} and {@code score:} on a workstream, as the plan parser reads and checks them. */
class RacePlanTest {

    private static final Path YAML = Path.of("specs/plan.yaml");

    private static Plan parse(String text) {
        return PlanParser.parse(YAML, text);
    }

    @Test
    void raceOfThreeGivesThreeRacersWithTheWorkstreamsWorkerAndDefaultWeights() {
        Plan plan = parse("""
                feature: f
                worker: {type: command, run: ./ws.sh}
                workstreams:
                  - name: auth
                    prompt: "Add login"
                    race: 3
                  - name: docs
                    prompt: "Write docs"
                """);
        Workstream auth = plan.workstream("auth").orElseThrow();
        RaceSpec race = auth.race().orElseThrow();
        assertThat(race.racers()).extracting(RaceSpec.Racer::number).containsExactly(1, 2, 3);
        assertThat(race.racers()).allSatisfy(r -> assertThat(r.worker()).isEqualTo(auth.worker()));
        assertThat(race.weights()).isEqualTo(ScoreWeights.DEFAULT);
        assertThat(plan.workstream("docs").orElseThrow().race()).isEmpty();
        assertThat(plan.branches()).containsExactly("f/auth", "f/auth-racer-1", "f/auth-racer-2", "f/auth-racer-3",
                "f/docs", "f/integration");
    }

    @Test
    void racersOverrideWorkerFieldsAndThePromptEach() {
        Plan plan = parse("""
                feature: f
                worker: {type: claude, model: sonnet, budgetUsd: 2}
                workstreams:
                  - name: auth
                    prompt: "Add login"
                    racers:
                      - {model: opus}
                      - {model: haiku, prompt: "Add login with as little code as you can", budgetUsd: 1}
                    score: {tests: 1, coverage: 1, diffSize: -0.2, review: 2, cost: -0.5}
                """);
        RaceSpec race = plan.workstream("auth").orElseThrow().race().orElseThrow();
        assertThat(race.racers().get(0).worker().model()).isEqualTo("opus");
        assertThat(race.racers().get(0).worker().budgetUsd()).contains(2.0);
        assertThat(race.racers().get(0).prompt()).isEmpty();
        assertThat(race.racers().get(1).worker().model()).isEqualTo("haiku");
        assertThat(race.racers().get(1).worker().budgetUsd()).contains(1.0);
        assertThat(race.racers().get(1).prompt()).contains("Add login with as little code as you can");
        assertThat(race.weights()).isEqualTo(new ScoreWeights(1, 1, -0.2, 2, -0.5));
        Workstream asRacer = plan.workstream("auth").orElseThrow().asRacer(race.racers().get(1));
        assertThat(asRacer.name()).isEqualTo("auth");
        assertThat(asRacer.prompt()).contains("Add login with as little code as you can");
        assertThat(asRacer.worker().model()).isEqualTo("haiku");
    }

    @Test
    void termsTheScoreLeavesOutWeighNothing() {
        Plan plan = parse("""
                feature: f
                worker: {type: command, run: ./ws.sh}
                workstreams:
                  - {name: auth, prompt: "x", race: 2, score: {diffSize: -1}}
                """);
        assertThat(plan.workstream("auth").orElseThrow().race().orElseThrow().weights())
                .isEqualTo(new ScoreWeights(0, 0, -1, 0, 0));
    }

    @Test
    void raceAndRacersTogetherAreRefused() {
        assertThatThrownBy(() -> parse("""
                feature: f
                worker: {type: command, run: ./ws.sh}
                workstreams:
                  - name: auth
                    prompt: "x"
                    race: 2
                    racers: [{model: opus}, {model: sonnet}]
                """)).isInstanceOf(PlanException.class)
                .hasMessageContaining("specs/plan.yaml:7: workstream 'auth' has both 'race' and 'racers'");
    }

    @Test
    void aRaceOfOneOrOfTooManyIsRefused() {
        assertThatThrownBy(() -> parse("""
                feature: f
                worker: {type: command, run: ./ws.sh}
                workstreams:
                  - {name: auth, prompt: "x", race: 1}
                  - {name: api, prompt: "x", race: 9}
                  - {name: ui, prompt: "x", racers: [{model: opus}]}
                """)).isInstanceOf(PlanException.class)
                .hasMessageContaining("race of workstream 'auth' must be from 2 to 8 racers, got 1")
                .hasMessageContaining("race of workstream 'api' must be from 2 to 8 racers, got 9")
                .hasMessageContaining("racers of workstream 'ui' must list from 2 to 8 racers, got 1");
    }

    @Test
    void anUnknownScoreTermIsRefusedWithTheTermsAndADidYouMean() {
        assertThatThrownBy(() -> parse("""
                feature: f
                worker: {type: command, run: ./ws.sh}
                workstreams:
                  - name: auth
                    prompt: "x"
                    race: 2
                    score: {tests: 1, diffsize: -1}
                """)).isInstanceOf(PlanException.class)
                .hasMessageContaining("specs/plan.yaml:7: unknown key 'diffsize' in score")
                .hasMessageContaining("did you mean 'diffSize'?")
                .hasMessageContaining("tests, coverage, diffSize, review, cost");
    }

    @Test
    void anUnknownRacerKeyIsRefusedWithADidYouMean() {
        assertThatThrownBy(() -> parse("""
                feature: f
                worker: {type: command, run: ./ws.sh}
                workstreams:
                  - {name: auth, prompt: "x", racers: [{modle: opus}, {}]}
                """)).isInstanceOf(PlanException.class)
                .hasMessageContaining("unknown key 'modle' in a racer")
                .hasMessageContaining("did you mean 'model'?");
    }

    @Test
    void aScoreWithoutARaceIsRefused() {
        assertThatThrownBy(() -> parse("""
                feature: f
                worker: {type: command, run: ./ws.sh}
                workstreams:
                  - {name: auth, prompt: "x", score: {tests: 1}}
                """)).isInstanceOf(PlanException.class)
                .hasMessageContaining("workstream 'auth' has 'score' but no race");
    }

    @Test
    void aWorkstreamNamedLikeARacerOfAnotherIsRefused() {
        assertThatThrownBy(() -> parse("""
                feature: f
                worker: {type: command, run: ./ws.sh}
                workstreams:
                  - {name: auth, prompt: "x", race: 2}
                  - {name: auth-racer-2, prompt: "y"}
                """)).isInstanceOf(PlanException.class)
                .hasMessageContaining("specs/plan.yaml:5: workstream name 'auth-racer-2' is the name of racer 2 of"
                        + " workstream 'auth'");
    }

    @Test
    void aWorkstreamNamedLikeARacerBeyondTheRaceIsAllowed() {
        Plan plan = parse("""
                feature: f
                worker: {type: command, run: ./ws.sh}
                workstreams:
                  - {name: auth, prompt: "x", race: 2}
                  - {name: auth-racer-3, prompt: "y"}
                """);
        assertThat(plan.workstreams()).hasSize(2);
    }

    @Test
    void anIntegrationBranchThatIsARacersBranchIsRefused() {
        assertThatThrownBy(() -> parse("""
                feature: f
                integration: f/auth-racer-1
                worker: {type: command, run: ./ws.sh}
                workstreams:
                  - {name: auth, prompt: "x", race: 2}
                """)).isInstanceOf(PlanException.class)
                .hasMessageContaining("integration branch 'f/auth-racer-1'");
    }

    @Test
    void racersThatAllHaveAPromptNeedNoneOnTheWorkstream() {
        Plan plan = parse("""
                feature: f
                worker: {type: command, run: ./ws.sh}
                workstreams:
                  - {name: auth, racers: [{prompt: "small"}, {prompt: "thorough"}]}
                """);
        assertThat(plan.workstream("auth").orElseThrow().race().orElseThrow().racers()).hasSize(2);
    }
}
