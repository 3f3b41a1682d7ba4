package io.github.parallelworktrees.engine.bisection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which candidates to judge next once a batch of {@code n} failed its gate, with {@code slots} gate runs at once: a
 * decision tree computed by dynamic programming over {@link Shape}s, as adaptive group testing does. Candidates are
 * any part of one suspect group or of the untested items, not only prefixes of the merge order. A round holds the
 * next candidate and, with spare slots, the ones that would follow if it (and those before it) failed: they stand on
 * the same commit, so they can run at once.
 *
 * <p>The tree is the best for one and two culprits, in this order: the fewest rounds in the worst case with two
 * culprits; then the fewest in the worst case with one; then the lowest mean over all placements of one culprit plus
 * the mean over all placements of two; then the fewest gate runs. With one slot a round is one gate run. It stays
 * correct for any number of culprits: a culprit is only ever named by a failed candidate whose other items passed,
 * and an item only lands in a candidate that passed. Shapes the tree was not built for (three culprits or more) are
 * split in halves, smallest group first, one candidate a round.
 *
 * <p>Batches larger than {@link #TABLE_LIMIT} are split in halves throughout: the table grows too fast, and a
 * queue's batches are what finished between two gate runs, rarely that many.
 */
final class SplitPolicy {

    static final int TABLE_LIMIT = 12;
    private static final double INFEASIBLE = Double.POSITIVE_INFINITY;
    /** The price of a gate run: it breaks ties between trees of equal rounds in favour of fewer runs. */
    private static final double RUN = 1e-6;
    private static final Map<String, SplitPolicy> BY_SIZE = new ConcurrentHashMap<>();

    private final int n;
    private final int slots;
    private final double weightOne;
    private final double weightTwo;
    private final Map<String, Double> memo = new HashMap<>();
    private final Map<String, Double> tails = new HashMap<>();
    private final int worstTwo;
    private final int worstOne;

    private SplitPolicy(int n, int slots) {
        this.n = n;
        this.slots = slots;
        this.weightOne = 1.0 / n;
        this.weightTwo = n < 2 ? 0 : 2.0 / ((double) n * (n - 1));
        int two = 1;
        int one = 1;
        if (n <= TABLE_LIMIT) {
            int cap = 2 * n + 2;
            while (firstRound(cap, two) == INFEASIBLE) {
                two++;
            }
            while (firstRound(one, two) == INFEASIBLE) {
                one++;
            }
        }
        this.worstTwo = two;
        this.worstOne = one;
    }

    /** The policy for a batch of {@code n} items that failed its gate, judged {@code slots} at once. */
    static SplitPolicy forBatch(int n, int slots) {
        return BY_SIZE.computeIfAbsent(n + "/" + slots, k -> new SplitPolicy(n, slots));
    }

    /** Rounds in all, the batch's own included, in the worst case with one culprit and with two. */
    int worstOne() {
        return worstOne;
    }

    int worstTwo() {
        return worstTwo;
    }

    /** The candidates judged beside the whole batch in the first round, on the guess that it fails. */
    synchronized List<Shape.Choice> besideTheBatch() {
        if (n > TABLE_LIMIT || slots == 1) {
            return List.of();
        }
        List<Shape.Choice> round = new ArrayList<>();
        follow(afterBatch(), slots - 1, worstOne - 1, worstTwo - 1, false, round);
        return round;
    }

    /** The next round's candidates for {@code shape}, reached after {@code rounds} rounds. */
    synchronized List<Shape.Choice> next(Shape shape, int rounds) {
        int one = worstOne - rounds;
        int two = worstTwo - rounds;
        long[] h = hypotheses(shape);
        if (n <= TABLE_LIMIT && h[0] + h[1] > 0 && one >= 0 && two >= 0 && cost(shape, one, two) != INFEASIBLE) {
            List<Shape.Choice> round = new ArrayList<>();
            follow(shape, slots, one - 1, two - 1, true, round);
            if (!round.isEmpty()) {
                return round;
            }
        }
        return List.of(halving(shape));
    }

    /** Halve the smallest suspect group; with none left, judge the untested items together. */
    static Shape.Choice halving(Shape shape) {
        if (shape.groups().length > 0) {
            return new Shape.Choice(0, shape.groups()[0] / 2);
        }
        return new Shape.Choice(-1, shape.untested());
    }

    private Shape afterBatch() {
        return new Shape(new int[] {n}, 0, 0).settled();
    }

    /** The first round: the whole batch, then what the tree judges beside it. */
    private double firstRound(int one, int two) {
        if (one <= 0 || two <= 0) {
            return INFEASIBLE;
        }
        return weightOne * n + weightTwo * ((double) n * (n - 1) / 2) + RUN + tail(afterBatch(), slots - 1, one - 1,
                two - 1);
    }

    /**
     * The weighted sum, over the placements of one and of two culprits the shape allows, of the rounds still to
     * come; infeasible when a placement of one would need more than {@code one}, or of two more than {@code two}.
     */
    private double cost(Shape shape, int one, int two) {
        if (shape.done()) {
            return 0;
        }
        long[] h = hypotheses(shape);
        if (h[0] == 0 && h[1] == 0) {
            return 0;
        }
        if ((h[0] > 0 && one <= 0) || (h[1] > 0 && two <= 0)) {
            return INFEASIBLE;
        }
        String key = shape.key() + "|" + one + "|" + two;
        Double known = memo.get(key);
        if (known != null) {
            return known;
        }
        double best = INFEASIBLE;
        for (Shape.Choice choice : choices(shape)) {
            best = Math.min(best, step(shape, choice, slots - 1, one - 1, two - 1));
        }
        best += weightOne * h[0] + weightTwo * h[1];
        memo.put(key, best);
        return best;
    }

    /** Judging {@code choice} in this round, with {@code spare} slots after it for the ones its failure leads to. */
    private double step(Shape shape, Shape.Choice choice, int spare, int one, int two) {
        double pass = cost(shape.afterPass(choice), one, two);
        if (pass == INFEASIBLE) {
            return INFEASIBLE;
        }
        return pass + RUN + tail(shape.afterFail(choice), spare, one, two);
    }

    /**
     * The best rest of a round that has reached {@code shape} by failures: stop (the next round starts from it), or
     * judge one more candidate in a spare slot.
     */
    private double tail(Shape shape, int spare, int one, int two) {
        double stop = cost(shape, one, two);
        long[] h = hypotheses(shape);
        if (spare == 0 || shape.done() || h[0] + h[1] == 0) {
            return stop;
        }
        String key = shape.key() + "|" + spare + "|" + one + "|" + two;
        Double known = tails.get(key);
        if (known != null) {
            return known;
        }
        double best = stop;
        for (Shape.Choice choice : choices(shape)) {
            best = Math.min(best, step(shape, choice, spare - 1, one, two));
        }
        tails.put(key, best);
        return best;
    }

    /**
     * Collects the candidates of a round that the tree judges from {@code shape} on: the best one, then, while a slot
     * is spare and judging another beats stopping, the best one after its failure.
     *
     * @param one rounds left after this one for a placement of one culprit; {@code two} for two
     * @param mustJudge whether the round must judge one (a fresh round does; the first round's batch is judged)
     */
    private void follow(Shape shape, int spare, int one, int two, boolean mustJudge, List<Shape.Choice> round) {
        Shape at = shape;
        int left = spare;
        boolean judge = mustJudge;
        while (left > 0 && !at.done() && hypotheses(at)[0] + hypotheses(at)[1] > 0) {
            Shape.Choice best = null;
            double bestCost = INFEASIBLE;
            for (Shape.Choice choice : choices(at)) {
                double c = step(at, choice, left - 1, one, two);
                if (c < bestCost - 1e-12) {
                    bestCost = c;
                    best = choice;
                }
            }
            if (best == null || (!judge && cost(at, one, two) <= bestCost + 1e-12)) {
                return;
            }
            round.add(best);
            at = at.afterFail(best);
            left--;
            judge = false;
        }
    }

    /** Every candidate worth judging: part of one suspect group (never all of it: it is known to fail), or untested. */
    private static List<Shape.Choice> choices(Shape shape) {
        List<Shape.Choice> choices = new ArrayList<>();
        int[] groups = shape.groups();
        for (int i = 0; i < groups.length; i++) {
            if (i > 0 && groups[i] == groups[i - 1]) {
                continue; // the same choice as in the group before
            }
            for (int size = 1; size < groups[i]; size++) {
                choices.add(new Shape.Choice(i, size));
            }
        }
        for (int size = 1; size <= shape.untested(); size++) {
            choices.add(new Shape.Choice(-1, size));
        }
        return choices;
    }

    /**
     * How many placements of one culprit in all and of two are consistent with the shape: each suspect group holds
     * at least one, found ones count, untested items may hold any.
     */
    private static long[] hypotheses(Shape shape) {
        // coefficients of x^0..x^2 in prod((1+x)^g - 1) * (1+x)^untested
        long[] poly = {1, 0, 0};
        for (int g : shape.groups()) {
            poly = times(poly, new long[] {0, g, (long) g * (g - 1) / 2});
        }
        long u = shape.untested();
        poly = times(poly, new long[] {1, u, u * (u - 1) / 2});
        long one = shape.found() <= 1 ? poly[1 - shape.found()] : 0;
        long two = shape.found() <= 2 ? poly[2 - shape.found()] : 0;
        return new long[] {one, two};
    }

    private static long[] times(long[] a, long[] b) {
        long[] r = new long[3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; i + j < 3; j++) {
                r[i + j] += a[i] * b[j];
            }
        }
        return r;
    }
}
