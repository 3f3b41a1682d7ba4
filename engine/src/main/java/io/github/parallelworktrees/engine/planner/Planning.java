package io.github.parallelworktrees.engine.planner;

import io.github.parallelworktrees.engine.ledger.Usage;
import io.github.parallelworktrees.engine.plan.Plan;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How a planning ended.
 *
 * @param reason one line saying why it did not end with a valid plan; empty when it did
 * @param plan the validated plan, when there is one
 * @param errors the last plan's validation problems (each "file:line: what"), when it was invalid
 * @param touched files (and HEAD) the planner changed besides the plan, when it did
 * @param records the folder with this planning's brief, log, transcript, errors and each attempt's plan
 */
public record Planning(Status status, Optional<String> reason, Optional<Plan> plan, List<Attempt> attempts,
        List<String> errors, List<String> touched, Path out, Path records, Usage usage) {

    /** The ways a planning ends. */
    public enum Status {
        /** The plan at {@code out} passed validation. */
        VALID,
        /** Every attempt wrote a plan that failed validation (or none); the last one is kept at {@code out}. */
        INVALID,
        /** The planner itself failed (exit code, time-out, the Claude CLI's error). */
        PLANNER_FAILED,
        /** The planner changed files besides the plan (or committed, or switched branches). */
        TOUCHED_FILES,
        /** Ctrl-C or SIGTERM stopped the planner. */
        STOPPED
    }

    /**
     * One run of the planner.
     *
     * @param number 1 for the first
     * @param errors what validation found in the plan it wrote (empty when valid or when it did not get that far)
     * @param session the Claude session it ran in (the same for every attempt of a Claude planner)
     * @param failure why the planner itself failed, if it did
     */
    public record Attempt(int number, boolean valid, List<String> errors, Usage usage, Optional<String> session,
            Optional<String> failure) {

        public Attempt {
            errors = List.copyOf(errors);
        }
    }

    public Planning {
        attempts = List.copyOf(attempts);
        errors = List.copyOf(errors);
        touched = List.copyOf(touched);
    }

    public boolean valid() {
        return status == Status.VALID;
    }
}
