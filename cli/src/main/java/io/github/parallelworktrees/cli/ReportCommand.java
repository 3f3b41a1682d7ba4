package io.github.parallelworktrees.cli;

import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.report.RunReport;
import io.github.parallelworktrees.engine.ledger.RunLayout;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code pwt report PLAN}: write report.html for the plan's run. */
@Command(name = "report", exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:report.html written",
                "3:bad input: no run of the plan's feature, a plan that does not parse"},
        mixinStandardHelpOptions = true,
        description = {"Write .worktrees/<feature>/report.html: every workstream's state, time, turns, cost, tokens,"
                + " commits, files changed, gate and the wave it landed in; each wave's merge and gate runs; each"
                + " RESULTS.md rendered as safe HTML. pwt run writes it too when it ends."})
final class ReportCommand implements Callable<Integer> {

    @Mixin
    PlanOptions planOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Plan plan = planOptions.plan();
        RunLayout layout = planOptions.layout(plan);
        Path report = RunReport.write(layout).orElseThrow(() -> planOptions.noRun(plan, layout));
        spec.commandLine().getOut().println(report);
        return ExitCodes.OK;
    }
}
