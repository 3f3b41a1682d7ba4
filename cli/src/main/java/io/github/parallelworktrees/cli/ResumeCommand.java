package io.github.parallelworktrees.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code pwt resume PLAN}: continue a run that was stopped or killed. */
@Command(name = "resume", exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:every workstream done (and, with autoMerge, on the integration branch)",
                "1:a workstream did not finish or land (the summary names it)",
                "2:unstable (a gate or review of criticality UNSTABLE said so)",
                "3:bad input or refused: no run to resume, a run in progress",
                "130:stopped by Ctrl-C, SIGTERM or pwt stop (pwt resume continues)"},
        mixinStandardHelpOptions = true,
        description = {"Continue the plan's run after it was stopped, killed or failed: done workstreams are kept"
                + " as they are (their commits untouched); every other one runs again in its existing worktree,"
                + " Claude workers continuing their recorded session. A worker left running by a killed run is"
                + " stopped first."})
final class ResumeCommand implements Callable<Integer> {

    @Mixin
    RunOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return Summaries.print(options.runner(spec.commandLine().getOut()).resume(), spec.commandLine().getOut());
    }
}
