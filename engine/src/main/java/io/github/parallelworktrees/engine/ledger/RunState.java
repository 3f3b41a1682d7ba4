package io.github.parallelworktrees.engine.ledger;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The live state of a run, written through to sessions.json and run.json on every change (atomically), so
 * that {@code pwt status}, a resume after a crash, and the Jenkins steps all read the same truth.
 */
public final class RunState {

    private final RunLayout layout;
    private final JsonNode planDocument;
    private final Map<String, WorkerRecord> workers;
    private final List<JsonNode> merges = new ArrayList<>();
    private RunInfo info;

    private RunState(RunLayout layout, RunInfo info, JsonNode planDocument, Map<String, WorkerRecord> workers) {
        this.layout = layout;
        this.info = info;
        this.planDocument = planDocument;
        this.workers = workers;
    }

    /** A new run's state: every workstream pending. Nothing is written until {@link #save()}. */
    public static RunState fresh(RunLayout layout, RunInfo info, JsonNode planDocument, List<WorkerRecord> records) {
        Map<String, WorkerRecord> map = new LinkedHashMap<>();
        records.forEach(r -> map.put(r.workstream(), r));
        return new RunState(layout, info, planDocument, map);
    }

    /** The state an earlier run left, if it left any. */
    public static Optional<RunState> load(RunLayout layout) {
        if (!Files.exists(layout.sessionsFile()) || !Files.exists(layout.runFile())) {
            return Optional.empty();
        }
        try {
            Map<String, WorkerRecord> sessions = Json.MAPPER.readValue(layout.sessionsFile().toFile(),
                    new TypeReference<LinkedHashMap<String, WorkerRecord>>() { });
            JsonNode run = Json.MAPPER.readTree(layout.runFile().toFile());
            RunInfo info = Json.MAPPER.treeToValue(run.path("run"), RunInfo.class);
            RunState state = new RunState(layout, info, run.path("plan"), sessions);
            run.path("merges").forEach(state.merges::add);
            return Optional.of(state);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the run's state in " + layout.root()
                    + " (sessions.json or run.json is damaged: " + e.getMessage() + ")", e);
        }
    }

    public synchronized RunInfo info() {
        return info;
    }

    public synchronized WorkerRecord worker(String workstream) {
        WorkerRecord record = workers.get(workstream);
        if (record == null) {
            throw new IllegalArgumentException("no workstream '" + workstream + "' in this run");
        }
        return record;
    }

    public synchronized List<WorkerRecord> workers() {
        return List.copyOf(workers.values());
    }

    public synchronized boolean has(String workstream) {
        return workers.containsKey(workstream);
    }

    /** Adds a workstream that the plan gained since the run started. */
    public synchronized void add(WorkerRecord record) {
        workers.putIfAbsent(record.workstream(), record);
        save();
    }

    public synchronized WorkerRecord update(String workstream, UnaryOperator<WorkerRecord> change) {
        WorkerRecord updated = change.apply(worker(workstream));
        workers.put(workstream, updated);
        save();
        return updated;
    }

    public synchronized void updateInfo(UnaryOperator<RunInfo> change) {
        info = change.apply(info);
        save();
    }

    /** Adds a wave's merge result to run.json. */
    public synchronized void recordMerge(JsonNode merge) {
        merges.add(merge);
        save();
    }

    /** The merges recorded so far, oldest first. */
    public synchronized List<JsonNode> merges() {
        return List.copyOf(merges);
    }

    /** Writes sessions.json and run.json. */
    public synchronized void save() {
        Json.writeAtomically(layout.sessionsFile(), workers);
        Json.writeAtomically(layout.runFile(), runDocument());
    }

    private ObjectNode runDocument() {
        Instant now = Instant.now();
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.set("run", Json.MAPPER.valueToTree(info));
        root.set("plan", planDocument);
        List<JsonNode> list = new ArrayList<>();
        double cost = 0;
        boolean anyCost = false;
        for (WorkerRecord record : workers.values()) {
            ObjectNode node = Json.MAPPER.valueToTree(record);
            long duration = record.durationMillis(now);
            if (duration >= 0) {
                node.put("duration_ms", duration);
            }
            node.put("worktree", layout.worktree(record.workstream()).toString());
            node.put("log", layout.workerLog(record.workstream()).toString());
            if (record.resultsCollected()) {
                node.put("results", layout.resultsDir(record.workstream()).resolve("RESULTS.md").toString());
            }
            if (record.costUsd() != null) {
                cost += record.costUsd();
                anyCost = true;
            }
            list.add(node);
        }
        root.set("workers", Json.MAPPER.valueToTree(list));
        root.set("merges", Json.MAPPER.valueToTree(merges));
        ObjectNode totals = root.putObject("totals");
        totals.put("workstreams", workers.size());
        for (WorkerStatus status : WorkerStatus.values()) {
            long count = workers.values().stream().filter(w -> w.status() == status).count();
            if (count > 0) {
                totals.put(status.id(), count);
            }
        }
        if (anyCost) {
            totals.put("cost_usd", cost);
        }
        return root;
    }
}
