package io.github.parallelworktrees.cli;

import io.github.parallelworktrees.engine.control.OperatorNotes;
import io.github.parallelworktrees.engine.ledger.RunLayout;
import io.github.parallelworktrees.engine.ledger.RunLock;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.run.RunException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pwt retry PLAN WS... [--note TEXT]}: runs workstreams' workers again, whatever they ended as. */
@Command(name = "retry", exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:every workstream done (and, with autoMerge, on the integration branch)",
                "1:a workstream did not finish or land (the summary names it)",
                "2:unstable (a gate or review of criticality UNSTABLE said so)",
                "3:bad input or refused: no run, an unknown workstream, a run in progress",
                "130:stopped by Ctrl-C, SIGTERM or pwt stop (pwt resume continues)"},
        mixinStandardHelpOptions = true,
        description = {"Run the named workstreams' workers again in the plan's run, whatever they ended as (done,"
                + " failed, left out, stopped), in their worktrees, on their branches (nothing is reset: their"
                + " commits stay), Claude workers continuing their session. With --note, the worker gets the note:"
                + " a file in PWT_NOTE for a command worker, added to a Claude worker's prompt. Other unfinished"
                + " workstreams are left as they are ('pwt resume' runs those). New commits are merged like any"
                + " finished work."})
final class RetryCommand implements Callable<Integer> {

    @Mixin
    RunOptions options;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "WS", description = "Workstreams to run again.")
    List<String> workstreams = new ArrayList<>();

    @Option(names = "--note", paramLabel = "TEXT", description = "What to tell the workers for this attempt.")
    String note;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return retry(options, workstreams, note, spec);
    }

    /** Runs {@code workstreams} again with {@code note} (may be null); shared with {@code pwt steer}. */
    static int retry(RunOptions options, List<String> workstreams, String note, CommandSpec spec) {
        Plan plan = options.planOptions.plan();
        RunLayout layout = options.planOptions.layout(plan);
        PlanOptions.workstreams(plan, workstreams);
        if (RunLock.isHeld(layout)) {
            throw new RunException("a pwt run is working on feature '" + plan.feature() + "': retry once it has"
                    + " ended, or stop it first ('pwt stop " + options.planOptions.planFile + "'); a running"
                    + " worker can be told something now with 'pwt steer'");
        }
        if (note != null && !note.isBlank()) {
            workstreams.forEach(ws -> OperatorNotes.leaveForNextAttempt(layout, ws, note));
        }
        return Summaries.print(options.runner(spec.commandLine().getOut()).retry(List.copyOf(workstreams)),
                spec.commandLine().getOut());
    }
}
