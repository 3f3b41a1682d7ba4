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
@Command(name = "cleanup", exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:everything that could go went",
                "1:a worktree was kept (unmerged work, a live worker, uncommitted changes): the output says why",
                "3:bad input: no run, a plan that does not parse"},
        mixinStandardHelpOptions = true,
        description = {"Remove the plan's worktrees whose branch is merged into the integration branch or"
                + " archived. A worktree is kept, with the reason, while its worker (or any process) still runs in it,"
                + " when git refuses to remove it (a locked worktree), and, unless --archive, when it holds"
                + " uncommitted changes, unmerged commits, git-ignored files, a nested git repository, changed"
                + " skip-worktree or assume-unchanged files, or a .env you edited. Branches are never deleted."
                + " Git lock files a killed run left behind are removed first, each named.",
                "Every worktree is listed with what happened and why; the exit code is 1 when any was kept."})
final class CleanupCommand implements Callable<Integer> {

    @Mixin
    PlanOptions planOptions;

    @Option(names = "--archive", description = "Commit uncommitted changes and write a git bundle of each unmerged"
            + " branch under .worktrees/<feature>/archive/, copy what no commit keeps (ignored files, nested"
            + " repositories whole, hidden changes, an edited .env) into .worktrees/<feature>/archive/<workstream>/,"
            + " then remove its worktree.")
    boolean archive;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Cleanup.Outcome> outcomes = new Cleanup(planOptions.plan(), planOptions.repository(),
                planOptions.environment())
                .run(archive, out::println);
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
