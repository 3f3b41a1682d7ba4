package io.github.parallelworktrees.engine.ledger;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * run.json, made from the folded ledger and git. A copy for readers (scripts, a Jenkins step): it is written again
 * after every event, and {@code landed} in it is git's answer at {@code written_at}.
 */
final class Snapshots {

    private Snapshots() {
    }

    static ObjectNode runDocument(RunLayout layout, RunView view, Landings landings, boolean alive) {
        Instant now = Instant.now();
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("written_at", now.toString());
        root.put("source", "ledger.jsonl (events) + git (what landed); this file is a copy of them");
        root.set("run", Json.MAPPER.valueToTree(view.statusNow(alive, landings)));
        root.set("plan", view.plan());
        landings.integrationTip().ifPresent(tip -> root.put("integration_tip", tip));
        ArrayNode workers = root.putArray("workers");
        double cost = 0;
        boolean anyCost = false;
        for (WorkerRecord record : view.workers().values()) {
            ObjectNode node = Json.MAPPER.valueToTree(record);
            long duration = record.durationMillis(now);
            if (duration >= 0) {
                node.put("duration_ms", duration);
            }
            landings.tip(record.branch()).ifPresent(tip -> node.put("branch_tip", tip));
            node.put("landed", landings.landed(record.branch()));
            node.put("worktree", layout.worktree(record.workstream()).toString());
            node.put("log", layout.workerLog(record.workstream()).toString());
            if (record.resultsCollected()) {
                node.put("results", layout.resultsDir(record.workstream()).resolve("RESULTS.md").toString());
            }
            if (record.costUsd() != null) {
                cost += record.costUsd();
                anyCost = true;
            }
            workers.add(node);
        }
        if (!view.races().isEmpty() || !view.racers().isEmpty()) {
            root.set("races", races(layout, view, landings, now));
        }
        ArrayNode merges = root.putArray("merges");
        for (RunView.Merge merge : view.merges()) {
            ObjectNode node = Json.MAPPER.valueToTree(merge.result());
            node.put("seq", merge.seq());
            merge.undoneBy().ifPresent(r -> node.set("rolled_back", Json.MAPPER.valueToTree(r)));
            merges.add(node);
        }
        root.set("rollbacks", Json.MAPPER.valueToTree(view.rollbacks()));
        root.set("repairs", Json.MAPPER.valueToTree(view.repairs()));
        ObjectNode totals = root.putObject("totals");
        totals.put("workstreams", view.workers().size());
        for (WorkerStatus status : WorkerStatus.values()) {
            long count = view.workers().values().stream().filter(w -> w.status() == status).count();
            if (count > 0) {
                totals.put(status.id(), count);
            }
        }
        totals.put("landed", view.workers().values().stream().filter(w -> landings.landed(w.branch())).count());
        if (anyCost || RaceCosts.any(view)) {
            totals.put("cost_usd", cost + RaceCosts.total(view));
        }
        return root;
    }

    /**
     * Each raced workstream: its racers (their records, as the workers' are shown) and the race's judgement, once
     * it was judged.
     */
    private static ArrayNode races(RunLayout layout, RunView view, Landings landings, Instant now) {
        ArrayNode races = Json.MAPPER.createArrayNode();
        java.util.Set<String> raced = new java.util.LinkedHashSet<>(view.racers().keySet());
        raced.addAll(view.races().keySet());
        for (String workstream : raced) {
            ObjectNode race = races.addObject();
            race.put("workstream", workstream);
            ArrayNode racers = race.putArray("racers");
            view.racersOf(workstream).forEach((number, record) -> {
                ObjectNode node = Json.MAPPER.valueToTree(record);
                node.put("racer", number);
                long duration = record.durationMillis(now);
                if (duration >= 0) {
                    node.put("duration_ms", duration);
                }
                landings.tip(record.branch()).ifPresent(tip -> node.put("branch_tip", tip));
                node.put("worktree", layout.worktree(record.workstream()).toString());
                node.put("log", layout.workerLog(record.workstream()).toString());
                racers.add(node);
            });
            RaceResult result = view.races().get(workstream);
            if (result != null) {
                race.set("judged", Json.MAPPER.valueToTree(result));
            }
        }
        return races;
    }
}
