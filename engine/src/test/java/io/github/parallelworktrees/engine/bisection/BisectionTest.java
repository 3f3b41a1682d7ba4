package io.github.parallelworktrees.engine.bisection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * The bisection against a model gate (a candidate fails exactly when it holds a culprit): every placement of the
 * culprits, the bounds the issue asks for, and correctness for any number of culprits.
 */
class BisectionTest {

    /** Every placement of {@code d} culprits among {@code n}: the worst and the mean gate runs and rounds. */
    static Figures figures(int n, int d, int slots) {
        List<int[]> placements = new ArrayList<>();
        placements(n, d, 0, new int[d], 0, placements);
        int maxRuns = 0;
        int maxRounds = 0;
        double runs = 0;
        double rounds = 0;
        for (int[] placement : placements) {
            Set<String> culprits = new HashSet<>();
            for (int i : placement) {
                culprits.add(name(i));
            }
            Outcome outcome = runModel(n, culprits, slots);
            if (System.getenv("BISECT_DEBUG") != null) {
                System.out.println(culprits + " runs " + outcome.gateRuns() + " rounds " + outcome.rounds());
            }
            maxRuns = Math.max(maxRuns, outcome.gateRuns());
            maxRounds = Math.max(maxRounds, outcome.rounds());
            runs += outcome.gateRuns();
            rounds += outcome.rounds();
        }
        return new Figures(placements.size(), maxRuns, runs / placements.size(), maxRounds,
                rounds / placements.size());
    }

    record Figures(int placements, int maxRuns, double meanRuns, int maxRounds, double meanRounds) {
    }

    private static void placements(int n, int d, int from, int[] chosen, int k, List<int[]> out) {
        if (k == d) {
            out.add(chosen.clone());
            return;
        }
        for (int i = from; i < n; i++) {
            chosen[k] = i;
            placements(n, d, i + 1, chosen, k + 1, out);
        }
    }

    static String name(int i) {
        return "b" + i;
    }

    /** Runs the bisection with a model gate and checks what it claims against the culprits it was given. */
    static Outcome runModel(int n, Set<String> culprits, int slots) {
        List<String> items = IntStream.range(0, n).mapToObj(BisectionTest::name).toList();
        List<String> landedSoFar = new ArrayList<>();
        Outcome outcome;
        try {
            outcome = Bisection.run(items, slots, round -> {
                assertThat(round).hasSizeBetween(1, slots);
                if (System.getenv("BISECT_DEBUG") != null) {
                    System.out.println("  round " + round.stream().map(Candidate::items).toList());
                }
                List<GateOutcome> outcomes = new ArrayList<>();
                for (Candidate c : round) {
                    // every candidate stands on exactly what has landed, never on an unjudged item
                    assertThat(c.onTopOf()).isEqualTo(landedSoFar);
                    assertThat(c.items()).isNotEmpty().noneMatch(landedSoFar::contains)
                            .isSortedAccordingTo(java.util.Comparator.comparingInt(items::indexOf));
                    boolean fails = c.items().stream().anyMatch(culprits::contains);
                    outcomes.add(fails ? GateOutcome.FAILED : GateOutcome.PASSED);
                }
                // the first passing candidate of the round is the one that lands
                for (int i = 0; i < round.size(); i++) {
                    if (outcomes.get(i) == GateOutcome.PASSED) {
                        landedSoFar.addAll(round.get(i).items());
                        break;
                    }
                }
                return outcomes;
            });
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        Set<String> good = new HashSet<>(items);
        good.removeAll(culprits);
        assertThat(outcome.landed()).containsExactlyInAnyOrderElementsOf(good).isEqualTo(landedSoFar);
        assertThat(outcome.culprits()).extracting(Outcome.Culprit::item).containsExactlyInAnyOrderElementsOf(culprits);
        for (Outcome.Culprit culprit : outcome.culprits()) {
            // convicted by a failed candidate whose every other item landed
            assertThat(culprit.failed().items()).contains(culprit.item());
            assertThat(good).containsAll(culprit.failed().items().stream().filter(i -> !i.equals(culprit.item()))
                    .toList());
        }
        assertThat(outcome.unjudged()).isEmpty();
        return outcome;
    }

    @Test
    void twoCulpritsAmongEightTakeAtMostEightGateRunsAndAtMostSevenPointSixOnAverage() {
        Figures two = figures(8, 2, 1);

        System.out.println("two culprits among 8, 1 slot: " + two);
        assertThat(two.placements()).isEqualTo(28);
        assertThat(two.maxRuns()).isLessThanOrEqualTo(8);
        assertThat(two.meanRuns()).isLessThanOrEqualTo(7.6);
    }

    @Test
    void oneCulpritAmongEight() {
        Figures one = figures(8, 1, 1);

        System.out.println("one culprit among 8: " + one);
        assertThat(one.maxRuns()).isLessThanOrEqualTo(6);
    }

    @Test
    void aBatchThatPassesTakesOneGateRun() {
        assertThat(runModel(8, Set.of(), 1).gateRuns()).isEqualTo(1);
        assertThat(runModel(8, Set.of(), 2).rounds()).isEqualTo(1);
    }

    @Test
    void withTwoGateSlotsTwoCulpritsAmongEightTakeAtMostFiveRounds() {
        Figures two = figures(8, 2, 2);

        System.out.println("two culprits among 8, 2 slots: " + two);
        assertThat(two.maxRounds()).isLessThanOrEqualTo(5);
    }

    @Property(tries = 300)
    void everyCulpritIsNamedAndEveryGoodBranchLandsWhateverTheirNumber(@ForAll @IntRange(min = 1, max = 14) int n,
            @ForAll @Size(max = 14) List<@IntRange(min = 0, max = 13) Integer> culpritIndexes,
            @ForAll @IntRange(min = 1, max = 3) int slots) {
        Set<String> culprits = new HashSet<>();
        culpritIndexes.stream().filter(i -> i < n).forEach(i -> culprits.add(name(i)));

        Outcome outcome = runModel(n, culprits, slots);

        // a pass lands at least one good branch; a culprit takes at most one failure per halving of its group
        int log = 32 - Integer.numberOfLeadingZeros(Math.max(1, n - 1));
        assertThat(outcome.gateRuns()).isLessThanOrEqualTo(slots * (n + culprits.size() * log + 1));
    }
}
