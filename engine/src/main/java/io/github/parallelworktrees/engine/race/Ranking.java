package io.github.parallelworktrees.engine.race;

import io.github.parallelworktrees.engine.ledger.RaceResult.Standing;
import io.github.parallelworktrees.engine.ledger.ReviewRecord;
import io.github.parallelworktrees.engine.plan.ScoreWeights;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Who wins a race, and why, from the racers' standings: a racer that may land (its worker finished, its gate lets
 * a merge go ahead, and its review, if any, does not keep it out) beats one that may not; among those, a clean
 * verdict beats a noted one, a higher score beats a lower one, and racer order breaks a tie. Pure: the judge
 * measures, this decides.
 */
public final class Ranking {

    private Ranking() {
    }

    /** The weighted sum of {@code terms}; a term not measured counts 0. */
    public static double score(Map<String, Double> terms, ScoreWeights weights) {
        return weights.tests() * terms.getOrDefault("tests", 0.0)
                + weights.coverage() * terms.getOrDefault("coverage", 0.0)
                + weights.diffSize() * terms.getOrDefault("diffSize", 0.0)
                + weights.review() * terms.getOrDefault("review", 0.0)
                + weights.cost() * terms.getOrDefault("cost", 0.0);
    }

    /**
     * The winner and why; empty winner (with why none won) when no racer may land.
     *
     * @param weights the score's weights, to tell when the review term decided the race
     */
    public static Decision decide(List<Standing> standings, ScoreWeights weights) {
        List<Standing> eligible = ranked(standings.stream().filter(Standing::eligible).toList(), Standing::score);
        if (eligible.isEmpty()) {
            return new Decision(Optional.empty(), "no racer may land: " + verdicts(standings));
        }
        Standing winner = eligible.get(0);
        List<Standing> others = standings.stream().filter(s -> s.racer() != winner.racer()).toList();
        String why;
        if (eligible.size() == 1) {
            boolean byReview = others.stream().anyMatch(Standing::keptOutByReview);
            why = "racer " + winner.racer() + " won: the only racer whose gate " + (byReview ? "and review let"
                    : "let") + " it land (" + verdict(winner) + "); " + verdicts(others);
        } else if (verdictRank(eligible.get(1).verdict()) > verdictRank(winner.verdict())) {
            why = "racer " + winner.racer() + " won: its gate " + winner.verdict() + " where the other racers' gates"
                    + " only let them land with notes; " + verdicts(others);
        } else {
            Standing second = eligible.get(1);
            if (second.score() == winner.score()) {
                why = "racer " + winner.racer() + " won: tied on score " + number(winner.score()) + " with racer "
                        + second.racer() + ", and first in racer order; " + scores(standings);
            } else {
                Standing withoutReview = ranked(eligible, s -> s.score() - weights.review()
                        * s.terms().getOrDefault("review", 0.0)).get(0);
                why = "racer " + winner.racer() + " won on score" + (withoutReview.racer() == winner.racer() ? ""
                        : ", decided by the review (without the review term racer " + withoutReview.racer()
                                + " would have won)") + ": " + scores(standings);
            }
        }
        return new Decision(Optional.of(winner.racer()), why);
    }

    /** {@code standings} best first: a clean verdict before a noted one, then by {@code score}, then racer order. */
    private static List<Standing> ranked(List<Standing> standings, ToDoubleFunction<Standing> score) {
        return standings.stream().sorted(Comparator.comparingInt((Standing s) -> verdictRank(s.verdict()))
                .thenComparing(Comparator.comparingDouble(score).reversed())
                .thenComparingInt(Standing::racer)).toList();
    }

    /** The outcome of {@link #decide}. */
    public record Decision(Optional<Integer> winner, String why) {
    }

    /** Passed (or nothing to judge) beats a verdict with notes; verdicts that may not land are not ranked here. */
    private static int verdictRank(String verdict) {
        return "note".equals(verdict) ? 1 : 0;
    }

    private static String verdicts(List<Standing> standings) {
        List<String> parts = new ArrayList<>();
        for (Standing s : standings) {
            parts.add("racer " + s.racer() + ": " + verdict(s));
        }
        return String.join("; ", parts);
    }

    /**
     * A racer's gate verdict with its reasons and, when it was reviewed, its review's verdict: "passed, review
     * request-changes kept it out (the reviewer requested changes (criticality FAILURE): see ...)".
     */
    private static String verdict(Standing s) {
        String gate = s.verdict() + (s.verdictReason() == null ? "" : " (" + s.verdictReason() + ")");
        ReviewRecord review = s.review();
        if (review == null) {
            return gate;
        }
        String said = review.verdictWord();
        if (review.keptOut()) {
            return gate + ", review " + said + " kept it out (" + review.reason() + ")";
        }
        return gate + ", review " + said + (review.approved() ? "" : " (" + review.status() + ")");
    }

    private static String scores(List<Standing> standings) {
        List<String> parts = new ArrayList<>();
        for (Standing s : standings) {
            parts.add("racer " + s.racer() + " " + (s.eligible() ? number(s.score()) + " (" + terms(s.terms()) + ")"
                    : s.verdict() + (s.keptOutByReview() ? ", kept out by its review" : "")));
        }
        return String.join(", ", parts);
    }

    /** The measured terms as a person reads them: "tests 12, coverage 81.5, diffSize 40, cost 0.31". */
    public static String terms(Map<String, Double> terms) {
        List<String> parts = new ArrayList<>();
        terms.forEach((term, value) -> parts.add(term + " " + (value == Math.rint(value) && !term.equals("cost")
                ? String.valueOf(value.longValue()) : number(value))));
        return String.join(", ", parts);
    }

    /** A score or weight with two decimals. */
    public static String number(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
