package io.github.parallelworktrees.bench;

import io.github.parallelworktrees.engine.bisection.Bisection;
import io.github.parallelworktrees.engine.bisection.Candidate;
import io.github.parallelworktrees.engine.bisection.GateOutcome;
import io.github.parallelworktrees.engine.bisection.Outcome;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Gate runs and rounds to find the culprits of a failed batch, over every placement of d culprits among n
 * branches, with a model gate (a candidate fails exactly when it holds a culprit): pwt's group testing with 1, 2
 * and 3 gate slots, beside the prefix bisection pwt used before (binary search over prefixes for the first
 * culprit, then the rest again), restated here for the comparison. No git: the strategy alone; the same bounds are
 * checked on real git by CulpritPlacementsTest.
 *
 * <p>Usage: {@code bench/run bisection [n ...]} (default 8).
 */
public final class BisectionBench {

    private BisectionBench() {
    }

    public static void main(String[] args) throws InterruptedException {
        List<Integer> sizes = args.length == 0 ? List.of(8) : java.util.Arrays.stream(args).map(Integer::parseInt)
                .toList();
        for (int n : sizes) {
            System.out.printf(Locale.ROOT, "%d branches; every placement of d culprits; runs = gate runs, the"
                    + " batch's own included%n", n);
            System.out.printf(Locale.ROOT, "%-3s %-10s %-22s %-22s %-22s %-22s%n", "d", "placements",
                    "before: runs max/mean", "1 slot: runs max/mean", "2 slots: rounds (runs)",
                    "3 slots: rounds (runs)");
            for (int d = 0; d <= Math.min(4, n); d++) {
                List<Set<Integer>> placements = placements(n, d);
                double[] before = figures(placements, p -> prefixBisection(n, p));
                double[] one = figures(placements, p -> groupTesting(n, p, 1));
                double[] two = figures(placements, p -> groupTesting(n, p, 2));
                double[] three = figures(placements, p -> groupTesting(n, p, 3));
                System.out.printf(Locale.ROOT, "%-3d %-10d %-22s %-22s %-22s %-22s%n", d, placements.size(),
                        runs(before), runs(one), rounds(two), rounds(three));
            }
            System.out.println();
        }
    }

    private static String runs(double[] f) {
        return String.format(Locale.ROOT, "%d / %.3f", (int) f[0], f[1]);
    }

    private static String rounds(double[] f) {
        return String.format(Locale.ROOT, "%d / %.3f (%d / %.2f)", (int) f[2], f[3], (int) f[0], f[1]);
    }

    private interface Strategy {
        int[] runsAndRounds(Set<Integer> culprits) throws InterruptedException;
    }

    /** max runs, mean runs, max rounds, mean rounds. */
    private static double[] figures(List<Set<Integer>> placements, Strategy strategy)
            throws InterruptedException {
        double[] f = new double[4];
        for (Set<Integer> p : placements) {
            int[] r = strategy.runsAndRounds(p);
            f[0] = Math.max(f[0], r[0]);
            f[1] += r[0];
            f[2] = Math.max(f[2], r[1]);
            f[3] += r[1];
        }
        f[1] /= placements.size();
        f[3] /= placements.size();
        return f;
    }

    private static int[] groupTesting(int n, Set<Integer> culprits, int slots) throws InterruptedException {
        List<String> items = IntStream.range(0, n).mapToObj(i -> "b" + i).toList();
        Outcome outcome = Bisection.run(items, slots, round -> {
            List<GateOutcome> outcomes = new ArrayList<>();
            for (Candidate c : round) {
                outcomes.add(c.items().stream().anyMatch(i -> culprits.contains(Integer.parseInt(i.substring(1))))
                        ? GateOutcome.FAILED : GateOutcome.PASSED);
            }
            return outcomes;
        });
        if (outcome.culprits().size() != culprits.size() || outcome.landed().size() != n - culprits.size()) {
            throw new IllegalStateException("wrong outcome for " + culprits + ": " + outcome);
        }
        return new int[] {outcome.gateRuns(), outcome.rounds()};
    }

    /** The strategy before: whole; on failure a binary search over prefixes finds the first culprit; the rest again. */
    private static int[] prefixBisection(int n, Set<Integer> culprits) {
        List<Integer> rest = new ArrayList<>(IntStream.range(0, n).boxed().toList());
        int runs = 0;
        while (!rest.isEmpty()) {
            runs++;
            if (rest.stream().noneMatch(culprits::contains)) {
                break;
            }
            int lo = 0;
            int hi = rest.size();
            while (hi - lo > 1) {
                int mid = (lo + hi) / 2;
                runs++;
                if (rest.subList(0, mid).stream().noneMatch(culprits::contains)) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            rest = new ArrayList<>(rest.subList(hi, rest.size()));
        }
        return new int[] {runs, runs};
    }

    private static List<Set<Integer>> placements(int n, int d) {
        List<Set<Integer>> out = new ArrayList<>();
        collect(n, d, 0, new HashSet<>(), out);
        return out;
    }

    private static void collect(int n, int d, int from, Set<Integer> chosen, List<Set<Integer>> out) {
        if (chosen.size() == d) {
            out.add(new HashSet<>(chosen));
            return;
        }
        for (int i = from; i < n; i++) {
            chosen.add(i);
            collect(n, d, i + 1, chosen, out);
            chosen.remove(i);
        }
    }
}
