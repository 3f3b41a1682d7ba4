package io.github.parallelworktrees.engine.plan;

import java.util.List;

/**
 * The weights of a race's score ({@code score: {tests: 1, coverage: 1, diffSize: -0.2, review: 2, cost: -0.5}}):
 * a racer's score is the sum of each term times its weight. Terms the plan's {@code score:} leaves out weigh 0.
 *
 * @param tests per test passed (from the gate's JUnit reports)
 * @param coverage per percentage point of line coverage (from the gate's coverage reports)
 * @param diffSize per line changed (added plus deleted) since the workstream's start
 * @param review per review verdict (approve 1, request-changes -1; absent while no review is recorded)
 * @param cost per US dollar the racer's worker spent
 */
public record ScoreWeights(double tests, double coverage, double diffSize, double review, double cost) {

    /** The terms' names, as the plan spells them. */
    public static final List<String> TERMS = List.of("tests", "coverage", "diffSize", "review", "cost");

    /** Without {@code score:}: more tests passed and more coverage are better; the rest does not count. */
    public static final ScoreWeights DEFAULT = new ScoreWeights(1, 1, 0, 0, 0);
}
