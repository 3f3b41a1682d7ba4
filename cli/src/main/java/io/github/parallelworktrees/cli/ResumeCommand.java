package io.github.parallelworktrees.cli;

import io.github.parallelworktrees.engine.run.PlanRunner;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pwt resume PLAN}: continue a run that was stopped or killed. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = {"Continue the plan's run after it was stopped, killed or failed: done workstreams are kept"
                + " as they are (their commits untouched); every other one runs again in its existing worktree."
                + " A worker left running by a killed run is stopped first."})
final class ResumeCommand implements Callable<Integer> {

    @Mixin
    PlanOptions planOptions;

    @Option(names = "--max-parallel", paramLabel = "N", description = "Workers at once (overrides the plan).")
    Integer maxParallel;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PlanRunner runner = new PlanRunner(planOptions.plan(), planOptions.repository(),
                Optional.ofNullable(maxParallel), new Console(spec.commandLine().getOut()));
        return Summaries.print(runner.resume(), spec.commandLine().getOut());
    }
}
