package io.jenkins.plugins.parallelworktrees;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.AbortException;
import hudson.remoting.VirtualChannel;
import io.github.parallelworktrees.engine.git.Git;
import io.github.parallelworktrees.engine.ledger.RunLayout;
import io.github.parallelworktrees.engine.ledger.RunState;
import io.github.parallelworktrees.engine.ledger.WaveResult;
import io.github.parallelworktrees.engine.merge.WaveGate;
import io.github.parallelworktrees.engine.merge.WaveMerger;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.plan.PlanParser;
import io.github.parallelworktrees.engine.plan.Wave;
import io.github.parallelworktrees.engine.process.Environment;
import io.github.parallelworktrees.engine.race.RacerGate;
import io.jenkins.plugins.parallelworktrees.report.GateRunRow;
import io.jenkins.plugins.parallelworktrees.report.ResultsPage;
import io.jenkins.plugins.parallelworktrees.report.WaveRow;
import io.jenkins.plugins.parallelworktrees.report.WorkstreamRow;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jenkins.MasterToSlaveFileCallable;

/**
 * mergeWave's work on the agent that holds the workspace: the wave's branches (and its racers') brought from the
 * build's bundles, the races whose racers ran in bodies judged ({@link WaveRaces}), then the engine's WaveMerger with
 * the step's body (or the plan's wave gate) as the gate; what it did reported back for the controller to record.
 */
final class WaveMerge extends MasterToSlaveFileCallable<WaveMerge.Report> {

    /**
     * What the merge did, as it comes back from the agent.
     *
     * @param workstreams the rows the races judged before the merge changed (see {@link WaveRaces.Judged#rows})
     */
    record Report(WaveRow row, LinkedHashMap<String, String> artifacts, String base,
            ArrayList<WorkstreamRow> workstreams) implements Serializable {
    }

    private static final long serialVersionUID = 1L;

    private final String plan;
    private final String workspace;
    private final PipelineEnvironment environment;
    private final int wave;
    private final ArrayList<String> branches;
    private final LinkedHashMap<String, String> unfinished;
    private final boolean push;
    private final String bundles;
    private final ArrayList<String> copied;
    private final WorkerDefaults defaults;
    // Not a BodyGate but the proxy VirtualChannel.export returned for it, which serializes as a reference to the
    // controller's object (remoting fa5f12a8 Channel.java:838, RemoteInvocationHandler.java:64 implements
    // Serializable, :180 the proxy); the genuine build's SpotBugs cannot see that through the interface either.
    @SuppressFBWarnings(value = "SE_BAD_FIELD", justification = "an exported remoting proxy, serializable")
    private final MergeWaveStep.CandidateJudge judge;
    private final String apiKey;
    private final BuildLog log;
    /** The build's rows, by name: the racers' rows among them are the races to judge before the merge. */
    private LinkedHashMap<String, WorkstreamRow> recorded = new LinkedHashMap<>();

    /**
     * @param environment the Pipeline's, for git and a conflict resolver's or gate's processes
     * @param unfinished workstreams this build's workers did not finish, with why: not merged by default
     * @param bundles where the build's archived bundles were copied ({@code copied}, relative to it)
     * @param judge the body, or null for the plan's wave gate
     * @param apiKey the key for a Claude conflict resolver's CLI, or null for the agent's own environment
     */
    WaveMerge(String plan, String workspace, PipelineEnvironment environment, int wave, List<String> branches,
            Map<String, String> unfinished, boolean push, String bundles, List<String> copied,
            WorkerDefaults defaults, MergeWaveStep.CandidateJudge judge, String apiKey, BuildLog log) {
        this.plan = plan;
        this.workspace = workspace;
        this.environment = environment;
        this.wave = wave;
        this.branches = branches == null ? null : new ArrayList<>(branches);
        this.unfinished = new LinkedHashMap<>(unfinished);
        this.push = push;
        this.bundles = bundles;
        this.copied = new ArrayList<>(copied);
        this.defaults = defaults;
        this.judge = judge;
        this.apiKey = apiKey;
        this.log = log;
    }

    /** The same merge, knowing the build's rows (the races of the wave whose racers ran in bodies). */
    WaveMerge withRows(List<WorkstreamRow> rows) {
        recorded = new LinkedHashMap<>();
        rows.forEach(r -> recorded.put(r.getWorkstream(), r));
        return this;
    }

    @Override
    public Report invoke(File f, VirtualChannel channel) throws IOException, InterruptedException {
        return EngineCalls.call(log, () -> {
            Environment env = environment.onThisAgent();
            WorkspacePaths.PlanFile planFile = WorkspacePaths.planFile(f, workspace, plan, env);
            Path repository = planFile.repository();
            Plan parsed = EffectivePlan.withDefaults(PlanParser.read(planFile.path()), repository, defaults);
            Wave w = parsed.waves().stream().filter(x -> x.number() == wave).findFirst().orElseThrow(() ->
                    new AbortException("the plan has no wave " + wave + "; its waves are "
                            + parsed.waves().stream().map(Wave::number).toList()));
            RunLayout layout = new RunLayout(repository, parsed.feature(), env);
            List<String> members = branches != null ? branches : w.workstreams();
            Map<String, String> carried = new LinkedHashMap<>();
            for (String name : w.workstreams()) {
                carried.put(ResultsPage.artifact(name, WorkersReport.BUNDLE),
                        parsed.branchOf(parsed.workstream(name).orElseThrow()));
            }
            carried.putAll(WaveRaces.branches(parsed, members, recorded));
            bringBranches(layout.git(), carried);
            // a race whose racers ran in bodies is judged here, where their branches now are, before the merge;
            // one this build already judged without a winner is left out as any unfinished one is
            WaveRaces.Judged judged = WaveRaces.judge(parsed, repository, env, members.stream()
                    .filter(ws -> branches != null || !unfinished.containsKey(ws)).toList(), recorded,
                    Path.of(bundles), copied, log, ApiKeyEndpoints.of(apiKey), racerGate());
            Map<String, String> notMerged = new LinkedHashMap<>();
            List<String> only = new ArrayList<>();
            for (String ws : members) {
                if (branches == null && unfinished.containsKey(ws)) {
                    notMerged.put(ws, unfinished.get(ws));
                } else if (judged.noWinner().containsKey(ws)) {
                    notMerged.put(ws, judged.noWinner().get(ws));
                } else {
                    only.add(ws);
                }
            }
            if (only.isEmpty() && judged.races().isEmpty()) {
                throw new AbortException("wave " + wave + " has nothing to merge: " + notMerged);
            }
            if (only.isEmpty()) {
                // every race was judged and none has a winner: what was judged is still reported
                String at = layout.git().resolveCommit("refs/heads/" + parsed.integration())
                        .orElseGet(() -> layout.git().run("rev-parse", "HEAD").strip());
                WaveResult none = new WaveResult(wave, parsed.integration(), at, at, List.of(), List.of(),
                        List.of(), List.of());
                return new Report(WaveRow.of(none, notMerged, false).withRaces(judged.races()),
                        new LinkedHashMap<>(judged.artifacts()), repository.toString(),
                        new ArrayList<>(judged.rows()));
            }
            WaveMerger merger = new WaveMerger(parsed, layout, log, RunState.load(layout),
                    ApiKeyEndpoints.of(apiKey));
            // the body's qualityGate steps archived their gate.md on the controller: their paths come back with
            // each judgement, kept by gate run for the build's page
            Map<Integer, List<String>> bodyReports = new java.util.concurrent.ConcurrentHashMap<>();
            WaveGate gate = judge == null ? merger.planGate(wave) : (tree, commit, run) -> {
                MergeCandidate.Judgement j = judge.judge(tree.toString(), commit, run);
                bodyReports.put(run, List.copyOf(j.reports()));
                return new WaveGate.Judgement(j.passed(), j.status(), j.summary(), j.couldNotRun());
            };
            TimedGate timed = new TimedGate(gate);
            WaveResult result = merger.merge(wave, Optional.of(only), timed);
            Instant mergedAt = Instant.now();
            boolean moved = !result.after().equals(result.before());
            if (push && moved) {
                log.info("wave " + wave + ": pushing " + result.integration() + " to origin");
                layout.git().run("push", "--quiet", "origin", "refs/heads/" + result.integration()
                        + ":refs/heads/" + result.integration());
            }
            LinkedHashMap<String, String> artifacts = new LinkedHashMap<>(judged.artifacts());
            Path record = layout.root().resolve("merges").resolve("wave-" + wave + ".json");
            if (Files.isRegularFile(record)) {
                artifacts.put("waves/" + wave + "/merge.json", repository.relativize(record).toString());
            }
            Path bundle = layout.root().resolve("merges").resolve("wave-" + wave + ".bundle");
            if (moved && BranchBundles.create(layout.git(), result.integration(), bundle)) {
                artifacts.put(CarriedBranches.integrationArtifact(wave), repository.relativize(bundle).toString());
            }
            // which of its wave's merges in the run this was: WaveMerger recorded it, and named the plan gate's
            // folders merges/wave-N/merge-M/gate-K after it
            int number = (int) Math.max(1, RunState.view(layout).merges().stream()
                    .filter(m -> m.result().wave() == wave).count());
            List<GateRunRow> gates = timed.rows(result, run -> {
                Path md = layout.root().resolve("merges").resolve("wave-" + wave).resolve("merge-" + number)
                        .resolve("gate-" + run).resolve("gate.md");
                if (judge != null) {
                    return bodyReports.getOrDefault(run, List.of());
                }
                if (!Files.isRegularFile(md)) {
                    return List.of();
                }
                String archived = WaveRow.gateReport(wave, number, run);
                artifacts.put(archived, repository.relativize(md).toString());
                return List.of(archived);
            });
            return new Report(WaveRow.of(result, notMerged, push && moved).timed(number, mergedAt, gates)
                    .withRaces(judged.races()), artifacts, repository.toString(), new ArrayList<>(judged.rows()));
        });
    }

    /**
     * With a body, the body gates the racers too (as it gates the merge), in place of the plan's wave gate: a body
     * gate's verdict word, and its summary as the reason when it did not pass.
     */
    private Optional<RacerGate> racerGate() {
        if (judge == null) {
            return Optional.empty();
        }
        return Optional.of((tree, commit, workstream, racer) -> {
            MergeCandidate.Judgement j = judge.judgeRacer(tree.toString(), commit, workstream, racer);
            String verdict = j.couldNotRun() ? "error" : j.status();
            boolean quiet = j.passed() || j.summary() == null || j.summary().isBlank();
            return new RacerGate.Judgement(j.passed(), verdict, quiet ? null : j.summary());
        });
    }

    /**
     * Makes the wave's branches (and its racers') exist here: from the build's bundles (a branch made on another
     * agent), else from origin; a branch that exists here already is used as it is.
     *
     * @param carried each branch's bundle (its archive path) to the branch
     */
    private void bringBranches(Git git, Map<String, String> carried) throws IOException {
        for (Map.Entry<String, String> each : carried.entrySet()) {
            String bundle = each.getKey();
            String branch = each.getValue();
            if (git.branchExists(branch)) {
                continue;
            }
            if (copied.contains(bundle)) {
                BranchBundles.fetch(git, Path.of(bundles).resolve(bundle), branch);
                log.info("wave " + wave + ": " + branch + " from the build's " + bundle);
            } else if (git.tryRun("fetch", "--quiet", "origin", "refs/heads/" + branch + ":refs/heads/" + branch)
                    .succeeded()) {
                log.info("wave " + wave + ": " + branch + " from origin");
            }
        }
    }
}
