package io.jenkins.plugins.parallelworktrees.report;

import io.github.parallelworktrees.engine.ledger.RunInfo;
import io.github.parallelworktrees.engine.ledger.WorkerStatus;
import io.github.parallelworktrees.engine.report.Headline;
import io.github.parallelworktrees.engine.report.Timeline;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The build's record of its Parallel Worktrees steps as the engine's report views take it: the facts of
 * {@link Headline} and a {@link Timeline}, so that the build page says and draws what report.html says and draws,
 * with the engine's own words and drawing, from rows instead of a run folder.
 *
 * @param rows the workstreams' rows, in the order they were recorded
 * @param waves the merges, in order
 * @param running workstreams whose worker is running now, with their wave and when it started (epoch ms)
 * @param planMerges the plan merged by itself (a whole run on the agent with autoMerge)
 */
record RecordedRun(List<WorkstreamRow> rows, List<WaveRow> waves, Map<String, Running> running, boolean planMerges) {

    /** What the page says of a build that merged nothing: Jenkins' way to land the work, not pwt's. */
    static final String NOT_MERGING = "Nothing is merged in this build: the plan does not merge by itself (autoMerge)"
            + " and no mergeWave step merged a wave; a mergeWave step lands a wave's finished branches.";

    /** A worker running now, as claudeWorker announced it; known only in the controller's memory. */
    /** @param raceOf for a racer's worker, the raced workstream; null for a workstream's */
    record Running(int wave, long since, String raceOf) {
        Running(int wave, long since) {
            this(wave, since, null);
        }
    }

    RecordedRun {
        rows = List.copyOf(rows);
        waves = List.copyOf(waves);
        running = Map.copyOf(running);
    }

    boolean isEmpty() {
        return rows.isEmpty() && running.isEmpty();
    }

    /**
     * The headline of the build's record.
     *
     * @param building the build is running: the headline counts what has landed so far
     * @param result the build's result ({@code Result.toString()}), or null
     */
    Headline headline(boolean building, String result) {
        return Headline.of(facts(building, result), Optional.empty());
    }

    /** What the headline is made of: the state, and each workstream's outcome (racers' are their race's). */
    Headline.Facts facts(boolean building, String result) {
        RunInfo.Status state = building ? RunInfo.Status.RUNNING : "ABORTED".equals(result)
                ? RunInfo.Status.INTERRUPTED : "FAILURE".equals(result) ? RunInfo.Status.FAILED
                : RunInfo.Status.SUCCEEDED;
        List<Headline.Outcome> outcomes = new ArrayList<>();
        // racers are not workstreams: what they come to is their raced workstream's row, once mergeWave judged it
        for (WorkstreamRow row : rows) {
            if (row.isRacer()) {
                continue;
            }
            outcomes.add(new Headline.Outcome(row.getWorkstream(), status(row.getStatus()),
                    row.getLandedInWave() != null, Optional.ofNullable(row.getLeftOut()), row.getRepairs()));
        }
        // a race whose racers have rows but that no mergeWave judged yet: its workstream has not landed, and why
        rows.stream().filter(WorkstreamRow::isRacer).map(WorkstreamRow::getRaceOf).distinct()
                .filter(ws -> rows.stream().noneMatch(r -> r.getWorkstream().equals(ws)))
                .forEach(ws -> outcomes.add(new Headline.Outcome(ws, rows.stream().anyMatch(r -> ws.equals(
                        r.getRaceOf()) && r.isDone()) ? WorkerStatus.DONE : WorkerStatus.FAILED, false,
                        Optional.of("its race is judged by the mergeWave of its wave, which has not run"), 0)));
        running.keySet().stream().sorted().filter(ws -> running.get(ws).raceOf() == null)
                .filter(ws -> rows.stream().noneMatch(r -> r.getWorkstream().equals(ws)))
                .forEach(ws -> outcomes.add(new Headline.Outcome(ws, WorkerStatus.RUNNING, false, Optional.empty(),
                        0)));
        String integration = waves.isEmpty() ? "the integration branch" : waves.get(waves.size() - 1).getIntegration();
        return new Headline.Facts(state, state == RunInfo.Status.INTERRUPTED ? "the build was aborted"
                : null, integration, planMerges || !waves.isEmpty(), NOT_MERGING, outcomes);
    }

    /** A row's state word as the engine's; a word this version does not know counts as failed. */
    private static WorkerStatus status(String id) {
        for (WorkerStatus status : WorkerStatus.values()) {
            if (status.id().equals(id)) {
                return status;
            }
        }
        return WorkerStatus.FAILED;
    }

    /**
     * The timeline of the build's record: a lane per workstream (its attempts; a running worker's bar ends at
     * {@code now}), the merges' gate runs and the merges; empty when nothing recorded a time.
     *
     * @param now the end of what is still going on, for a build that is running; null for one that is over
     */
    Optional<Timeline> timeline(Instant now) {
        List<Timeline.Lane> lanes = new ArrayList<>();
        List<WorkstreamRow> byWave = rows.stream().sorted(Comparator.comparingInt(WorkstreamRow::getWave)).toList();
        for (WorkstreamRow row : byWave) {
            List<Timeline.WorkerSpan> spans = new ArrayList<>(row.getSpans().stream().map(s -> s.toSpan(now))
                    .toList());
            Running live = running.get(row.getWorkstream());
            if (live != null && now != null) {
                spans.add(runningSpan(spans.size() + 1, live, now));
            }
            lanes.add(new Timeline.Lane(row.getWorkstream(), row.getWave(), spans));
        }
        if (now != null) {
            running.entrySet().stream().filter(e -> rows.stream().noneMatch(r -> r.getWorkstream().equals(e.getKey())))
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(e -> lanes.add(new Timeline.Lane(e.getKey(), e.getValue().wave(),
                            List.of(runningSpan(1, e.getValue(), now)))));
        }
        List<Timeline.GateSpan> gates = new ArrayList<>();
        List<Timeline.MergeMark> merges = new ArrayList<>();
        for (WaveRow wave : waves) {
            wave.getGates().forEach(g -> g.toSpan(wave.getWave(), wave.getMerge()).ifPresent(gates::add));
            if (wave.getMergedAt() != null) {
                merges.add(new Timeline.MergeMark(wave.getMergedAt(), wave.getWave(), wave.getMerge(),
                        wave.getLanded(), List.copyOf(wave.getLeftOut().keySet())));
            }
        }
        gates.sort(Comparator.comparing(Timeline.GateSpan::from));
        List<Instant> times = new ArrayList<>();
        lanes.forEach(l -> l.spans().forEach(s -> {
            times.add(s.from());
            times.add(s.to());
        }));
        gates.forEach(g -> {
            times.add(g.from());
            times.add(g.to());
        });
        merges.forEach(m -> times.add(m.at()));
        if (times.isEmpty()) {
            return Optional.empty();
        }
        Instant start = times.stream().min(Comparator.naturalOrder()).orElseThrow();
        Instant end = times.stream().max(Comparator.naturalOrder()).orElseThrow();
        if (now != null && now.isAfter(end)) {
            end = now;
        }
        return Optional.of(new Timeline(start, end, lanes, gates, merges));
    }

    private static Timeline.WorkerSpan runningSpan(int attempt, Running live, Instant now) {
        Instant since = Instant.ofEpochMilli(live.since());
        return new Timeline.WorkerSpan(attempt, 0, since, now.isAfter(since) ? now : since, "running", true);
    }

    /**
     * The verdict on {@code row}'s branch and its gate.md, as report.html picks it (RunReport.gate): the latest
     * merge's gate run that had the branch on its candidate, else the gate that judged the branch alone.
     */
    GateVerdict gateOf(WorkstreamRow row) {
        GateVerdict found = null;
        for (WaveRow wave : waves) {
            for (GateRunRow run : wave.getGates()) {
                if (run.getWorkstreams().contains(row.getWorkstream())) {
                    found = new GateVerdict(run.getStatus(), run.getSummary().isEmpty() ? null : run.getSummary(),
                            run.getReports().isEmpty() ? null : run.getReports().get(0),
                            "wave " + wave.getWave() + ", merge " + wave.getMerge() + ", gate run " + run.getRun());
                }
            }
        }
        if (found != null) {
            return found;
        }
        if (row.getGate().equals("-")) {
            return new GateVerdict("-", null, null, null);
        }
        return new GateVerdict(row.getGate(), row.getGateReason(), row.getGateReport(), "the gate on its branch");
    }
}
