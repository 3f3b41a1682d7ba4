package io.jenkins.plugins.parallelworktrees;

import hudson.AbortException;
import io.github.parallelworktrees.engine.git.Git;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.plan.Workstream;
import io.github.parallelworktrees.engine.ledger.RunListener;
import io.jenkins.plugins.parallelworktrees.report.ParallelWorktreesAction;
import io.jenkins.plugins.parallelworktrees.report.ResultsPage;
import io.jenkins.plugins.parallelworktrees.report.WaveRow;
import io.jenkins.plugins.parallelworktrees.report.WorkstreamRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The branches a claudeWorker builds on, brought into its checkout from the build's bundles: its dependencies'
 * branches (archived by their claudeWorker steps, made on other agents) and the integration branch as the build's
 * mergeWave steps left it; a branch that was pushed instead comes from origin's remote-tracking branch. With them
 * the engine starts a dependent from the integration branch once that holds its dependencies, as {@code pwt run}
 * does, instead of from the base.
 */
final class CarriedBranches {

    private CarriedBranches() {
    }

    /** Where a wave's integration branch is archived (the commits it has beyond the checkout, as a bundle). */
    static String integrationArtifact(int wave) {
        return "waves/" + wave + "/integration.bundle";
    }

    /**
     * The build's bundles that may matter to {@code workstream}: every other finished workstream's branch (not a
     * racer's) and
     * every moved wave's integration branch, waves in order. Which of them it depends on is known only from the
     * plan, read next to the workspace, so the choice is {@link #bring}'s.
     */
    static List<String> artifacts(ParallelWorktreesAction action, String workstream) {
        List<String> artifacts = new ArrayList<>();
        for (WorkstreamRow row : action.getWorkstreams()) {
            // a racer's branch is no dependency of anyone's: its race's winner is carried as its workstream's
            if (row.isDone() && !row.isRacer() && !row.getWorkstream().equals(workstream)) {
                artifacts.add(ResultsPage.artifact(row.getWorkstream(), WorkersReport.BUNDLE));
            }
        }
        action.getWaves().stream().filter(WaveRow::isMoved).sorted(Comparator.comparingInt(WaveRow::getWave))
                .forEach(w -> artifacts.add(integrationArtifact(w.getWave())));
        return artifacts;
    }

    /**
     * Fetches {@code ws}'s dependencies' branches and the integration branch from the copied bundles into
     * the repository {@code git} runs in. A branch only moves forward: one that holds other commits here is kept as it is, and
     * said so, since it is someone's work.
     *
     * @param dir where the bundles were copied to
     * @param copied the archive paths of the bundles that were copied (relative to {@code dir})
     */
    static void bring(Git git, Plan plan, Workstream ws, Path dir, List<String> copied, RunListener log)
            throws IOException {
        for (String dep : ws.dependsOn()) {
            String bundle = ResultsPage.artifact(dep, WorkersReport.BUNDLE);
            String branch = plan.branchOf(plan.workstream(dep).orElseThrow());
            if (copied.contains(bundle)) {
                fetch(git, dir, bundle, branch, log);
            } else {
                fromOrigin(git, branch, log);
            }
        }
        // the waves in order (as artifacts() lists them), each bundle moving the branch further
        boolean bundled = false;
        for (String bundle : copied) {
            if (bundle.startsWith("waves/")) {
                fetch(git, dir, bundle, plan.integration(), log);
                bundled = true;
            }
        }
        if (!bundled) {
            fromOrigin(git, plan.integration(), log);
        }
        if (!ws.dependsOn().isEmpty() && !git.branchExists(plan.integration())) {
            log.info(ws.name() + ": this build has merged no wave into " + plan.integration() + " yet");
        }
    }

    /**
     * A branch pushed (claudeWorker or mergeWave with {@code push: true}) reaches the checkout as origin's
     * remote-tracking branch ({@code checkout scm} fetches every branch); a local branch is made from it only when
     * there is none here, so nothing local is moved.
     */
    private static void fromOrigin(Git git, String branch, RunListener log) {
        String remote = "refs/remotes/origin/" + branch;
        if (!git.branchExists(branch) && git.resolveCommit(remote).isPresent()
                && git.tryRun("branch", "--no-track", branch, remote).succeeded()) {
            log.info(branch + " from origin");
        }
    }

    /** Removes the copies of the bundles once they are fetched (best effort: they are in the workspace's @tmp). */
    static void forget(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // left for the workspace's cleanup; the next execution uses a directory of its own
        }
    }

    private static void fetch(Git repository, Path dir, String bundle, String branch, RunListener log)
            throws IOException {
        try {
            BranchBundles.fetch(repository, dir.resolve(bundle), branch);
            log.info(branch + " from the build's " + bundle);
        } catch (AbortException e) {
            log.warning("kept " + branch + " as it is here: " + e.getMessage());
        }
    }
}
