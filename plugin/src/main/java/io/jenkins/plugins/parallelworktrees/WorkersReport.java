package io.jenkins.plugins.parallelworktrees;

import io.github.parallelworktrees.engine.ledger.Ledger;
import io.github.parallelworktrees.engine.ledger.RunLayout;
import io.github.parallelworktrees.engine.ledger.RunState;
import io.github.parallelworktrees.engine.ledger.RunView;
import io.github.parallelworktrees.engine.ledger.WaveResult;
import io.github.parallelworktrees.engine.ledger.WorkerRecord;
import io.github.parallelworktrees.engine.ledger.WorkerStatus;
import io.github.parallelworktrees.engine.status.StatusReport;
import io.github.parallelworktrees.engine.report.Timeline;
import io.github.parallelworktrees.engine.status.WorkstreamStatus;
import io.jenkins.plugins.parallelworktrees.report.GateRunRow;
import io.jenkins.plugins.parallelworktrees.report.ParallelWorktreesAction;
import io.jenkins.plugins.parallelworktrees.report.RaceRow;
import io.jenkins.plugins.parallelworktrees.report.ResultsPage;
import io.jenkins.plugins.parallelworktrees.report.WaveRow;
import io.jenkins.plugins.parallelworktrees.report.WorkerSpanRow;
import io.jenkins.plugins.parallelworktrees.report.WorkstreamRow;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What the engine's workers left, as a step brings it back from the agent: a row per workstream (with its worker's
 * attempts, from the run's timeline), each one's outcome, and the files to archive ({@code workers/<ws>/RESULTS.md,
 * worker.log, result.json, gate.json, gate.md, branch.bundle}); for a whole run, also its merges, with their gate
 * runs' times and gate.md ({@code waves/<n>/merge-<m>/gate-<k>/gate.md}).
 */
final class WorkersReport implements Serializable {

    private static final long serialVersionUID = 1L;
    /** The files of results/<ws>/ that are archived, when the worker left them. */
    static final List<String> RESULT_FILES = List.of("RESULTS.md", "worker.log", "result.json", "gate.json",
            "gate.md", "REVIEW.md");
    static final String BUNDLE = "branch.bundle";

    private final ArrayList<WorkstreamRow> rows;
    private final LinkedHashMap<String, String> outcomes;
    private final LinkedHashMap<String, String> artifacts;
    private final String base;
    private final String stoppedBy;
    /** A whole run's merges, in order; empty for one workstream's worker (mergeWave records its own). */
    private final ArrayList<WaveRow> merges;
    /** The plan merges by itself (autoMerge). */
    private final boolean planMerges;
    /** A whole run's races, as the engine judged them; empty otherwise (mergeWave records the body form's). */
    private final ArrayList<RaceRow> races;

    private WorkersReport(List<WorkstreamRow> rows, Map<String, String> outcomes, Map<String, String> artifacts,
            String base, String stoppedBy, List<WaveRow> merges, boolean planMerges) {
        this(rows, outcomes, artifacts, base, stoppedBy, merges, planMerges, List.of());
    }

    private WorkersReport(List<WorkstreamRow> rows, Map<String, String> outcomes, Map<String, String> artifacts,
            String base, String stoppedBy, List<WaveRow> merges, boolean planMerges, List<RaceRow> races) {
        this.rows = new ArrayList<>(rows);
        this.base = base;
        this.outcomes = new LinkedHashMap<>(outcomes);
        this.artifacts = new LinkedHashMap<>(artifacts);
        this.stoppedBy = stoppedBy;
        this.merges = new ArrayList<>(merges);
        this.planMerges = planMerges;
        this.races = new ArrayList<>(races);
    }

    /** The same report of a run that failFast stopped, because of {@code cause}. */
    WorkersReport stoppedBy(String cause) {
        return new WorkersReport(rows, outcomes, artifacts, base, cause, merges, planMerges, races);
    }

    /**
     * A whole run's report (parallelWorktrees without a body): its workstreams' rows with what landed as git says
     * it, and its merges with their gate runs, each gate.md archived under {@code waves/}.
     *
     * @param planMerges the plan merges by itself (autoMerge)
     */
    static WorkersReport collectRun(RunLayout layout, Collection<String> workstreams, boolean planMerges)
            throws IOException {
        // the run's state and its status (git's view, many git processes) read once, for the rows and the merges
        RunState state = stateOf(layout);
        Optional<StatusReport> status = StatusReport.read(layout, 0);
        WorkersReport workers = of(layout, workersOf(state, workstreams), statuses(status), List.of());
        if (status.isEmpty()) {
            return workers;
        }
        Timeline timeline = Timeline.of(Ledger.of(layout).read(), Optional.empty());
        Map<String, String> artifacts = new LinkedHashMap<>(workers.artifacts);
        List<WaveRow> merges = new ArrayList<>();
        Map<Integer, Integer> mergesOfWave = new HashMap<>();
        Map<String, Integer> landedIn = new HashMap<>();
        for (RunView.Merge merge : status.get().merges()) {
            WaveResult result = merge.result();
            int number = mergesOfWave.merge(result.wave(), 1, Integer::sum);
            List<GateRunRow> gates = new ArrayList<>();
            for (WaveResult.GateRun run : result.gateRuns()) {
                Optional<Timeline.GateSpan> span = timeline.gates().stream().filter(g -> g.wave() == result.wave()
                        && g.merge() == number && g.run() == run.number()).findFirst();
                // WaveMerger.planGate's folder for the run's files
                Path report = layout.root().resolve("merges").resolve("wave-" + result.wave())
                        .resolve("merge-" + number).resolve("gate-" + run.number()).resolve("gate.md");
                List<String> reports = new ArrayList<>();
                if (Files.isRegularFile(report)) {
                    String archived = WaveRow.gateReport(result.wave(), number, run.number());
                    artifacts.put(archived, relative(layout.repository(), report));
                    reports.add(archived);
                }
                gates.add(GateRunRow.of(run, span.map(Timeline.GateSpan::from).orElse(null),
                        span.map(Timeline.GateSpan::to).orElse(null), reports));
            }
            Optional<Instant> at = timeline.merges().stream().filter(m -> m.wave() == result.wave()
                    && m.merge() == number).map(Timeline.MergeMark::at).findFirst();
            merges.add(WaveRow.of(result, Map.of(), false).timed(number, at.orElse(null), gates));
            if (merge.undoneBy().isEmpty()) {
                result.landed().forEach(ws -> landedIn.put(ws, result.wave()));
            }
        }
        // the races the engine judged, and a row per racer (its files archived as workers/<ws>-racer-<n>/, its
        // REVIEW.md among them; its branch stays in the workspace's repository, so no bundle), as the body form has
        List<RaceRow> races = new ArrayList<>();
        List<WorkstreamRow> racerRows = new ArrayList<>();
        for (String ws : workstreams) {
            List<WorkerRecord> racers = List.copyOf(state.racers(ws).values());
            if (racers.isEmpty()) {
                continue;
            }
            WorkersReport of = of(layout, racers, Map.of(), racers.stream().map(WorkerRecord::workstream).toList());
            of.rows.forEach(r -> racerRows.add(r.asRacerOf(ws)));
            artifacts.putAll(of.artifacts);
            state.race(ws).ifPresent(r -> races.add(RaceRow.of(r)));
        }
        Map<String, WorkstreamStatus> byName = statuses(status);
        List<WorkstreamRow> rows = new ArrayList<>();
        for (WorkstreamRow row : workers.rows) {
            WorkstreamStatus ws = byName.get(row.getWorkstream());
            // what landed is what git says: a merge rolled back since landed nothing
            if (ws != null && ws.landed()) {
                rows.add(row.landed(landedIn.getOrDefault(row.getWorkstream(), row.getWave())));
            } else if (ws != null && ws.leftOut().isPresent()) {
                rows.add(row.leftOut(ws.leftOut().get()));
            } else {
                rows.add(row);
            }
        }
        rows.addAll(racerRows);
        return new WorkersReport(rows, workers.outcomes, artifacts, workers.base, workers.stoppedBy, merges,
                planMerges, races);
    }

    /** Why failFast stopped the run, or null when it ran to its end. */
    String stoppedBy() {
        return stoppedBy;
    }

    /**
     * Reads the run's state for {@code workstreams} and bundles each finished branch that was not pushed.
     *
     * @param pushed workstreams whose branch went to the remote instead of a bundle
     */
    static WorkersReport collect(RunLayout layout, Collection<String> workstreams,
            Collection<String> pushed) throws IOException {
        return of(layout, workersOf(stateOf(layout), workstreams), statuses(StatusReport.read(layout, 0)), pushed);
    }

    /** The records of {@code workstreams}, in the run's order. */
    private static List<WorkerRecord> workersOf(RunState state, Collection<String> workstreams) {
        return state.workers().stream().filter(r -> workstreams.contains(r.workstream())).toList();
    }

    /** The status's view of each workstream, by name; none without a status. */
    private static Map<String, WorkstreamStatus> statuses(Optional<StatusReport> status) {
        Map<String, WorkstreamStatus> byName = new LinkedHashMap<>();
        status.ifPresent(r -> r.workstreams().forEach(w -> byName.put(w.workstream(), w)));
        return byName;
    }

    /**
     * The same for racer {@code racer} of the raced workstream {@code workstream}: one row named after the racer
     * ({@code <ws>-racer-<n>}, as its record, worktree and results are), and its branch bundled unless pushed.
     */
    static WorkersReport collectRacer(RunLayout layout, String workstream, int racer, boolean pushed)
            throws IOException {
        WorkerRecord record = stateOf(layout).racer(workstream, racer).orElseThrow(() -> new IOException("the run"
                + " in " + layout.root() + " has no record of racer " + racer + " of workstream '" + workstream + "'"));
        WorkersReport report = of(layout, List.of(record), Map.of(), pushed ? List.of(record.workstream())
                : List.of());
        return new WorkersReport(report.rows.stream().map(r -> r.asRacerOf(workstream)).toList(), report.outcomes,
                report.artifacts, report.base, report.stoppedBy, report.merges, report.planMerges);
    }

    private static RunState stateOf(RunLayout layout) throws IOException {
        return RunState.load(layout).orElseThrow(() -> new IOException("the run left no state in " + layout.root()));
    }

    /** The rows of {@code records} (each named by its record: a workstream, or a racer). */
    private static WorkersReport of(RunLayout layout, List<WorkerRecord> records,
            Map<String, WorkstreamStatus> status, Collection<String> pushed) throws IOException {
        List<WorkstreamRow> rows = new ArrayList<>();
        Map<String, String> outcomes = new LinkedHashMap<>();
        Map<String, String> artifacts = new LinkedHashMap<>();
        Map<String, List<Timeline.WorkerSpan>> spans = new HashMap<>();
        Timeline.of(Ledger.of(layout).read(), Optional.of(Instant.now())).lanes()
                .forEach(lane -> spans.put(lane.workstream(), lane.spans()));
        for (WorkerRecord record : records) {
            String ws = record.workstream();
            Path results = layout.resultsDir(ws);
            for (String name : RESULT_FILES) {
                Path file = results.resolve(name);
                if (Files.isRegularFile(file)) {
                    artifacts.put(ResultsPage.artifact(ws, name), relative(layout.repository(), file));
                }
            }
            Path bundle = results.resolve(BUNDLE);
            if (record.status() == WorkerStatus.DONE && !pushed.contains(ws)
                    && BranchBundles.create(layout.git(), record.branch(), bundle)) {
                artifacts.put(ResultsPage.artifact(ws, BUNDLE), relative(layout.repository(), bundle));
            }
            String gateReport = ResultsPage.artifact(ws, "gate.md");
            rows.add(WorkstreamRow.of(record, Optional.ofNullable(status.get(ws)),
                    artifacts.containsKey(ResultsPage.artifact(ws, "RESULTS.md")))
                    .withSpans(attempts(record, spans.getOrDefault(ws, List.of())))
                    .withGateReport(artifacts.containsKey(gateReport) ? gateReport : null));
            outcomes.put(ws, record.status().id());
        }
        return new WorkersReport(rows, outcomes, artifacts, layout.repository().toString(), null, List.of(), false);
    }

    /**
     * A worker's attempts as the run's ledger draws them; when it draws none (a record made outside a run's
     * ledger), the record's own start and end.
     */
    static List<WorkerSpanRow> attempts(WorkerRecord record, List<Timeline.WorkerSpan> drawn) {
        if (!drawn.isEmpty()) {
            return drawn.stream().map(WorkerSpanRow::of).toList();
        }
        if (record.startedAt() == null) {
            return List.of();
        }
        return List.of(WorkerSpanRow.of(record.attempts(), record.startedAt(), record.finishedAt(),
                record.status().id()));
    }

    /**
     * Records the report in the build's action, with {@code mask} (the step's secrets) applied to its text: the rows,
     * and a whole run's merges.
     */
    void record(ParallelWorktreesAction action, UnaryOperator<String> mask) {
        action.put(rows.stream().map(r -> r.masked(mask)).toList(), merges.stream().map(w -> w.masked(mask))
                .toList(), planMerges);
        action.putRaces(races.stream().map(r -> r.masked(mask)).toList());
    }

    /** A whole run's races, as the engine judged them. */
    List<RaceRow> races() {
        return races;
    }

    /** A whole run's merges, in order; empty for a single worker's report. */
    List<WaveRow> merges() {
        return merges;
    }

    /** A row per workstream, in the run's order. */
    List<WorkstreamRow> rows() {
        return rows;
    }

    /** Workstream to its final state word (done, failed, ...): what the steps return to the Pipeline. */
    Map<String, String> outcomes() {
        return outcomes;
    }

    /** Archive path to the file's path relative to {@link #base()}. */
    Map<String, String> artifacts() {
        return artifacts;
    }

    /** The directory the artifacts' paths are relative to: the repository, on the agent. */
    String base() {
        return base;
    }

    /**
     * Why the build is UNSTABLE for its reviews: each workstream whose review of criticality UNSTABLE did not
     * approve it, e.g. "the review of api did not approve it (criticality UNSTABLE)"; empty when none.
     */
    List<String> unstableReviews() {
        return rows.stream().filter(WorkstreamRow::isReviewUnstable).map(r -> "the review of " + r.getWorkstream()
                + " did not approve it (" + r.getReviewVerdict() + ", criticality UNSTABLE): see "
                + ResultsPage.artifact(r.getWorkstream(), "REVIEW.md") + " among the artifacts").toList();
    }

    /** The workstreams that did not end done, with their state, e.g. "api (failed)". */
    List<String> unfinished() {
        List<String> list = new ArrayList<>();
        outcomes.forEach((ws, outcome) -> {
            if (!outcome.equals(WorkerStatus.DONE.id())) {
                list.add(ws + " (" + outcome + ")");
            }
        });
        return list;
    }

    private static String relative(Path base, Path file) {
        return base.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize()).toString()
                .replace(File.separatorChar, '/');
    }
}
