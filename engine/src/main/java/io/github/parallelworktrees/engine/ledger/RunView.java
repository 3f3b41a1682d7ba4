package io.github.parallelworktrees.engine.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A feature's ledger folded: the run's header, each workstream's latest record, the merges and rollbacks in the
 * order they happened, the processes still recorded as running. Pure: what has landed is git's to say
 * ({@link Landings}), never this view's.
 */
public final class RunView {

    /** A wave's merge and, once a rollback took its landing off the integration branch, that rollback. */
    public record Merge(int seq, WaveResult result, Optional<Event.RolledBack> undoneBy) {

        /** True when this merge moved the integration branch and no rollback has undone it. */
        public boolean stands() {
            return undoneBy.isEmpty() && !result.after().equals(result.before());
        }
    }

    /**
     * A repair of a left-out branch by its worker, and how it ended once it has.
     *
     * @param seq the ledger sequence number of its start: merges after it are the ones that judged the repair
     */
    public record Repair(int seq, Event.RepairStarted started, Optional<Event.RepairEnded> ended) {

        public String workstream() {
            return started.workstream();
        }

        public int attempt() {
            return started.attempt();
        }

        public boolean open() {
            return ended.isEmpty();
        }
    }

    private RunInfo info;
    private JsonNode plan;
    private final Map<String, WorkerRecord> workers = new LinkedHashMap<>();
    private final List<Merge> merges = new ArrayList<>();
    private final List<Event.RolledBack> rollbacks = new ArrayList<>();
    private final Map<Long, Event.ProcessStarted> processes = new LinkedHashMap<>();
    private Optional<Event.StopRequested> stop = Optional.empty();
    private final Map<String, Event.WorkerStopRequested> workerStops = new LinkedHashMap<>();
    private final List<Repair> repairs = new ArrayList<>();
    /** Each review with the ledger sequence number it was recorded at. */
    private final List<Map.Entry<Integer, Event.Reviewed>> reviews = new ArrayList<>();
    /** Each raced workstream's racers' records, by racer number. */
    private final Map<String, Map<Integer, WorkerRecord>> racers = new LinkedHashMap<>();
    /** Each raced workstream's latest judgement. */
    private final Map<String, RaceResult> races = new LinkedHashMap<>();
    private Optional<Event.MergeStarted> merging = Optional.empty();

    /** The events folded, oldest first. */
    public static RunView of(List<Ledger.Entry> entries) {
        RunView view = new RunView();
        entries.forEach(view::apply);
        return view;
    }

    /** Folds one more event in. */
    public void apply(Ledger.Entry entry) {
        Event event = entry.event();
        if (event instanceof Event.RunStarted e) {
            info = e.info();
            plan = e.plan();
            workers.clear();
            repairs.clear();
            reviews.clear();
            racers.clear();
            races.clear();
            e.workers().forEach(w -> workers.put(w.workstream(), w));
            stop = Optional.empty();
            workerStops.clear();
            merging = Optional.empty();
        } else if (event instanceof Event.RunResumed e) {
            info = info.resumed(e.at(), e.maxParallel());
            stop = Optional.empty();
            workerStops.clear();
            merging = Optional.empty(); // a merge of the pwt that stopped before is not going on any more
        } else if (event instanceof Event.RunEnded e) {
            info = info.ended(e.status(), e.at(), e.reason());
            merging = Optional.empty();
        } else if (event instanceof Event.MergeStarted e) {
            merging = Optional.of(e);
        } else if (event instanceof Event.MergeFailed) {
            merging = Optional.empty();
        } else if (event instanceof Event.WorkerChanged e) {
            workers.put(e.record().workstream(), e.record());
        } else if (event instanceof Event.WaveMerged e) {
            merges.add(new Merge(entry.seq(), e.result(), Optional.empty()));
            merging = Optional.empty();
        } else if (event instanceof Event.RolledBack e) {
            rollbacks.add(e);
            for (int i = 0; i < merges.size(); i++) {
                Merge m = merges.get(i);
                if (e.mergesUndone().contains(m.seq())) {
                    merges.set(i, new Merge(m.seq(), m.result(), Optional.of(e)));
                }
            }
        } else if (event instanceof Event.ProcessStarted e) {
            processes.put(e.pid(), e);
        } else if (event instanceof Event.ProcessEnded e) {
            processes.remove(e.pid());
        } else if (event instanceof Event.StopRequested e) {
            stop = Optional.of(e);
        } else if (event instanceof Event.WorkerStopRequested e) {
            workerStops.put(e.workstream(), e);
        } else if (event instanceof Event.TestsWritten e) {
            workers.computeIfPresent(e.workstream(), (name, w) -> w.withTests(e.tests()));
        } else if (event instanceof Event.Reviewed e) {
            reviews.add(Map.entry(entry.seq(), e));
            workers.computeIfPresent(e.workstream(), (name, w) -> w.withReview(e.review()));
        } else if (event instanceof Event.RepairStarted e) {
            repairs.add(new Repair(entry.seq(), e, Optional.empty()));
        } else if (event instanceof Event.RepairEnded e) {
            for (int i = 0; i < repairs.size(); i++) {
                Repair r = repairs.get(i);
                if (r.open() && r.workstream().equals(e.workstream()) && r.attempt() == e.attempt()) {
                    repairs.set(i, new Repair(r.seq(), r.started(), Optional.of(e)));
                }
            }
        } else if (event instanceof Event.RacerChanged e) {
            racers.computeIfAbsent(e.workstream(), k -> new java.util.TreeMap<>()).put(e.racer(), e.record());
        } else if (event instanceof Event.RaceJudged e) {
            races.put(e.result().workstream(), e.result());
        }
        // CleanedUp: the worktrees' fate is git's and the file system's to say; the event is history
    }

    /** True once a run started (a ledger may hold only merges made by hand before any run). */
    public boolean hasRun() {
        return info != null;
    }

    public RunInfo info() {
        return info;
    }

    public JsonNode plan() {
        return plan;
    }

    public Map<String, WorkerRecord> workers() {
        return workers;
    }

    public List<Merge> merges() {
        return merges;
    }

    public List<Event.RolledBack> rollbacks() {
        return rollbacks;
    }

    /** The racers' records of each raced workstream (by racer number), in the order the races started. */
    public Map<String, Map<Integer, WorkerRecord>> racers() {
        return racers;
    }

    /** The racers' records of {@code workstream}, by racer number (empty when it is not raced). */
    public Map<Integer, WorkerRecord> racersOf(String workstream) {
        return racers.getOrDefault(workstream, Map.of());
    }

    /** The latest judgement of each raced workstream's race. */
    public Map<String, RaceResult> races() {
        return races;
    }

    /** Every repair of this run, in the order they started. */
    public List<Repair> repairs() {
        return List.copyOf(repairs);
    }

    /** The repairs of {@code workstream}, oldest first. */
    public List<Repair> repairsOf(String workstream) {
        return repairs.stream().filter(r -> r.workstream().equals(workstream)).toList();
    }

    /** The repair of {@code workstream} that has started and not ended, if any. */
    public Optional<Repair> openRepair(String workstream) {
        return repairs.stream().filter(r -> r.open() && r.workstream().equals(workstream)).findFirst();
    }

    /**
     * The merge that has begun and not ended, as recorded: whether it still goes on is for the caller to say (no
     * pwt holding the run means none does).
     */
    public Optional<Event.MergeStarted> mergeUnderWay() {
        return merging;
    }

    /** Processes recorded as started and not as ended: a killed pwt may have left them running. */
    public List<Event.ProcessStarted> openProcesses() {
        return List.copyOf(processes.values());
    }

    /**
     * The run's state as it stands now, which is not always the state it recorded last: a run recorded as running
     * that no pwt process holds was killed ({@code interrupted}); a run that merges by itself and succeeded is no
     * longer a success once a workstream is off the integration branch (rolled back, or moved by hand).
     *
     * @param alive a pwt process holds the run's lock
     */
    public RunInfo statusNow(boolean alive, Landings landings) {
        if (info.status() == RunInfo.Status.RUNNING && !alive) {
            return info.ended(RunInfo.Status.INTERRUPTED, info.finishedAt(), "no pwt process holds the run: it was"
                    + " killed; 'pwt resume' continues it").withFinishedAt(info.finishedAt());
        }
        if (info.status() == RunInfo.Status.SUCCEEDED && plan != null && plan.path("autoMerge").asBoolean(false)) {
            List<String> off = workers.values().stream().filter(w -> !landings.landed(w.branch()))
                    .map(WorkerRecord::workstream).toList();
            if (!off.isEmpty()) {
                return info.ended(RunInfo.Status.FAILED, info.finishedAt(), "it succeeded, but "
                        + String.join(", ", off) + (off.size() == 1 ? " is" : " are") + " no longer on "
                        + info.integration() + " (rolled back, or moved by other means); 'pwt resume' merges "
                        + (off.size() == 1 ? "it" : "them") + " again");
            }
        }
        return info;
    }

    /** The stop a signal asked for since the run last started or resumed. */
    public Optional<Event.StopRequested> stop() {
        return stop;
    }

    /** The stop {@code pwt stop} asked for {@code workstream}'s worker since the run last started or resumed. */
    public Optional<Event.WorkerStopRequested> workerStop(String workstream) {
        return Optional.ofNullable(workerStops.get(workstream));
    }

    /**
     * The latest merge of {@code wave} that still stands on the integration branch: what a rollback of that wave
     * undoes.
     */
    public Optional<Merge> standingMerge(int wave) {
        for (int i = merges.size() - 1; i >= 0; i--) {
            Merge m = merges.get(i);
            if (m.result().wave() == wave && m.stands()) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /**
     * The workstreams a merge left out that have not landed since (git says what landed), each with the latest
     * reason.
     */
    public List<WaveResult.LeftOut> leftOutNow(Landings landings) {
        List<WaveResult.LeftOut> left = new ArrayList<>();
        for (WorkerRecord w : workers.values()) {
            lastLeftOut(w.workstream()).filter(l -> !landings.landed(w.branch())).ifPresent(left::add);
        }
        return left;
    }

    /**
     * The latest time a merge, or a review, left {@code workstream} out, unless a later merge landed it or a later
     * review approved a newer commit of it.
     */
    public Optional<WaveResult.LeftOut> lastLeftOut(String workstream) {
        return leftOutAfter(0, workstream);
    }

    /** The same, counting only merges and reviews recorded after ledger sequence number {@code seq}. */
    public Optional<WaveResult.LeftOut> leftOutAfter(int seq, String workstream) {
        java.util.TreeMap<Integer, Object> timeline = new java.util.TreeMap<>();
        merges.stream().filter(m -> m.seq() > seq).forEach(m -> timeline.put(m.seq(), m));
        reviews.stream().filter(r -> r.getKey() > seq && r.getValue().workstream().equals(workstream))
                .forEach(r -> timeline.put(r.getKey(), r.getValue()));
        Optional<WaveResult.LeftOut> last = Optional.empty();
        for (Object step : timeline.values()) {
            if (step instanceof Merge m) {
                for (WaveResult.LeftOut l : m.result().leftOut()) {
                    if (l.workstream().equals(workstream)) {
                        last = Optional.of(l);
                    }
                }
                if (m.result().landed().contains(workstream)) {
                    last = Optional.empty();
                }
            } else if (step instanceof Event.Reviewed r) {
                ReviewRecord review = r.review();
                if (review.keptOut()) {
                    last = Optional.of(review.leftOut(workstream));
                } else if (last.isPresent() && !java.util.Objects.equals(last.get().tip(), review.tip())) {
                    // what was left out is an older commit; the one reviewed now may go on
                    last = Optional.empty();
                }
            }
        }
        return last;
    }

    /** Every review of this run, in the order they were recorded. */
    public List<Event.Reviewed> reviews() {
        return reviews.stream().map(Map.Entry::getValue).toList();
    }
}
