package io.github.parallelworktrees.engine.plan;

import io.github.parallelworktrees.engine.gate.Criticality;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A workstream's review ({@code review:} on the plan, its wave or itself; a key given at a more specific level
 * wins): after its worker is done, a reviewer worker reads the branch's diff and writes REVIEW.md with findings and
 * a verdict, which gates the branch like a gate of this criticality.
 *
 * @param worker the reviewer: the plan's worker settings under the review's own ({@code run} and {@code rehearsal}
 *     are the worker's, never inherited)
 * @param focus what the reviewer looks at; all areas when the plan names none
 * @param criticality what a verdict of request-changes does: FAILURE keeps the branch out of the integration
 *     (and hands the findings to its worker when the wave repairs), UNSTABLE marks the run unstable, NOTE only records
 * @param tests a test-writer (a worker with the reviewer's spec) writes tests for the workstream's changes on a branch
 *     of its own ({@code <feature>/<ws>-tests}), which is merged into the workstream's branch before the review
 */
public record Review(WorkerSpec worker, List<Focus> focus, Criticality criticality, boolean tests) {

    /** The suffix of a test-writer's branch, worktree and results folder: {@code <ws>-tests}. */
    public static final String TESTS_SUFFIX = "-tests";

    /** The name of the test-writer's branch suffix, worktree and results folder for {@code workstream}. */
    public static String testsName(String workstream) {
        return workstream + TESTS_SUFFIX;
    }

    /** The criticalities a review may have: ERROR (fails the step, not the build) has no meaning for a branch. */
    public static final List<Criticality> CRITICALITIES =
            List.of(Criticality.NOTE, Criticality.UNSTABLE, Criticality.FAILURE);

    public Review {
        focus = List.copyOf(focus);
    }

    /** An area a reviewer is asked to look at. */
    public enum Focus {
        SECURITY, PERFORMANCE, TESTS, STYLE, ARCHITECTURE;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Optional<Focus> parse(String text) {
            for (Focus f : values()) {
                if (f.id().equals(text.strip().toLowerCase(Locale.ROOT))) {
                    return Optional.of(f);
                }
            }
            return Optional.empty();
        }

        static List<String> ids() {
            return java.util.Arrays.stream(values()).map(Focus::id).toList();
        }
    }
}
