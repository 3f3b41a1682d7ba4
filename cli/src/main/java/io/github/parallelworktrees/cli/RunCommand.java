package io.github.parallelworktrees.cli;

import io.github.parallelworktrees.engine.run.PlanRunner;
import io.github.parallelworktrees.engine.run.RunSummary;
import io.github.parallelworktrees.engine.planner.Planning;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code pwt run PLAN}: the whole plan, from worktrees to collected results. */
@Command(name = "run", exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:every workstream done (and, with autoMerge, on the integration branch)",
                "1:a workstream did not finish or land (the summary names it)",
                "2:unstable (a gate or review of criticality UNSTABLE said so)",
                "3:bad input or refused (the message says which input and what to do)",
                "130:stopped by Ctrl-C, SIGTERM or pwt stop (workers recorded; pwt resume continues)"},
        mixinStandardHelpOptions = true,
        description = {"Run a plan: make a worktree and branch <feature>/<workstream> per workstream, write its"
                + " TASKS.md, run the workers (each after its dependencies, at most maxParallel at once), commit"
                + " what they leave, and collect their RESULTS.md under .worktrees/<feature>/results/.",
                "Existing branches are reused as they are, never reset or deleted.",
                "With --workstream, only that workstream runs here (as a Jenkins body runs it on its own agent):"
                        + " from the integration branch once that holds its dependencies, else from the base; run"
                        + " again, it continues it.",
                "With --plan-first, PLAN is a spec: it is planned first (as 'pwt plan' does, with its options), the"
                        + " plan is shown, and it runs once accepted: with --yes, or by answering on the terminal."})
final class RunCommand implements Callable<Integer> {

    @Mixin
    RunOptions options;

    @Option(names = "--workstream", paramLabel = "NAME",
            description = "Run only this workstream of the plan here; its dependencies are not waited for.")
    String workstream;

    @Option(names = "--plan-first",
            description = "PLAN is a spec: plan it first (pwt plan's options apply), show the plan, run it once accepted.")
    boolean planFirst;

    @Option(names = "--yes", description = "With --plan-first: run the plan without asking.")
    boolean yes;

    @Mixin
    PlannerOptions planner;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (planFirst) {
            Optional<Integer> refused = planFirst();
            if (refused.isPresent()) {
                return refused.get();
            }
        } else {
            List<String> plannerOnly = spec.commandLine().getParseResult().matchedOptions().stream()
                    .filter(o -> spec.mixins().get("planner").options().contains(o) || o.longestName().equals("--yes"))
                    .map(o -> o.longestName()).toList();
            if (!plannerOnly.isEmpty()) {
                throw new IllegalArgumentException(String.join(", ", plannerOnly) + ": only with --plan-first (then"
                        + " PLAN is a spec to plan first)");
            }
        }
        PlanRunner runner = options.runner(spec.commandLine().getOut());
        RunSummary summary = workstream == null ? runner.run() : runner.runWorkstream(workstream);
        return Summaries.print(summary, spec.commandLine().getOut());
    }

    /**
     * Plans the spec and asks for acceptance; empty when the plan is accepted and is now the plan to run, else the
     * exit code to end with.
     */
    private Optional<Integer> planFirst() throws Exception {
        if (workstream != null) {
            throw new IllegalArgumentException("--plan-first plans the whole feature; run one workstream with"
                    + " 'pwt run PLAN --workstream NAME' once the plan exists");
        }
        PrintWriter out = spec.commandLine().getOut();
        PlanOptions plan = options.planOptions;
        Planning planning = planner.plan(plan.planFile, plan.repo, out);
        PlannerOptions.print(planning, out, spec.commandLine().getErr());
        if (!planning.valid()) {
            return Optional.of(PlannerOptions.exitCode(planning));
        }
        if (yes) {
            out.println("Running it now (--yes).");
        } else {
            java.io.Console console = System.console();
            if (console == null) {
                spec.commandLine().getErr().println("pwt: the plan was not run: --plan-first asks before running,"
                        + " and there is no terminal to ask on; pass --yes to run it unasked, or run it with '"
                        + PlannerOptions.nextCommand(planning) + "'");
                return Optional.of(ExitCodes.BAD_INPUT);
            }
            String answer = console.readLine("Run this plan now? [y/N] ");
            if (answer == null || !answer.strip().toLowerCase(java.util.Locale.ROOT).matches("y|yes")) {
                out.println("Not run. Run it later with: " + PlannerOptions.nextCommand(planning));
                return Optional.of(ExitCodes.OK);
            }
        }
        if (plan.repo == null) {
            plan.repo = plan.planFile.toAbsolutePath().getParent();
        }
        plan.planFile = planning.out();
        out.println();
        return Optional.empty();
    }
}
