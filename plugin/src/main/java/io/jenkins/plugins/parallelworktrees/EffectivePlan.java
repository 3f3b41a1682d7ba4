package io.jenkins.plugins.parallelworktrees;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.plan.PlanException;
import io.github.parallelworktrees.engine.plan.PlanParser;
import io.github.parallelworktrees.engine.plan.RaceSpec;
import io.github.parallelworktrees.engine.plan.Suggestions;
import io.github.parallelworktrees.engine.plan.Workstream;
import io.github.parallelworktrees.engine.ledger.Json;
import io.github.parallelworktrees.engine.ledger.RunLayout;
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
     * The whole plan, with the claudeWorker step's parameters applied to its workstream {@code name}: the engine
     * runs that one workstream of it ({@code PlanRunner.runWorkstream}), so its brief still names its dependencies
     * and dependents, and its branch can start from the integration branch that holds its dependencies.
     *
     * @param prompt the step's prompt, which replaces the plan's prompt or tasks file
     * @param worker the step's worker parameters (model, maxTurns, ...), which win over the plan's
     */
    static Plan forWorkstream(Plan plan, Path repository, String name, Optional<String> prompt,
            Map<String, Object> worker, WorkerDefaults defaults) {
        return forWorkstream(plan, repository, name, 0, prompt, worker, defaults);
    }

    /**
     * The same for racer {@code racer} of the raced workstream {@code name} (0: the workstream itself): the step's
     * parameters go where they win over what the plan gives that racer, its entry of {@code racers:} when the plan
     * has one (an entry's fields win over the workstream's worker), else the workstream's. The document is written
     * under the racer's name, so racers sharing a workspace do not overwrite each other's.
     */
    static Plan forWorkstream(Plan plan, Path repository, String name, int racer, Optional<String> prompt,
            Map<String, Object> worker, WorkerDefaults defaults) {
        Workstream ws = plan.workstream(name).orElseThrow(() -> new PlanException("workstream '" + name
                + "' is not in the plan " + plan.source() + Suggestions.didYouMean(name, names(plan))
                + "; its workstreams are " + names(plan)));
        ObjectNode doc = applyDefaults(withStepParameters(copy(plan), ws, racer, prompt, worker), defaults);
        // merging is mergeWave's; without autoMerge the engine gates the finished branch with its wave's gate
        doc.put("autoMerge", false);
        return write(repository, plan.feature(), racer == 0 ? name : RaceSpec.racerName(name, racer), doc);
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
     * The step's prompt and worker parameters written into {@code ws}'s entry of the document, or into racer
     * {@code racer}'s entry of it (0: the workstream's own).
     */
    private static ObjectNode withStepParameters(ObjectNode doc, Workstream ws, int racer, Optional<String> prompt,
            Map<String, Object> worker) {
        for (JsonNode node : doc.path("workstreams")) {
            if (!ws.name().equals(node.path("name").asText())) {
                continue;
            }
            ObjectNode entry = (ObjectNode) node;
            JsonNode racers = entry.path("racers");
            if (racer > 0 && racers.isArray() && racers.get(racer - 1) instanceof ObjectNode own) {
                // a racer's entry holds its worker's fields and its prompt side by side
                prompt.ifPresent(p -> own.put("prompt", p));
                worker.forEach((key, value) -> own.set(key, Json.MAPPER.valueToTree(value)));
                continue;
            }
            prompt.ifPresent(p -> {
                entry.put("prompt", p);
                entry.remove("tasks");
            });
            if (!worker.isEmpty()) {
                ObjectNode spec = entry.path("worker").isObject() ? (ObjectNode) entry.get("worker")
                        : entry.putObject("worker");
                worker.forEach((key, value) -> spec.set(key, Json.MAPPER.valueToTree(value)));
            }
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
        Path file = RunLayout.root(repository, feature).resolve("jenkins").resolve(name + ".json");
        Json.writeAtomically(file, doc);
        return PlanParser.read(file);
    }
}
