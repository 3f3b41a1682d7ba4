package io.github.parallelworktrees.engine.bisection;

import java.util.List;

/**
 * One gate candidate: {@code items}, in merge order, merged on top of what has landed so far ({@code onTopOf}, in
 * the order it landed). The integration branch only ever moves to a candidate whose gate passed.
 */
public record Candidate(List<String> onTopOf, List<String> items) {

    public Candidate {
        onTopOf = List.copyOf(onTopOf);
        items = List.copyOf(items);
    }
}
