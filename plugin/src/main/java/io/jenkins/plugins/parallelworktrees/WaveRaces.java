package io.jenkins.plugins.parallelworktrees;

import io.github.parallelworktrees.engine.brief.TasksFile;
import io.github.parallelworktrees.engine.claude.Rehearsals;
import io.github.parallelworktrees.engine.ledger.RaceResult;
import io.github.parallelworktrees.engine.ledger.RunLayout;
import io.github.parallelworktrees.engine.ledger.RunListener;
import io.github.parallelworktrees.engine.ledger.RunState;
import io.github.parallelworktrees.engine.ledger.Usage;
import io.github.parallelworktrees.engine.ledger.WorkerRecord;
import io.github.parallelworktrees.engine.ledger.WorkerStatus;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.plan.RaceSpec;
import io.github.parallelworktrees.engine.plan.Workstream;
import io.github.parallelworktrees.engine.process.Environment;
import io.github.parallelworktrees.engine.race.RacerGate;
import io.github.parallelworktrees.engine.run.PlanRunner;
import io.jenkins.plugins.parallelworktrees.report.RaceRow;
import io.jenkins.plugins.parallelworktrees.report.ResultsPage;
import io.jenkins.plugins.parallelworktrees.report.WorkstreamRow;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The races of a wave whose racers ran in parallelWorktrees bodies (a body per racer, each on its own agent), judged
 * by mergeWave where every racer's branch meets, before it merges the wave. The judging is the engine's
 * ({@link PlanRunner#judgeRace}, which calls RaceJudge): each finished racer gated with the wave's gate from the
 * plan on its branch merged onto the integration branch, the winner's tip made the workstream's branch, the
 * losers' branches kept. Then the workstream merges like any finished one; a race without a winner leaves it out.
 *
 * <p>A raced workstream is judged here only when this build recorded rows for its racers (their claudeWorker
 * steps); one whose race the engine ran itself (parallelWorktrees without a body) has its branch already.
 */
final class WaveRaces {

    private WaveRaces() {
    }

    /**
     * What the judging left.
     *
     * @param races each judged race, in the wave's order
     * @param rows the build's rows to replace: each raced workstream's (done with the winner's commits, or failed),
     *     and each racer's, with its verdict
     * @param noWinner the raced workstreams whose race has no winner, with why: not merged
     * @param artifacts what to archive (archive path to the file's path relative to the repository): each winner's
     *     RESULTS.md and branch bundle as its workstream's, each racer's gate verdict
     */
    record Judged(List<RaceRow> races, List<WorkstreamRow> rows, Map<String, String> noWinner,
            Map<String, String> artifacts) {

        static final Judged NONE = new Judged(List.of(), List.of(), Map.of(), Map.of());
    }

    /** The racers of {@code ws} this build recorded rows for, by racer number. */
    static Map<Integer, WorkstreamRow> racersOf(Plan plan, String ws, Map<String, WorkstreamRow> recorded) {
        Map<Integer, WorkstreamRow> racers = new LinkedHashMap<>();
        plan.workstream(ws).flatMap(Workstream::race).ifPresent(race -> race.racers().forEach(r -> {
            WorkstreamRow row = recorded.get(RaceSpec.racerName(ws, r.number()));
            if (row != null) {
                racers.put(r.number(), row);
            }
        }));
        return racers;
    }

    /**
     * The racers' branches to bring into the merge's repository: each racer's bundle (its archive path) to its
     * branch, for the raced workstreams among {@code members} whose racers ran in this build.
     */
    static Map<String, String> branches(Plan plan, List<String> members, Map<String, WorkstreamRow> recorded) {
        Map<String, String> branches = new LinkedHashMap<>();
        for (String ws : members) {
            racersOf(plan, ws, recorded).forEach((n, row) -> branches.put(
                    ResultsPage.artifact(row.getWorkstream(), WorkersReport.BUNDLE), row.getBranch()));
        }
        return branches;
    }

    /**
     * Judges the race of each raced workstream among {@code members} whose racers this build recorded, in the
     * repository where the racers' branches were brought.
     *
     * @param bundles where the build's artifacts were copied ({@code copied}, relative to it): the racers'
     *     RESULTS.md are taken from there, so that the winner's becomes its workstream's
     * @param gate the racers' gate when mergeWave has a body; empty: the plan's wave gate
     */
    static Judged judge(Plan plan, Path repository, Environment env, List<String> members,
            Map<String, WorkstreamRow> recorded, Path bundles, List<String> copied, RunListener log,
            Rehearsals rehearsals, Optional<RacerGate> gate) throws IOException, InterruptedException {
        RunLayout layout = new RunLayout(repository, plan.feature(), env);
        List<RaceRow> races = new ArrayList<>();
        List<WorkstreamRow> rows = new ArrayList<>();
        Map<String, String> noWinner = new LinkedHashMap<>();
        Map<String, String> artifacts = new LinkedHashMap<>();
        for (String ws : members) {
            Map<Integer, WorkstreamRow> racers = racersOf(plan, ws, recorded);
            if (racers.isEmpty()) {
                continue;
            }
            Map<Integer, WorkerRecord> records = new LinkedHashMap<>();
            for (Map.Entry<Integer, WorkstreamRow> racer : racers.entrySet()) {
                records.put(racer.getKey(), record(racer.getValue()));
                takeResults(layout, racer.getValue().getWorkstream(), bundles, copied);
            }
            log.info(ws + ": judging its race of " + racers.size() + " racers here, where their branches are");
            RaceResult result = new PlanRunner(plan, repository, env, Optional.empty(), log, rehearsals)
                    .judgeRace(ws, records, gate);
            races.add(RaceRow.of(result));
            for (RaceResult.Standing s : result.racers()) {
                WorkstreamRow row = racers.get(s.racer());
                if (row != null) {
                    rows.add(row.gated(s.verdict(), s.verdictReason()));
                }
                keep(layout, artifacts, layout.resultsDir(RaceSpec.racerName(ws, s.racer())).resolve("race-gate")
                        .resolve("gate.json"), ResultsPage.artifact(RaceSpec.racerName(ws, s.racer()), "gate.json"));
                // a reviewed race: each racer's REVIEW.md, reviewed here, for its page
                keep(layout, artifacts, layout.resultsDir(RaceSpec.racerName(ws, s.racer())).resolve("REVIEW.md"),
                        ResultsPage.artifact(RaceSpec.racerName(ws, s.racer()), "REVIEW.md"));
            }
            boolean results = keep(layout, artifacts, layout.resultsDir(ws).resolve(TasksFile.RESULTS),
                    ResultsPage.artifact(ws, TasksFile.RESULTS));
            // the winner's review is its workstream's (the engine copied it there)
            keep(layout, artifacts, layout.resultsDir(ws).resolve("REVIEW.md"), ResultsPage.artifact(ws, "REVIEW.md"));
            WorkerRecord end = RunState.load(layout).orElseThrow().worker(ws);
            rows.add(WorkstreamRow.of(end, Optional.empty(), results));
            if (result.winner() == null) {
                noWinner.put(ws, "its race has no winner: " + result.why());
                continue;
            }
            // carried to the workers of later waves that depend on it, as a claudeWorker's branch is
            Path bundle = layout.resultsDir(ws).resolve(WorkersReport.BUNDLE);
            if (BranchBundles.create(layout.git(), plan.branchOf(plan.workstream(ws).orElseThrow()), bundle)) {
                keep(layout, artifacts, bundle, ResultsPage.artifact(ws, WorkersReport.BUNDLE));
            }
        }
        return races.isEmpty() ? Judged.NONE : new Judged(races, rows, noWinner, artifacts);
    }

    /**
     * A racer's record as its claudeWorker's row has it, for the judge: how its worker ended and why, and what it
     * cost (the score's {@code cost} term); its session and tokens stay in its own workspace's run.
     */
    static WorkerRecord record(WorkstreamRow row) {
        WorkerRecord pending = WorkerRecord.pending(row.getWorkstream(), row.getBranch(), row.getWave());
        WorkerStatus status = WorkerStatus.fromId(row.getStatus());
        if (!status.isFinal()) {
            return pending.withStatus(status, row.getReason());
        }
        return pending.finished(status, null, row.getReason(), Instant.now(), row.isResultsArchived(),
                new Usage(row.getCostUsd(), row.getTurns(), 0, 0, List.of()));
    }

    /** The racer's archived RESULTS.md into its results folder here, unless it ran here and left its own. */
    private static void takeResults(RunLayout layout, String racer, Path bundles, List<String> copied)
            throws IOException {
        String artifact = ResultsPage.artifact(racer, TasksFile.RESULTS);
        Path dir = layout.resultsDir(racer);
        Path to = dir.resolve(TasksFile.RESULTS);
        if (copied.contains(artifact) && !Files.exists(to)) {
            Files.createDirectories(dir);
            Files.copy(bundles.resolve(artifact), to);
        }
    }

    private static boolean keep(RunLayout layout, Map<String, String> artifacts, Path file, String artifact) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        artifacts.put(artifact, layout.repository().toAbsolutePath().normalize()
                .relativize(file.toAbsolutePath().normalize()).toString().replace(File.separatorChar, '/'));
        return true;
    }
}
