package io.github.parallelworktrees.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code pwt run PLAN}: the whole plan, from worktrees to collected results. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a plan: make a worktree and branch <feature>/<workstream> per workstream, write its"
                + " TASKS.md, run the workers (each after its dependencies, at most maxParallel at once), commit"
                + " what they leave, and collect their RESULTS.md under .worktrees/<feature>/results/.",
                "Existing branches are reused as they are, never reset or deleted."})
final class RunCommand implements Callable<Integer> {

    @Mixin
    RunOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return Summaries.print(options.runner(spec.commandLine().getOut()).run(), spec.commandLine().getOut());
    }
}
