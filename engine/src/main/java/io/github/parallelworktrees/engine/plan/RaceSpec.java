package io.github.parallelworktrees.engine.plan;

import java.util.List;
import java.util.Optional;

/**
 * A workstream raced by several workers ({@code race: N} or {@code racers: [...]}): each racer works the same
 * workstream on a branch of its own, and the one its gate and score rank first becomes the workstream's branch.
 *
 * @param racers in plan order (racer 1 first): the order breaks ties
 * @param weights how the score weighs each term
 */
public record RaceSpec(List<Racer> racers, ScoreWeights weights) {

    /** The fewest and most racers a race may have: one racer is no race, and each racer costs a worker. */
    public static final int MIN_RACERS = 2;
    public static final int MAX_RACERS = 8;

    public RaceSpec {
        racers = List.copyOf(racers);
    }

    /**
     * One racer: its number (from 1), its worker (the workstream's, with the racer's overrides) and its own
     * prompt, if it has one.
     */
    public record Racer(int number, WorkerSpec worker, Optional<String> prompt) {
    }

    /** The name of racer {@code number} of {@code workstream}: its worktree, results folder and branch suffix. */
    public static String racerName(String workstream, int number) {
        return workstream + "-racer-" + number;
    }
}
