package io.github.parallelworktrees.cli;

import io.github.parallelworktrees.engine.control.OperatorNotes;
import io.github.parallelworktrees.engine.ledger.RunLayout;
import io.github.parallelworktrees.engine.ledger.RunLock;
import io.github.parallelworktrees.engine.ledger.RunState;
import io.github.parallelworktrees.engine.ledger.RunView;
import io.github.parallelworktrees.engine.ledger.WorkerRecord;
import io.github.parallelworktrees.engine.ledger.WorkerStatus;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.run.RunException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pwt steer PLAN WS TEXT}: a note the worker receives, running or not. */
@Command(name = "steer", exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:the note was written (and, for an ended worker, the retry it started ended well)",
                "1:the retry of an ended worker did not finish or land",
                "3:bad input: no run, an unknown workstream"},
        mixinStandardHelpOptions = true,
        description = {"Tell a worker something mid-run. The note is written into COORDINATION.md and the"
                + " worktree's TASKS.md, the files its worker is told to read. A worker that has ended (done,"
                + " failed, left out, stopped) while no run is working on the feature is run again with the note:"
                + " 'pwt retry PLAN WS --note TEXT' (a Claude worker resumes its session with it)."})
final class SteerCommand implements Callable<Integer> {

    @Mixin
    RunOptions options;

    @Parameters(index = "1", paramLabel = "WS", description = "The workstream to tell.")
    String workstream;

    @Parameters(index = "2", paramLabel = "TEXT", description = "The note.")
    String text;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Plan plan = options.planOptions.plan();
        RunLayout layout = options.planOptions.layout(plan);
        PlanOptions.workstreams(plan, List.of(workstream));
        if (text.isBlank()) {
            throw new RunException("the note is empty: say what the worker should know");
        }
        RunView view = RunState.load(layout).map(RunState::view).orElseThrow(() -> options.planOptions.noRun(plan,
                layout));
        WorkerRecord record = view.workers().get(workstream);
        boolean alive = RunLock.isHeld(layout);
        PrintWriter out = spec.commandLine().getOut();
        OperatorNotes.tell(layout, workstream, text);
        out.println("Wrote the note into " + layout.coordinationFile() + (java.nio.file.Files.isDirectory(
                layout.worktree(workstream)) ? " and " + layout.worktree(workstream).resolve("TASKS.md") : "") + ".");
        if (alive || record == null || !record.status().isFinal()) {
            String where = record == null ? "not started" : record.status().id();
            out.println(workstream + " is " + where + (alive ? " in a live run" : "") + ": its worker reads the note"
                    + " there" + (record != null && record.status() == WorkerStatus.PENDING
                    ? " when it starts" : "") + ".");
            if (alive && record != null && record.status().isFinal()) {
                out.println("It has ended; once the run has ended, 'pwt retry " + options.planOptions.planFile + " "
                        + workstream + " --note ...' runs it again with a note.");
            }
            out.flush();
            return ExitCodes.OK;
        }
        out.println(workstream + " has ended (" + record.status().id() + "): running it again with the note.");
        out.flush();
        return RetryCommand.retry(options, new java.util.ArrayList<>(List.of(workstream)), text, spec);
    }
}
