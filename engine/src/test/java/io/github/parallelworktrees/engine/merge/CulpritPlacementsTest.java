package io.github.parallelworktrees.engine.merge;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.parallelworktrees.engine.ledger.RunListener;
import io.github.parallelworktrees.engine.ledger.WaveResult;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two culprits among eight branches, on real git, for every one of the 28 placements: every culprit is named,
 * every good branch lands, the integration branch only moves to a commit whose gate passed, and the gate runs stay
 * within the bound (8 with one gate slot; 5 rounds with two, on every fourth placement here).
 */
class CulpritPlacementsTest {

    @TempDir
    static Path tmp;

    private static TestRepo repo;
    private static Path culprits;
    private static final List<Integer> RUNS = new ArrayList<>();

    /** One repository for all placements: eight branches, and a gate that fails on the branches listed in a file. */
    @BeforeAll
    static void eightBranches() {
        repo = TestRepo.create(tmp.resolve("repo"));
        repo.write("src/base.txt", "base\n");
        repo.commitAll("project");
        for (int i = 1; i <= 8; i++) {
            repo.git().run("checkout", "--quiet", "-b", "f/ws" + i, "main");
            repo.write("src/ws" + i + ".txt", "ws" + i + "\n");
            repo.commitAll("ws" + i + ": work");
            repo.git().run("checkout", "--quiet", "main");
        }
        culprits = tmp.resolve("culprits");
    }

    @AfterAll
    static void theMeanOverAllPlacementsIsAtMostSevenPointSix() {
        // the ones with one gate slot: every placement ran once
        assertThat(RUNS).hasSize(28);
        assertThat(RUNS.stream().mapToInt(Integer::intValue).average().orElseThrow()).isLessThanOrEqualTo(7.6);
    }

    static Stream<Arguments> placements() {
        return IntStream.rangeClosed(1, 8).boxed().flatMap(a -> IntStream.rangeClosed(a + 1, 8)
                .mapToObj(b -> Arguments.of("ws" + a, "ws" + b)));
    }

    private static Plan plan(int slots) {
        StringBuilder yaml = new StringBuilder("feature: f\nworker: {type: command, run: 'true'}\nmerge: {gateSlots: "
                + slots + "}\nwaves: [{wave: 1, partial: true, gate: {command: \"for w in $(cat '" + culprits
                + "'); do test ! -e src/$w.txt || exit 1; done\"}}]\nworkstreams:\n");
        for (int i = 1; i <= 8; i++) {
            yaml.append("  - {name: ws").append(i).append(", prompt: x}\n");
        }
        return repo.plan("f.yaml", yaml.toString());
    }

    private static WaveResult merge(int slots, String first, String second) throws Exception {
        Files.writeString(culprits, first + "\n" + second + "\n");
        // each placement merges the wave afresh: the integration branch starts again from main
        repo.git().tryRun("update-ref", "-d", "refs/heads/f/integration");
        Plan plan = plan(slots);
        WaveMerger merger = new WaveMerger(plan, repo.layout("f"), RunListener.silent(), Optional.empty());
        return merger.merge(1, Optional.empty(), merger.planGate(1));
    }

    private static void assertTheGoodLandAndTheCulpritsAreNamed(WaveResult result, String first, String second) {
        List<String> good = IntStream.rangeClosed(1, 8).mapToObj(i -> "ws" + i)
                .filter(w -> !w.equals(first) && !w.equals(second)).toList();
        assertThat(result.landed()).containsExactlyInAnyOrderElementsOf(good);
        assertThat(result.leftOut()).extracting(WaveResult.LeftOut::workstream).containsExactlyInAnyOrder(first,
                second);
        assertThat(result.leftOut()).allSatisfy(l -> assertThat(l.reason()).startsWith("culprit: the gate fails"));
        String tip = repo.tip("f/integration");
        assertThat(result.after()).isEqualTo(tip);
        assertThat(result.gateRuns()).filteredOn(WaveResult.GateRun::passed).extracting(WaveResult.GateRun::commit)
                .contains(tip);
        List<String> files = repo.git().lines("ls-tree", "--name-only", tip, "src/");
        for (String w : good) {
            assertThat(files).contains("src/" + w + ".txt");
        }
        assertThat(files).doesNotContain("src/" + first + ".txt", "src/" + second + ".txt");
    }

    @ParameterizedTest(name = "culprits {0} and {1}, one gate slot")
    @MethodSource("placements")
    void oneGateSlotTakesAtMostEightGateRuns(String first, String second) throws Exception {
        WaveResult result = merge(1, first, second);

        assertTheGoodLandAndTheCulpritsAreNamed(result, first, second);
        assertThat(result.gateRuns()).hasSizeLessThanOrEqualTo(8);
        assertThat(result.rounds()).isEqualTo(result.gateRuns().size());
        synchronized (RUNS) {
            RUNS.add(result.gateRuns().size());
        }
    }

    /** Every fourth placement: BisectionTest checks all 28 with two slots against the model gate. */
    static Stream<Arguments> somePlacements() {
        List<Arguments> all = placements().toList();
        return IntStream.range(0, all.size()).filter(i -> i % 4 == 0).mapToObj(all::get);
    }

    @ParameterizedTest(name = "culprits {0} and {1}, two gate slots")
    @MethodSource("somePlacements")
    void twoGateSlotsTakeAtMostFiveRounds(String first, String second) throws Exception {
        WaveResult result = merge(2, first, second);

        assertTheGoodLandAndTheCulpritsAreNamed(result, first, second);
        assertThat(result.rounds()).isLessThanOrEqualTo(5);
    }

    @Test
    void theRunsOfARoundRunAtOnceEachInItsOwnCheckout() throws Exception {
        Path log = tmp.resolve("gate-times");
        Files.writeString(culprits, "ws3\n");
        repo.git().tryRun("update-ref", "-d", "refs/heads/f/integration");
        // every run notes when it starts and ends; a run of the first round waits a second
        Plan plan = repo.plan("f.yaml", "feature: f\nworker: {type: command, run: 'true'}\nmerge: {gateSlots: 2}\n"
                + "waves: [{wave: 1, partial: true, gate: {command: \"echo start $(pwd) >> '" + log + "'; sleep 1;"
                + " echo end $(pwd) >> '" + log + "'; ! test -e src/ws3.txt\"}}]\nworkstreams:\n"
                + "  - {name: ws1, prompt: x}\n  - {name: ws2, prompt: x}\n  - {name: ws3, prompt: x}\n"
                + "  - {name: ws4, prompt: x}\n");
        WaveMerger merger = new WaveMerger(plan, repo.layout("f"), RunListener.silent(), Optional.empty());

        WaveResult result = merger.merge(1, Optional.empty(), merger.planGate(1));

        assertThat(result.landed()).containsExactlyInAnyOrder("ws1", "ws2", "ws4");
        assertThat(result.gateRuns()).filteredOn(r -> r.round() == 1).hasSize(2);
        List<String> lines = Files.readAllLines(log);
        // the first round's two runs both started before either ended, in two different checkouts
        assertThat(lines.subList(0, 2)).allSatisfy(l -> assertThat(l).startsWith("start "));
        assertThat(lines.get(0)).isNotEqualTo(lines.get(1));
    }
}
