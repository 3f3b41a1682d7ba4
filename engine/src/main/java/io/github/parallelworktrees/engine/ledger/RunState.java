package io.github.parallelworktrees.engine.ledger;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A run as its ledger records it. Every change is appended to the ledger first (synced to disk); then the
 * snapshots sessions.json and run.json are written again from the folded ledger and from git, so that
 * {@code pwt status}, a resume after a crash and the Jenkins steps read one truth, and no file can say
 * something the ledger or git does not.
 */
public final class RunState {

    private final RunLayout layout;
    private final Ledger ledger;
    private final RunView view;
    private int seq;
    private RunInfo pendingStart;
    private JsonNode pendingPlan;
    private List<WorkerRecord> pendingWorkers;

    private RunState(RunLayout layout, RunView view, int seq) {
        this.layout = layout;
        this.ledger = Ledger.of(layout);
        this.view = view;
        this.seq = seq;
    }

    /** A new run's state: every workstream pending. Nothing is recorded until {@link #save()}. */
    public static RunState fresh(RunLayout layout, RunInfo info, JsonNode planDocument, List<WorkerRecord> records) {
        List<Ledger.Entry> earlier = Ledger.of(layout).read();
        int last = earlier.isEmpty() ? 0 : earlier.get(earlier.size() - 1).seq();
        RunState state = new RunState(layout, RunView.of(earlier), last);
        state.pendingStart = info;
        state.pendingPlan = planDocument;
        state.pendingWorkers = List.copyOf(records);
        return state;
    }

    /**
     * The run the feature's ledger records, if there is one. A run written by an older pwt (sessions.json and
     * run.json without a ledger) is taken into a ledger first.
     */
    public static Optional<RunState> load(RunLayout layout) {
        Ledger ledger = Ledger.of(layout);
        if (!ledger.exists()) {
            if (!Files.exists(layout.sessionsFile()) || !Files.exists(layout.runFile())) {
                return Optional.empty();
            }
            importSnapshots(layout, ledger);
        }
        List<Ledger.Entry> entries = ledger.read();
        RunView view = RunView.of(entries);
        if (!view.hasRun()) {
            return Optional.empty();
        }
        int last = entries.isEmpty() ? 0 : entries.get(entries.size() - 1).seq();
        return Optional.of(new RunState(layout, view, last));
    }

    /** The feature's ledger folded, with or without a run in it (merges by hand make a ledger too). */
    public static RunView view(RunLayout layout) {
        return RunView.of(Ledger.of(layout).read());
    }

    public RunLayout layout() {
        return layout;
    }

    public synchronized RunInfo info() {
        return pendingStart != null ? pendingStart : view.info();
    }

    public synchronized WorkerRecord worker(String workstream) {
        WorkerRecord record = workersMap().get(workstream);
        if (record == null) {
            throw new IllegalArgumentException("no workstream '" + workstream + "' in this run");
        }
        return record;
    }

    public synchronized List<WorkerRecord> workers() {
        return List.copyOf(workersMap().values());
    }

    public synchronized boolean has(String workstream) {
        return workersMap().containsKey(workstream);
    }

    /** Adds a workstream that the plan gained since the run started. */
    public synchronized void add(WorkerRecord record) {
        if (!has(record.workstream())) {
            record(new Event.WorkerChanged(Instant.now(), record));
        }
    }

    public synchronized WorkerRecord update(String workstream, UnaryOperator<WorkerRecord> change) {
        WorkerRecord updated = change.apply(worker(workstream));
        record(new Event.WorkerChanged(Instant.now(), updated));
        return updated;
    }

    /** Racer {@code racer}'s record of raced workstream {@code workstream}, once it was added. */
    public synchronized Optional<WorkerRecord> racer(String workstream, int racer) {
        return Optional.ofNullable(view.racersOf(workstream).get(racer));
    }

    /** The racers' records of {@code workstream}, by racer number, in racer order. */
    public synchronized Map<Integer, WorkerRecord> racers(String workstream) {
        // in racer order (Map.copyOf has none): views list racers as the plan numbers them
        return java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(view.racersOf(workstream)));
    }

    /** Adds racer {@code racer} of {@code workstream} (pending), unless it is recorded already. */
    public synchronized WorkerRecord addRacer(String workstream, int racer, WorkerRecord pending) {
        Optional<WorkerRecord> known = racer(workstream, racer);
        if (known.isPresent()) {
            return known.get();
        }
        record(new Event.RacerChanged(Instant.now(), workstream, racer, pending));
        return pending;
    }

    /** Changes racer {@code racer}'s record of {@code workstream}. */
    public synchronized WorkerRecord updateRacer(String workstream, int racer, UnaryOperator<WorkerRecord> change) {
        WorkerRecord current = racer(workstream, racer).orElseThrow(() -> new IllegalArgumentException(
                "no racer " + racer + " of workstream '" + workstream + "' in this run"));
        WorkerRecord updated = change.apply(current);
        record(new Event.RacerChanged(Instant.now(), workstream, racer, updated));
        return updated;
    }

    /** What every racer of the run has spent so far (not in any workstream's record: see {@link RaceCosts}). */
    public synchronized double racersCost() {
        return RaceCosts.total(view);
    }

    /** Records how a race was judged. */
    public synchronized void recordRace(RaceResult result) {
        record(new Event.RaceJudged(Instant.now(), result));
    }

    /** The latest judgement of {@code workstream}'s race, if it was judged. */
    public synchronized Optional<RaceResult> race(String workstream) {
        return Optional.ofNullable(view.races().get(workstream));
    }

    /** The run was continued. */
    public synchronized void resumed(int maxParallel) {
        record(new Event.RunResumed(Instant.now(), maxParallel));
    }

    /** The run stopped. */
    public synchronized void ended(RunInfo.Status status, String reason) {
        record(new Event.RunEnded(Instant.now(), status, reason));
    }

    /** Adds a wave's merge. */
    public synchronized void recordMerge(WaveResult merge) {
        record(new Event.WaveMerged(Instant.now(), merge));
    }

    /** Appends any event of this run and brings the snapshots up to date. */
    public synchronized void record(Event event) {
        startIfPending();
        ledger.append(event);
        seq++;
        view.apply(new Ledger.Entry(seq, event));
        writeSnapshots();
    }

    /** The merges recorded so far, oldest first, each with the rollback that undid it, if one did. */
    public synchronized List<RunView.Merge> merges() {
        return List.copyOf(view.merges());
    }

    /** The stop a signal asked for since the run last started or resumed. */
    public synchronized Optional<Event.StopRequested> stop() {
        return view.stop();
    }

    /** The stop {@code pwt stop} asked for {@code workstream}'s worker since the run last started or resumed. */
    public synchronized Optional<Event.WorkerStopRequested> workerStop(String workstream) {
        return view.workerStop(workstream);
    }

    /** The latest time a merge left {@code workstream} out, unless a later merge landed it. */
    public synchronized Optional<WaveResult.LeftOut> lastLeftOut(String workstream) {
        return view.lastLeftOut(workstream);
    }

    /** The workstreams a merge left out that have not landed since. */
    public synchronized List<WaveResult.LeftOut> leftOutNow(Landings landings) {
        return view.leftOutNow(landings);
    }

    /** The repairs of {@code workstream} so far, oldest first. */
    public synchronized List<RunView.Repair> repairsOf(String workstream) {
        return view.repairsOf(workstream);
    }

    /** The repair of {@code workstream} that has started and not ended, if any. */
    public synchronized Optional<RunView.Repair> openRepair(String workstream) {
        return view.openRepair(workstream);
    }

    /** The folded ledger (read it under this object's lock). */
    public synchronized RunView view() {
        return view;
    }

    /** Records a new run's start, or writes the snapshots again (after git moved, say). */
    public synchronized void save() {
        if (!startIfPending()) {
            writeSnapshots();
        }
    }

    private boolean startIfPending() {
        if (pendingStart == null) {
            return false;
        }
        Event start = new Event.RunStarted(Instant.now(), pendingStart, pendingPlan, pendingWorkers);
        pendingStart = null;
        pendingPlan = null;
        pendingWorkers = null;
        ledger.append(start);
        seq++;
        view.apply(new Ledger.Entry(seq, start));
        writeSnapshots();
        return true;
    }

    private Map<String, WorkerRecord> workersMap() {
        if (pendingWorkers != null) {
            Map<String, WorkerRecord> map = new LinkedHashMap<>();
            pendingWorkers.forEach(w -> map.put(w.workstream(), w));
            return map;
        }
        return view.workers();
    }

    private void writeSnapshots() {
        writeSnapshots(true);
    }

    /** @param alive the writer is the pwt that holds the run (so a run recorded as running is running) */
    private void writeSnapshots(boolean alive) {
        Json.writeAtomically(layout.sessionsFile(), sessions());
        Json.writeAtomically(layout.runFile(), Snapshots.runDocument(layout, view, landings(), alive));
    }

    /** sessions.json: every workstream's record, then every racer's, named for the racer ({@code <ws>-racer-<n>}). */
    private Map<String, WorkerRecord> sessions() {
        if (view.racers().isEmpty()) {
            return view.workers();
        }
        Map<String, WorkerRecord> sessions = new LinkedHashMap<>(view.workers());
        view.racers().values().forEach(byNumber -> byNumber.values().forEach(r -> sessions.put(r.workstream(), r)));
        return sessions;
    }

    /**
     * Writes sessions.json and run.json again for a run that no pwt holds (it was killed before it could): a run
     * recorded as running shows as interrupted. The caller holds the run lock, so no run starts meanwhile.
     */
    public synchronized void refreshCopiesOfAStoppedRun() {
        writeSnapshots(false);
    }

    private Landings landings() {
        try {
            return Landings.read(layout.git(), view.info().feature(), view.info().integration(),
                    view.info().baseCommit());
        } catch (RuntimeException e) {
            // a snapshot is a convenience copy: a repository git cannot read now still gets its record written
            return Landings.NONE;
        }
    }

    /** Takes a run written before the ledger existed into one, so that it resumes and shows as it did. */
    private static void importSnapshots(RunLayout layout, Ledger ledger) {
        try {
            Map<String, WorkerRecord> sessions = Json.MAPPER.readValue(layout.sessionsFile().toFile(),
                    new TypeReference<LinkedHashMap<String, WorkerRecord>>() { });
            JsonNode run = Json.MAPPER.readTree(layout.runFile().toFile());
            RunInfo info = Json.MAPPER.treeToValue(run.path("run"), RunInfo.class);
            List<WorkerRecord> workers = new ArrayList<>();
            for (Map.Entry<String, WorkerRecord> e : sessions.entrySet()) {
                if (e.getValue() == null) {
                    throw new LedgerException(layout.sessionsFile() + ": the record of workstream '" + e.getKey()
                            + "' is null; restore the file, or remove that entry and run 'pwt resume' to run the"
                            + " workstream again");
                }
                workers.add(e.getValue());
            }
            if (info == null || info.feature() == null) {
                throw new LedgerException(layout.runFile() + " has no \"run\" header; restore it from a backup");
            }
            ledger.append(new Event.RunStarted(Objects.requireNonNullElse(info.startedAt(), Instant.now()), info,
                    run.path("plan"), workers));
            for (JsonNode merge : run.path("merges")) {
                ledger.append(new Event.WaveMerged(Instant.now(), Json.MAPPER.treeToValue(merge, WaveResult.class)));
            }
        } catch (IOException e) {
            throw new LedgerException(damaged(layout, e));
        }
    }

    private static String damaged(RunLayout layout, IOException e) {
        String where = e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null
                ? " at line " + j.getLocation().getLineNr() + ", column " + j.getLocation().getColumnNr() : "";
        return "the run's files in " + layout.root() + " are damaged (sessions.json or run.json is not valid JSON"
                + where + ") and this run predates the ledger, so there is nothing to rebuild them from: restore"
                + " them from a backup, or move " + layout.root() + " aside and start a new run (branches and"
                + " worktrees are kept)";
    }

    /** @return the ledger's path, for messages */
    public Path ledgerFile() {
        return ledger.file();
    }
}
