package io.jenkins.plugins.parallelworktrees;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.plan.PlanException;
import io.github.parallelworktrees.engine.plan.PlanParser;
import io.github.parallelworktrees.engine.plan.Suggestions;
import io.github.parallelworktrees.engine.plan.Workstream;
import io.github.parallelworktrees.engine.state.Json;
import io.github.parallelworktrees.engine.state.RunLayout;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The plan a step hands to the engine: the plan file with the global defaults and the step's own parameters
 * applied to its document, validated again by the engine's parser, and written beside the run
 * ({@code .worktrees/<feature>/jenkins/<name>.json}) so that what ran can be read, and resumed with {@code pwt}.
 * Only the document changes; every rule about what a plan may say stays in the engine.
 */
final class EffectivePlan {

    private EffectivePlan() {
    }

    /** The whole plan with the global defaults. */
    static Plan withDefaults(Plan plan, Path repository, WorkerDefaults defaults) {
        if (defaults.equals(WorkerDefaults.NONE)) {
            return plan;
        }
        ObjectNode doc = applyDefaults(copy(plan), defaults);
        return write(repository, plan.feature(), "plan", doc);
    }

    /**
     * A plan of the one workstream {@code name} of {@code plan}, as the claudeWorker step runs it.
     *
     * @param prompt the step's prompt, which replaces the plan's prompt or tasks file
     * @param worker the step's worker parameters (model, maxTurns, ...), which win over the plan's
     */
    static Plan forWorkstream(Plan plan, Path repository, String name, Optional<String> prompt,
            Map<String, Object> worker, WorkerDefaults defaults) {
        Workstream ws = plan.workstream(name).orElseThrow(() -> new PlanException("workstream '" + name
                + "' is not in the plan " + plan.source() + Suggestions.didYouMean(name, names(plan))
                + "; its workstreams are " + names(plan)));
        ObjectNode doc = applyDefaults(narrow(copy(plan), plan, ws, prompt, worker), defaults);
        return write(repository, plan.feature(), name, doc);
    }

    /** A plan of one workstream made of the step's parameters alone, for a claudeWorker without a plan. */
    static Plan single(Path repository, String feature, String name, String prompt, Map<String, Object> worker,
            WorkerDefaults defaults) {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("feature", feature);
        ObjectNode ws = doc.putArray("workstreams").addObject();
        ws.put("name", name);
        ws.put("prompt", prompt);
        ObjectNode spec = doc.putObject("worker");
        spec.put("type", "claude");
        worker.forEach((key, value) -> spec.set(key, Json.MAPPER.valueToTree(value)));
        return write(repository, feature, name, applyDefaults(doc, defaults));
    }

    /** The global defaults, where the document says nothing; the budget cap lowers a larger plan budget. */
    static ObjectNode applyDefaults(ObjectNode doc, WorkerDefaults defaults) {
        ObjectNode worker = doc.path("worker").isObject() ? (ObjectNode) doc.get("worker") : doc.putObject("worker");
        if (defaults.claudePath() != null && !worker.has("claudePath")) {
            worker.put("claudePath", defaults.claudePath());
        }
        if (defaults.model() != null && !worker.has("model")) {
            worker.put("model", defaults.model());
        }
        if (defaults.budgetUsd() != null) {
            JsonNode planBudget = doc.path("budgetUsd");
            doc.put("budgetUsd", planBudget.isNumber() ? Math.min(planBudget.asDouble(), defaults.budgetUsd())
                    : defaults.budgetUsd());
        }
        return doc;
    }

    /**
     * The document cut down to {@code ws}: whoever runs it has waited for its dependencies already, so they go;
     * its wave is kept explicitly; merging is left to the mergeWave step.
     */
    static ObjectNode narrow(ObjectNode doc, Plan plan, Workstream ws, Optional<String> prompt,
            Map<String, Object> worker) {
        doc.put("feature", plan.feature());
        doc.put("autoMerge", false);
        doc.put("maxParallel", 1);
        doc.remove("merge");
        ArrayNode workstreams = Json.MAPPER.createArrayNode();
        for (JsonNode node : doc.path("workstreams")) {
            if (ws.name().equals(node.path("name").asText())) {
                ObjectNode kept = ((ObjectNode) node).deepCopy();
                kept.remove("dependsOn");
                kept.put("wave", ws.wave());
                prompt.ifPresent(p -> {
                    kept.put("prompt", p);
                    kept.remove("tasks");
                });
                if (!worker.isEmpty()) {
                    ObjectNode spec = kept.path("worker").isObject() ? (ObjectNode) kept.get("worker")
                            : kept.putObject("worker");
                    worker.forEach((key, value) -> spec.set(key, Json.MAPPER.valueToTree(value)));
                }
                workstreams.add(kept);
            }
        }
        doc.set("workstreams", workstreams);
        ArrayNode waves = Json.MAPPER.createArrayNode();
        for (JsonNode wave : doc.path("waves")) {
            if (wave.path("wave").asInt() == ws.wave()) {
                waves.add(wave);
            }
        }
        if (doc.has("waves")) {
            doc.set("waves", waves);
        }
        return doc;
    }

    private static java.util.List<String> names(Plan plan) {
        return plan.workstreams().stream().map(Workstream::name).toList();
    }

    private static ObjectNode copy(Plan plan) {
        return plan.document().isObject() ? ((ObjectNode) plan.document()).deepCopy()
                : Json.MAPPER.createObjectNode();
    }

    private static Plan write(Path repository, String feature, String name, ObjectNode doc) {
        Path file = new RunLayout(repository, feature).root().resolve("jenkins").resolve(name + ".json");
        Json.writeAtomically(file, doc);
        return PlanParser.read(file);
    }
}
