package io.github.parallelworktrees.cli;

import io.github.parallelworktrees.engine.run.PlanRunner;
import io.github.parallelworktrees.engine.run.RunSummary;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code pwt run PLAN}: the whole plan, from worktrees to collected results. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a plan: make a worktree and branch <feature>/<workstream> per workstream, write its"
                + " TASKS.md, run the workers (each after its dependencies, at most maxParallel at once), commit"
                + " what they leave, and collect their RESULTS.md under .worktrees/<feature>/results/.",
                "Existing branches are reused as they are, never reset or deleted.",
                "With --workstream, only that workstream runs here (as a Jenkins body runs it on its own agent):"
                        + " from the integration branch once that holds its dependencies, else from the base; run"
                        + " again, it continues it."})
final class RunCommand implements Callable<Integer> {

    @Mixin
    RunOptions options;

    @Option(names = "--workstream", paramLabel = "NAME",
            description = "Run only this workstream of the plan here; its dependencies are not waited for.")
    String workstream;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PlanRunner runner = options.runner(spec.commandLine().getOut());
        RunSummary summary = workstream == null ? runner.run() : runner.runWorkstream(workstream);
        return Summaries.print(summary, spec.commandLine().getOut());
    }
}
