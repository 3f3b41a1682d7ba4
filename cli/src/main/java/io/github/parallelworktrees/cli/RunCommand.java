package io.github.parallelworktrees.cli;

import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.run.PlanRunner;
import io.github.parallelworktrees.engine.run.RunSummary;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pwt run PLAN}: the whole plan, from worktrees to collected results. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a plan: make a worktree and branch <feature>/<workstream> per workstream, write its"
                + " TASKS.md, run the workers (each after its dependencies, at most maxParallel at once), commit"
                + " what they leave, and collect their RESULTS.md under .worktrees/<feature>/results/.",
                "Existing branches are reused as they are, never reset or deleted."})
final class RunCommand implements Callable<Integer> {

    @Mixin
    PlanOptions planOptions;

    @Option(names = "--max-parallel", paramLabel = "N", description = "Workers at once (overrides the plan).")
    Integer maxParallel;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Plan plan = planOptions.plan();
        PlanRunner runner = new PlanRunner(plan, planOptions.repository(), Optional.ofNullable(maxParallel),
                new Console(spec.commandLine().getOut()));
        RunSummary summary = runner.run();
        return Summaries.print(summary, spec.commandLine().getOut());
    }
}
