package io.github.parallelworktrees.cli;

import io.github.parallelworktrees.engine.cleanup.Cleanup;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pwt cleanup PLAN}: remove worktrees whose work is safe elsewhere. */
@Command(name = "cleanup", mixinStandardHelpOptions = true,
        description = {"Remove the plan's worktrees whose branch is merged into the integration branch or"
                + " archived. A worktree with uncommitted changes or unmerged commits is kept, with the reason,"
                + " unless --archive. Branches are never deleted."})
final class CleanupCommand implements Callable<Integer> {

    @Mixin
    PlanOptions planOptions;

    @Option(names = "--archive", description = "Commit uncommitted changes and write a git bundle of each unmerged"
            + " branch under .worktrees/<feature>/archive/ first, then remove its worktree.")
    boolean archive;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<Cleanup.Outcome> outcomes = new Cleanup(planOptions.plan(), planOptions.repository()).run(archive);
        PrintWriter out = spec.commandLine().getOut();
        boolean kept = false;
        for (Cleanup.Outcome o : outcomes) {
            String action = switch (o.action()) {
                case REMOVED -> "removed";
                case ARCHIVED_AND_REMOVED -> "archived";
                case KEPT -> "KEPT";
                case ABSENT -> "absent";
            };
            kept |= o.action() == Cleanup.Action.KEPT;
            out.printf("%-16s %-9s %s%n", o.workstream(), action, o.reason());
        }
        if (kept) {
            out.println("Some worktrees were kept so that no work is lost; see the reasons above.");
        }
        out.flush();
        return kept ? ExitCodes.FAILED : ExitCodes.OK;
    }
}
