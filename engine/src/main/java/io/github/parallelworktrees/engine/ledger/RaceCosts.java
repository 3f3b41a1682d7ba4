package io.github.parallelworktrees.engine.ledger;

/**
 * What racers cost. Racers' costs stay in the racers' records (a raced workstream's own record holds only what its
 * own worker spent, in a repair say), so that a race judged again after a resume never counts a dollar twice; the
 * run's totals and its budget add them up from here.
 */
public final class RaceCosts {

    private RaceCosts() {
    }

    /** What every racer of the run has spent so far. */
    public static double total(RunView view) {
        return view.racers().values().stream().flatMap(m -> m.values().stream())
                .mapToDouble(r -> r.usage().costUsd()).sum();
    }

    /** True when some racer has a recorded cost (a Claude racer), so the run's cost is a figure, not unknown. */
    public static boolean any(RunView view) {
        return view.racers().values().stream().flatMap(m -> m.values().stream()).anyMatch(r -> r.costUsd() != null);
    }
}
