package io.github.parallelworktrees.engine.report;

import io.github.parallelworktrees.engine.ledger.Event;
import io.github.parallelworktrees.engine.ledger.Ledger;
import io.github.parallelworktrees.engine.ledger.WaveResult;
import io.github.parallelworktrees.engine.ledger.WorkerRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When things happened in a run, from its ledger alone: each workstream's worker attempts (repairs among them),
 * each gate run of a merge, each merge. The report draws it ({@link TimelineSvg}).
 *
 * @param start when the run (its latest {@code run_started}) started
 * @param end the last thing recorded, or now for a run still going on
 * @param lanes one per workstream, in the plan's order
 * @param gates every gate run pwt recorded a process for, in the order they started
 * @param merges every merge, in order
 */
public record Timeline(Instant start, Instant end, List<Lane> lanes, List<GateSpan> gates, List<MergeMark> merges) {

    /** How a gate's process is keyed in the ledger (WaveMerger's "wave 2, merge 1, gate run 3"). */
    private static final Pattern GATE_KEY = Pattern.compile("wave (\\d+), merge (\\d+), gate run (\\d+)");

    public Timeline {
        lanes = List.copyOf(lanes);
        gates = List.copyOf(gates);
        merges = List.copyOf(merges);
    }

    /** A workstream's row. */
    public record Lane(String workstream, int wave, List<WorkerSpan> spans) {
        public Lane {
            spans = List.copyOf(spans);
        }
    }

    /**
     * One attempt of a worker.
     *
     * @param repair the repair this attempt is (1 for the first), 0 for an ordinary attempt
     * @param status how it ended, or its state while {@code open}
     * @param open still going on when the timeline was made (or when the run was stopped)
     */
    public record WorkerSpan(int attempt, int repair, Instant from, Instant to, String status, boolean open) {
    }

    /**
     * A gate run of a merge.
     *
     * @param workstreams the workstreams on the candidate it judged; empty until its merge is recorded
     * @param status its verdict ("passed", "failed", ...); null until its merge is recorded
     */
    public record GateSpan(int wave, int merge, int run, Instant from, Instant to, List<String> workstreams,
            String status, boolean open) {
        public GateSpan {
            workstreams = List.copyOf(workstreams);
        }
    }

    /**
     * A merge as recorded.
     *
     * @param merge its number among the merges of its wave (1 for the first), as the gate's folder names it
     */
    public record MergeMark(Instant at, int wave, int merge, List<String> landed, List<String> leftOut) {
        public MergeMark {
            landed = List.copyOf(landed);
            leftOut = List.copyOf(leftOut);
        }
    }

    /**
     * The timeline of the latest run in {@code entries}.
     *
     * @param now the end of whatever is still going on, for a run a pwt process is working on; empty for a run that
     *     is over (or was killed): open spans end at the last thing it recorded
     */
    public static Timeline of(List<Ledger.Entry> entries, Optional<Instant> now) {
        int first = 0;
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).event() instanceof Event.RunStarted) {
                first = i;
            }
        }
        Builder b = new Builder();
        entries.subList(first, entries.size()).forEach(e -> b.apply(e.event()));
        return b.build(now);
    }

    /** Folds the events in; spans and gates still open are closed by {@link #build}. */
    private static final class Builder {
        private Instant start;
        private Instant last;
        private final Map<String, Integer> waves = new LinkedHashMap<>();
        private final Map<String, List<WorkerSpan>> spans = new LinkedHashMap<>();
        private final Map<String, WorkerSpan> openSpans = new HashMap<>();
        private final Map<String, Integer> openRepairs = new HashMap<>();
        private final List<GateSpan> gates = new ArrayList<>();
        private final Map<Long, Integer> gateOfPid = new HashMap<>();
        private final Map<Integer, Integer> mergesOfWave = new HashMap<>();
        private final List<MergeMark> merges = new ArrayList<>();

        void apply(Event event) {
            last = event.at();
            if (event instanceof Event.RunStarted e) {
                start = e.at();
                e.workers().forEach(this::lane);
            } else if (event instanceof Event.WorkerChanged e) {
                worker(e.at(), e.record());
            } else if (event instanceof Event.RepairStarted e) {
                openRepairs.put(e.workstream(), e.attempt());
            } else if (event instanceof Event.RepairEnded e) {
                openRepairs.remove(e.workstream());
            } else if (event instanceof Event.ProcessStarted e && "gate".equals(e.role())) {
                Matcher key = GATE_KEY.matcher(e.key());
                if (key.matches()) {
                    // the process's own start when the system gave it: the event is written once it runs
                    Instant from = e.processStart() != null && e.processStart().isBefore(e.at())
                            && !e.processStart().isBefore(start) ? e.processStart() : e.at();
                    gateOfPid.put(e.pid(), gates.size());
                    gates.add(new GateSpan(Integer.parseInt(key.group(1)), Integer.parseInt(key.group(2)),
                            Integer.parseInt(key.group(3)), from, null, List.of(), null, true));
                }
            } else if (event instanceof Event.ProcessEnded e && gateOfPid.containsKey(e.pid())) {
                int i = gateOfPid.remove(e.pid());
                GateSpan g = gates.get(i);
                gates.set(i, new GateSpan(g.wave(), g.merge(), g.run(), g.from(), e.at(), g.workstreams(),
                        g.status(), false));
            } else if (event instanceof Event.WaveMerged e) {
                merged(e.at(), e.result());
            } else if (event instanceof Event.RunEnded e) {
                // a worker the run's end found unfinished ends there
                openSpans.keySet().stream().toList().forEach(ws -> close(ws, e.at(), openSpans.get(ws).status(),
                        true));
            }
        }

        private void lane(WorkerRecord r) {
            waves.putIfAbsent(r.workstream(), r.wave());
            spans.putIfAbsent(r.workstream(), new ArrayList<>());
        }

        private void worker(Instant at, WorkerRecord r) {
            lane(r);
            String ws = r.workstream();
            WorkerSpan open = openSpans.get(ws);
            if (r.startedAt() == null) {
                return;
            }
            if (open != null && !open.from().equals(r.startedAt())) {
                close(ws, r.startedAt(), open.status(), true); // a new attempt began before the last was recorded over
                open = null;
            }
            List<WorkerSpan> list = spans.get(ws);
            boolean known = open != null || list.stream().anyMatch(s -> s.from().equals(r.startedAt()));
            if (!known) {
                open = new WorkerSpan(r.attempts(), openRepairs.getOrDefault(ws, 0), r.startedAt(), null,
                        r.status().id(), true);
                openSpans.put(ws, open);
            }
            if (open == null) {
                return; // a change to an attempt already over (its gate, its results)
            }
            if (r.finishedAt() != null) {
                openSpans.put(ws, new WorkerSpan(open.attempt(), open.repair(), open.from(), null, r.status().id(),
                        true));
                close(ws, r.finishedAt(), r.status().id(), false);
            } else {
                openSpans.put(ws, new WorkerSpan(open.attempt(), open.repair(), open.from(), null, r.status().id(),
                        true));
            }
        }

        private void close(String ws, Instant to, String status, boolean open) {
            WorkerSpan s = openSpans.remove(ws);
            spans.get(ws).add(new WorkerSpan(s.attempt(), s.repair(), s.from(), to, status, open));
        }

        private void merged(Instant at, WaveResult result) {
            int number = mergesOfWave.merge(result.wave(), 1, Integer::sum);
            for (int i = 0; i < gates.size(); i++) {
                GateSpan g = gates.get(i);
                if (g.wave() != result.wave() || g.merge() != number) {
                    continue;
                }
                Optional<WaveResult.GateRun> run = result.gateRuns().stream().filter(r -> r.number() == g.run())
                        .findFirst();
                gates.set(i, new GateSpan(g.wave(), g.merge(), g.run(), g.from(), g.to() == null ? at : g.to(),
                        run.map(WaveResult.GateRun::workstreams).orElse(List.of()),
                        run.map(WaveResult.GateRun::status).orElse("unknown"), false));
            }
            merges.add(new MergeMark(at, result.wave(), number, result.landed(),
                    result.leftOut().stream().map(WaveResult.LeftOut::workstream).toList()));
        }

        Timeline build(Optional<Instant> now) {
            Instant end = now.orElse(last);
            if (start == null) {
                start = end;
            }
            openSpans.keySet().stream().toList().forEach(ws -> close(ws, end, openSpans.get(ws).status(), true));
            List<Lane> lanes = new ArrayList<>();
            spans.forEach((ws, list) -> lanes.add(new Lane(ws, waves.get(ws), list)));
            List<GateSpan> closed = gates.stream().map(g -> g.to() != null ? g
                    : new GateSpan(g.wave(), g.merge(), g.run(), g.from(), end, g.workstreams(), g.status(), true))
                    .toList();
            return new Timeline(start, end, lanes, closed, merges);
        }
    }
}
