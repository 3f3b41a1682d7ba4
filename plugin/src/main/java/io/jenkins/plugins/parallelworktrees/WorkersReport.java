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
        RunState state = RunState.load(layout).orElseThrow(() -> new IOException("the run left no state in "
                + layout.root()));
        Map<String, WorkstreamStatus> status = new LinkedHashMap<>();
        StatusReport.read(layout, 0).ifPresent(r -> r.workstreams().forEach(w -> status.put(w.workstream(), w)));
        List<WorkstreamRow> rows = new ArrayList<>();
        Map<String, String> outcomes = new LinkedHashMap<>();
        Map<String, String> artifacts = new LinkedHashMap<>();
        for (WorkerRecord record : state.workers()) {
            String ws = record.workstream();
            if (!workstreams.contains(ws)) {
                continue;
            }
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
