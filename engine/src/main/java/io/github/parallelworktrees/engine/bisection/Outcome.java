package io.github.parallelworktrees.engine.bisection;

import java.util.List;

/**
 * How a batch ended.
 *
 * @param landed the items on the integration branch now, in the order they landed
 * @param culprits the items that break the gate, each with the failed candidate that convicts it (every other
 *     item of that candidate passed the gate)
 * @param unjudged items neither landed nor convicted, because the gate could not run
 * @param gateRuns the candidates judged, wasted speculative ones included
 * @param rounds the rounds of gate runs, one after another (each up to the gate slots at once)
 */
public record Outcome(List<String> landed, List<Culprit> culprits, List<String> unjudged, int gateRuns,
        int rounds) {

    public Outcome {
        landed = List.copyOf(landed);
        culprits = List.copyOf(culprits);
        unjudged = List.copyOf(unjudged);
    }

    /** An item that breaks the gate, and the candidate that failed with it. */
    public record Culprit(String item, Candidate failed) {
    }
}
