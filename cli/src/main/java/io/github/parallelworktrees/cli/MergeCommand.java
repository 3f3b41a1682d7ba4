package io.github.parallelworktrees.cli;

import io.github.parallelworktrees.engine.merge.MergeException;
import io.github.parallelworktrees.engine.merge.WaveMerger;
import io.github.parallelworktrees.engine.ledger.WaveResult;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.report.RunReport;
import io.github.parallelworktrees.engine.ledger.RunLayout;
import io.github.parallelworktrees.engine.ledger.RunLock;
import io.github.parallelworktrees.engine.ledger.RunState;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pwt merge PLAN --wave N}: gated merge of a wave into the integration branch. */
@Command(name = "merge", exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:every branch of the wave landed (or the rollback was done)",
                "1:a branch was left out (a culprit of the gate, a conflict): the output says which and why",
                "3:bad input or refused (a wave the plan does not have, the integration branch checked out elsewhere)"},
        mixinStandardHelpOptions = true,
        description = {"Merge a wave's branches into the integration branch (created from base when missing), in"
                + " dependency order, as --no-ff merge commits computed off-tree; the plan's merge policies resolve"
                + " conflicts. The wave's gate runs on the merged tree in .worktrees/<feature>/integration; when it"
                + " fails the culprits are found by bisection and, if the wave is partial, the rest lands. The"
                + " integration branch only ever moves to a commit whose gate passed. Every merge is recorded in"
                + " .worktrees/<feature>/ledger.jsonl; --rollback moves the integration branch back to where it was"
                + " before the wave's latest landing that still stands, and refuses (naming them) when later"
                + " landings stand on it, unless --undo-later."})
final class MergeCommand implements Callable<Integer> {

    @Mixin
    PlanOptions planOptions;

    @Option(names = "--wave", paramLabel = "N", required = true, description = "The wave to merge.")
    int wave;

    @Option(names = "--branches", paramLabel = "WS", split = ",", description = "Only these workstreams"
            + " (comma-separated), instead of the wave's.")
    List<String> branches;

    @Option(names = "--rollback", description = "Move the integration branch back to where it was before the"
            + " wave's latest landing. The workstream branches keep their commits.")
    boolean rollback;

    @Option(names = "--undo-later", description = "With --rollback: also undo what landed after that wave (later"
            + " waves, commits made by hand), which --rollback alone refuses to do and names.")
    boolean undoLater;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Plan plan = planOptions.plan();
        RunLayout layout = planOptions.layout(plan);
        PrintWriter out = spec.commandLine().getOut();
        try (RunLock lock = RunLock.acquire(layout)) {
            WaveMerger merger = new WaveMerger(plan, layout, new Console(out),
                    RunState.load(layout));
            if (undoLater && !rollback) {
                throw new io.github.parallelworktrees.engine.run.RunException("--undo-later goes with --rollback;"
                        + " to merge the wave, leave it out");
            }
            if (rollback) {
                merger.rollback(wave, undoLater);
                // the report is a view of the run: it says what git says now
                RunReport.write(layout);
                return ExitCodes.OK;
            }
            WaveResult result = merger.merge(wave, Optional.ofNullable(branches), merger.planGate(wave));
            RunReport.write(layout);
            out.println();
            out.printf("Wave %d into %s: %s -> %s, %d gate run(s) in %d round(s)%n", result.wave(),
                    result.integration(), result.before().substring(0, 12), result.after().substring(0, 12),
                    result.gateRuns().size(), result.rounds());
            out.println("  landed:         " + (result.landed().isEmpty() ? "-" : String.join(", ", result.landed())));
            if (!result.alreadyMerged().isEmpty()) {
                out.println("  already merged: " + String.join(", ", result.alreadyMerged()));
            }
            for (WaveResult.LeftOut left : result.leftOut()) {
                out.println("  LEFT OUT:       " + left.workstream() + ": " + left.reason());
            }
            if (result.landedSomething()) {
                // the hint names exactly what following it would undo
                out.println("  to undo:        pwt merge " + planOptions.planFile + " --wave " + wave + " --rollback"
                        + "   (moves " + result.integration() + " back to " + result.before().substring(0, 12)
                        + ", taking " + String.join(", ", result.landed()) + " off it)");
            }
            out.flush();
            return result.leftOut().isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
        } catch (MergeException e) {
            throw new io.github.parallelworktrees.engine.run.RunException(e.getMessage());
        }
    }
}
