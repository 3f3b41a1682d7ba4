package io.github.parallelworktrees.cli;

import io.github.parallelworktrees.engine.run.PlanRunner;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of the commands that run workers ({@code run}, {@code resume}). */
final class RunOptions {

    @Mixin
    PlanOptions planOptions;

    @Option(names = "--max-parallel", paramLabel = "N", description = "Workers at once (overrides the plan).")
    Integer maxParallel;

    /** A runner for the plan, printing progress to {@code out}. */
    PlanRunner runner(PrintWriter out) {
        return new PlanRunner(planOptions.plan(), planOptions.repository(), planOptions.environment(),
                Optional.ofNullable(maxParallel),
                new Console(out));
    }
}
