package io.jenkins.plugins.parallelworktrees;

import hudson.AbortException;
import io.github.parallelworktrees.engine.git.Git;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.plan.Workstream;
import io.github.parallelworktrees.engine.run.RunListener;
import io.jenkins.plugins.parallelworktrees.report.ParallelWorktreesAction;
import io.jenkins.plugins.parallelworktrees.report.ResultsPage;
import io.jenkins.plugins.parallelworktrees.report.WaveRow;
import io.jenkins.plugins.parallelworktrees.report.WorkstreamRow;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The branches a claudeWorker builds on, brought into its checkout from the build's bundles: its dependencies'
 * branches (archived by their claudeWorker steps, made on other agents) and the integration branch as the build's
 * mergeWave steps left it. With them the engine starts a dependent from the integration branch once that holds
 * its dependencies, as {@code pwt run} does, instead of from the base.
 */
final class CarriedBranches {

    private CarriedBranches() {
    }

    /** Where a wave's integration branch is archived (the commits it has beyond the checkout, as a bundle). */
    static String integrationArtifact(int wave) {
        return "waves/" + wave + "/integration.bundle";
    }

    /**
     * The build's bundles that may matter to {@code workstream}: every other finished workstream's branch and
     * every moved wave's integration branch, waves in order. Which of them it depends on is known only from the
     * plan, read next to the workspace, so the choice is {@link #bring}'s.
     */
    static List<String> artifacts(ParallelWorktreesAction action, String workstream) {
        List<String> artifacts = new ArrayList<>();
        for (WorkstreamRow row : action.getWorkstreams()) {
            if (row.isDone() && !row.getWorkstream().equals(workstream)) {
                artifacts.add(ResultsPage.artifact(row.getWorkstream(), WorkersReport.BUNDLE));
            }
        }
        action.getWaves().stream().filter(WaveRow::isMoved).sorted(Comparator.comparingInt(WaveRow::getWave))
                .forEach(w -> artifacts.add(integrationArtifact(w.getWave())));
        return artifacts;
    }

    /**
     * Fetches {@code ws}'s dependencies' branches and the integration branch from the copied bundles into
     * {@code repository}. A branch only moves forward: one that holds other commits here is kept as it is, and
     * said so, since it is someone's work.
     *
     * @param dir where the bundles were copied to
     * @param copied the archive paths of the bundles that were copied (relative to {@code dir})
     */
    static void bring(Path repository, Plan plan, Workstream ws, Path dir, List<String> copied, RunListener log)
            throws IOException {
        Git git = Git.in(repository);
        for (String dep : ws.dependsOn()) {
            String bundle = ResultsPage.artifact(dep, WorkersReport.BUNDLE);
            if (copied.contains(bundle)) {
                fetch(repository, dir, bundle, plan.branchOf(plan.workstream(dep).orElseThrow()), log);
            }
        }
        // the waves in order (as artifacts() lists them), each bundle moving the branch further
        for (String bundle : copied) {
            if (bundle.startsWith("waves/")) {
                fetch(repository, dir, bundle, plan.integration(), log);
            }
        }
        if (!ws.dependsOn().isEmpty() && !git.branchExists(plan.integration())) {
            log.info(ws.name() + ": this build has merged no wave into " + plan.integration() + " yet");
        }
    }

    private static void fetch(Path repository, Path dir, String bundle, String branch, RunListener log)
            throws IOException {
        try {
            BranchBundles.fetch(repository, dir.resolve(bundle), branch);
            log.info(branch + " from the build's " + bundle);
        } catch (AbortException e) {
            log.warning("kept " + branch + " as it is here: " + e.getMessage());
        }
    }
}
