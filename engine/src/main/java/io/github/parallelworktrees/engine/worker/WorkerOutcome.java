package io.github.parallelworktrees.engine.worker;

import io.github.parallelworktrees.engine.ledger.Usage;
import java.util.Optional;

/**
 * How a worker's attempt ended, before its results are looked at.
 *
 * @param failure why it did not succeed, in one line; empty when it succeeded
 * @param usage what the attempt spent (agents only; {@link Usage#NONE} for commands)
 */
public record WorkerOutcome(int exitCode, Ending ending, Optional<String> failure, Usage usage) {

    /** The kinds of ending that the run treats differently. */
    public enum Ending { SUCCEEDED, FAILED, TIMED_OUT, MAX_TURNS, OVER_BUDGET }

    public static WorkerOutcome succeeded(int exitCode, Usage usage) {
        return new WorkerOutcome(exitCode, Ending.SUCCEEDED, Optional.empty(), usage);
    }

    public static WorkerOutcome ended(int exitCode, Ending ending, String why, Usage usage) {
        return new WorkerOutcome(exitCode, ending, Optional.of(why), usage);
    }

    public boolean succeeded() {
        return ending == Ending.SUCCEEDED;
    }
}
