package io.jenkins.plugins.parallelworktrees.report;

import io.github.parallelworktrees.engine.ledger.RaceResult;
import io.github.parallelworktrees.engine.race.Ranking;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * How a race was judged, as the build's Parallel Worktrees page shows it: each racer with its branch, how its worker
 * ended, its gate's verdict, its score and terms, its cost, and why the winner won (or why none did). Made from the
 * engine's judgement (the ledger's {@code race_judged}) by the mergeWave that judged it.
 */
public final class RaceRow implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String workstream;
    /** The winner's number, or null when no racer may land. */
    private final Integer winner;
    private final String why;
    private final ArrayList<Racer> racers;

    private RaceRow(String workstream, Integer winner, String why, List<Racer> racers) {
        this.workstream = workstream;
        this.winner = winner;
        this.why = why;
        this.racers = new ArrayList<>(racers);
    }

    /** The row of the engine's judgement. */
    public static RaceRow of(RaceResult result) {
        List<Racer> racers = new ArrayList<>();
        for (RaceResult.Standing s : result.racers()) {
            racers.add(new Racer(s.racer(), s.branch(), s.status(), s.verdict(), s.verdictReason(), s.eligible(),
                    s.eligible() ? Ranking.number(s.score()) : "-", Ranking.terms(s.terms()), s.costUsd(),
                    result.winner() != null && result.winner() == s.racer()));
        }
        return new RaceRow(result.workstream(), result.winner(), result.why(), racers);
    }

    /** The same row with {@code mask} applied to its text (why, and each racer's verdict reason). */
    public RaceRow masked(UnaryOperator<String> mask) {
        List<Racer> masked = new ArrayList<>();
        for (Racer r : racers) {
            masked.add(new Racer(r.racer, r.branch, r.status, r.verdict, WorkstreamRow.maskOrNull(mask,
                    r.verdictReason), r.eligible, r.score, r.terms, r.costUsd, r.winner));
        }
        return new RaceRow(workstream, winner, WorkstreamRow.maskOrNull(mask, why), masked);
    }

    public String getWorkstream() {
        return workstream;
    }

    /** The winning racer's number, or null when no racer may land. */
    public Integer getWinner() {
        return winner;
    }

    /** Why the winner won, or why no racer did, in one line. */
    public String getWhy() {
        return why;
    }

    public List<Racer> getRacers() {
        return List.copyOf(racers);
    }

    /** One racer's standing. */
    public static final class Racer implements Serializable {

        private static final long serialVersionUID = 1L;

        private final int racer;
        private final String branch;
        private final String status;
        private final String verdict;
        private final String verdictReason;
        private final boolean eligible;
        private final String score;
        private final String terms;
        private final double costUsd;
        private final boolean winner;

        Racer(int racer, String branch, String status, String verdict, String verdictReason, boolean eligible,
                String score, String terms, double costUsd, boolean winner) {
            this.racer = racer;
            this.branch = branch;
            this.status = status;
            this.verdict = verdict;
            this.verdictReason = verdictReason;
            this.eligible = eligible;
            this.score = score;
            this.terms = terms;
            this.costUsd = costUsd;
            this.winner = winner;
        }

        public int getRacer() {
            return racer;
        }

        /** Its branch, kept whether it won or lost. */
        public String getBranch() {
            return branch;
        }

        /** How its worker ended: done, failed, ... */
        public String getStatus() {
            return status;
        }

        /** Its gate's verdict on its branch merged onto the integration branch, or "not done", "conflict", ... */
        public String getVerdict() {
            return verdict;
        }

        public String getVerdictReason() {
            return verdictReason;
        }

        /** It could win: its worker finished and its verdict lets a merge go ahead. */
        public boolean isEligible() {
            return eligible;
        }

        /** Its score with two decimals, or "-" when it could not win. */
        public String getScore() {
            return score;
        }

        /** The score's terms as measured: "tests 12, coverage 81.5, diffSize 40, cost 0.31". */
        public String getTerms() {
            return terms;
        }

        /** "$0.42"; "-" for a racer that spent nothing (a command worker). */
        public String getCost() {
            return costUsd > 0 ? String.format(Locale.ROOT, "$%.2f", costUsd) : "-";
        }

        public boolean isWinner() {
            return winner;
        }
    }
}
