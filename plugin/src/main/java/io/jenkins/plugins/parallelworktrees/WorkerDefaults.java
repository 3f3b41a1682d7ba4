package io.jenkins.plugins.parallelworktrees;

import java.io.Serializable;

/**
 * What the global configuration adds to every plan a step runs, where the plan itself says nothing: the CLI to
 * run, the model, and a cap on the run's spend. Travels to the agent with the engine call.
 *
 * @param claudePath the Claude Code CLI on the agents; null for the plan's (a PATH lookup of {@code claude})
 * @param model the model of a worker whose plan names none; null for the engine's default
 * @param budgetUsd a cap on the run-wide budget: the plan's budget, or this, whichever is lower; null for none
 */
public record WorkerDefaults(String claudePath, String model, Double budgetUsd) implements Serializable {

    /** No defaults: the plan as written. */
    public static final WorkerDefaults NONE = new WorkerDefaults(null, null, null);
}
