package io.github.parallelworktrees.cli;

import io.github.parallelworktrees.engine.git.Git;
import io.github.parallelworktrees.engine.ledger.RunLayout;
import io.github.parallelworktrees.engine.ledger.RunLock;
import io.github.parallelworktrees.engine.ledger.RunState;
import io.github.parallelworktrees.engine.ledger.RunView;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.plan.Suggestions;
import io.github.parallelworktrees.engine.plan.Workstream;
import io.github.parallelworktrees.engine.run.RunException;
import io.github.parallelworktrees.engine.sync.WorktreeSync;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pwt sync PLAN [WS...]}: merges the base (or the integration branch) into unfinished worktrees. */
@Command(name = "sync", mixinStandardHelpOptions = true,
        description = {"Bring the newest base branch (or, with --from integration, the integration branch) into"
                + " the worktrees of unfinished workstreams by merge, where it merges cleanly. A conflict is"
                + " found off-tree first (git merge-tree) and reported with its files: that worktree is not"
                + " touched. Left alone, with the reason: running workers (stop them first), worktrees with"
                + " uncommitted changes, done workstreams (unless --include-done). Never rebases: a worker's"
                + " commits stay as they are, with a merge commit on top."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:every worktree asked about is merged, up to date or left alone (with the reason)",
                "1:at least one would conflict (named with its files; nothing was changed there)",
                "3:bad input: no run, an unknown workstream, an unknown --from"})
final class SyncCommand implements Callable<Integer> {

    @Mixin
    PlanOptions planOptions;

    @Parameters(index = "1..*", paramLabel = "WS", description = "Workstreams to sync (default: all of them).")
    List<String> workstreams = new ArrayList<>();

    @Option(names = "--from", paramLabel = "base|integration", defaultValue = "base",
            description = "What to merge in: the run's base branch as it is now (default), or the integration"
                    + " branch.")
    String from;

    @Option(names = "--include-done", description = "Also merge into done workstreams' branches (not while a run"
            + " is working on the feature).")
    boolean includeDone;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Plan plan = planOptions.plan();
        RunLayout layout = planOptions.layout(plan);
        List<String> names = plan.workstreams().stream().map(Workstream::name).toList();
        PlanOptions.workstreams(plan, workstreams);
        RunView view = RunState.load(layout).map(RunState::view).orElseThrow(() -> planOptions.noRun(plan, layout));
        if (includeDone && RunLock.isHeld(layout)) {
            throw new RunException("--include-done while a pwt run is working on feature '" + plan.feature()
                    + "': the run may be merging those branches itself; sync them once it has ended");
        }
        Git git = layout.git();
        String sourceName;
        if (from.equals("base")) {
            sourceName = view.info().base();
        } else if (from.equals("integration")) {
            sourceName = view.info().integration();
        } else {
            throw new RunException("--from '" + from + "' is not one of base, integration"
                    + Suggestions.didYouMean(from, List.of("base", "integration")));
        }
        Optional<String> source = git.resolveCommit(sourceName);
        if (source.isEmpty()) {
            throw new RunException("'" + sourceName + "' (the run's " + from + ") does not resolve to a commit"
                    + (from.equals("integration") ? "; nothing has been merged yet: sync from base" : ""));
        }
        List<String> targets = workstreams.isEmpty() ? names : workstreams;
        List<WorktreeSync.Outcome> outcomes = new WorktreeSync(layout).sync(view, targets, source.get(), sourceName,
                includeDone);
        PrintWriter out = spec.commandLine().getOut();
        boolean conflict = false;
        for (WorktreeSync.Outcome o : outcomes) {
            out.printf("%-16s %-14s %s%n", o.workstream(), o.kind().name().toLowerCase(java.util.Locale.ROOT)
                    .replace('_', ' '), o.detail());
            if (!o.conflicts().isEmpty()) {
                out.println("    conflicts in: " + String.join(", ", o.conflicts()));
            }
            conflict |= o.kind() == WorktreeSync.Kind.WOULD_CONFLICT;
        }
        if (conflict) {
            out.println("A worktree that would conflict is as it was: merge " + sourceName + " there by hand and"
                    + " resolve, or leave it to the integration (the conflict radar in 'pwt status' tracks it).");
        }
        out.flush();
        return conflict ? ExitCodes.FAILED : ExitCodes.OK;
    }
}
