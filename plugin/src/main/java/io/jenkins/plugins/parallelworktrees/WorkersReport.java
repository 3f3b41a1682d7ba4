package io.jenkins.plugins.parallelworktrees;

import io.github.parallelworktrees.engine.ledger.RunLayout;
import io.github.parallelworktrees.engine.ledger.RunState;
import io.github.parallelworktrees.engine.ledger.WorkerRecord;
import io.github.parallelworktrees.engine.ledger.WorkerStatus;
import io.github.parallelworktrees.engine.status.StatusReport;
import io.github.parallelworktrees.engine.status.WorkstreamStatus;
import io.jenkins.plugins.parallelworktrees.report.ResultsPage;
import io.jenkins.plugins.parallelworktrees.report.WorkstreamRow;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the engine's workers left, as a step brings it back from the agent: a row per workstream, each one's
 * outcome, and the files to archive ({@code workers/<ws>/RESULTS.md, worker.log, result.json, gate.json,
 * branch.bundle}).
 */
final class WorkersReport implements Serializable {

    private static final long serialVersionUID = 1L;
    /** The files of results/<ws>/ that are archived, when the worker left them. */
    static final List<String> RESULT_FILES = List.of("RESULTS.md", "worker.log", "result.json", "gate.json",
            "REVIEW.md");
    static final String BUNDLE = "branch.bundle";

    private final ArrayList<WorkstreamRow> rows;
    private final LinkedHashMap<String, String> outcomes;
    private final LinkedHashMap<String, String> artifacts;
    private final String base;
    private final String stoppedBy;

    private WorkersReport(List<WorkstreamRow> rows, Map<String, String> outcomes, Map<String, String> artifacts,
            String base, String stoppedBy) {
        this.rows = new ArrayList<>(rows);
        this.base = base;
        this.outcomes = new LinkedHashMap<>(outcomes);
        this.artifacts = new LinkedHashMap<>(artifacts);
        this.stoppedBy = stoppedBy;
    }

    /** The same report of a run that failFast stopped, because of {@code cause}. */
    WorkersReport stoppedBy(String cause) {
        return new WorkersReport(rows, outcomes, artifacts, base, cause);
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
        RunState state = stateOf(layout);
        Map<String, WorkstreamStatus> status = new LinkedHashMap<>();
        StatusReport.read(layout, 0).ifPresent(r -> r.workstreams().forEach(w -> status.put(w.workstream(), w)));
        return of(layout, state.workers().stream().filter(r -> workstreams.contains(r.workstream())).toList(),
                status, pushed);
    }

    /**
     * The same for racer {@code racer} of the raced workstream {@code workstream}: one row named after the racer
     * ({@code <ws>-racer-<n>}, as its record, worktree and results are), and its branch bundled unless pushed.
     */
    static WorkersReport collectRacer(RunLayout layout, String workstream, int racer, boolean pushed)
            throws IOException {
        WorkerRecord record = stateOf(layout).racer(workstream, racer).orElseThrow(() -> new IOException("the run"
                + " in " + layout.root() + " has no record of racer " + racer + " of workstream '" + workstream + "'"));
        return of(layout, List.of(record), Map.of(), pushed ? List.of(record.workstream()) : List.of());
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
            rows.add(WorkstreamRow.of(record, Optional.ofNullable(status.get(ws)),
                    artifacts.containsKey(ResultsPage.artifact(ws, "RESULTS.md"))));
            outcomes.put(ws, record.status().id());
        }
        return new WorkersReport(rows, outcomes, artifacts, layout.repository().toString(), null);
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
