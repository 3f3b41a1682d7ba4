package io.github.parallelworktrees.cli;

import io.github.parallelworktrees.engine.planner.Planning;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pwt plan SPEC}: a planner worker writes the plan, pwt validates it; nothing runs. */
@Command(name = "plan", exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:a valid plan was written",
                "1:no valid plan after --attempts, the planner failed, or it touched other files",
                "3:bad input (a missing spec, an --out that is not the planner's)",
                "130:stopped by Ctrl-C or SIGTERM (the planner was stopped)"},
        mixinStandardHelpOptions = true,
        description = {"Plan a feature: a planner worker (Claude Code by default, or your command) reads SPEC and the"
                + " repository and writes a plan to --out; pwt validates it with the checks of 'pwt run' and hands"
                + " the problems back to the planner (the same Claude session) until the plan is valid or"
                + " --attempts are spent. The planner may write the plan and nothing else. Nothing runs: read the"
                + " plan, then 'pwt run PLAN'.",
                "Records (brief, log, transcript, errors, each attempt's plan, cost) go to"
                        + " .worktrees/.planning/<plan>/<time>/."})
final class PlanCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SPEC", description = "The spec: a Markdown or text file describing the feature.")
    Path specFile;

    @Option(names = "--repo", paramLabel = "DIR",
            description = "The git repository to plan for (default: the one that holds SPEC).")
    Path repo;

    @Mixin
    PlannerOptions planner;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Planning planning = planner.plan(specFile, repo, spec.commandLine().getOut());
        PlannerOptions.print(planning, spec.commandLine().getOut(), spec.commandLine().getErr());
        if (planning.valid()) {
            PlannerOptions.printNext(planning, spec.commandLine().getOut());
        }
        return PlannerOptions.exitCode(planning);
    }
}
