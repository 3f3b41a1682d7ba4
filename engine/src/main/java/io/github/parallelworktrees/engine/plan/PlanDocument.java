package io.github.parallelworktrees.engine.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** The plan file exactly as written, before defaults and validation; every field may be absent (null). */
record PlanDocument(
        String feature,
        String base,
        String integration,
        Integer maxParallel,
        Double budgetUsd,
        Boolean autoMerge,
        List<String> setup,
        Map<String, Object> env,
        WorkerDocument worker,
        List<WorkstreamDocument> workstreams,
        List<WaveDocument> waves,
        MergeDocument merge,
        RepairDocument repair,
        ReviewDocument review) {

    record WorkerDocument(
            String type,
            String model,
            Integer maxTurns,
            Double timeoutMinutes,
            String permissionMode,
            Double budgetUsd,
            String claudePath,
            String run,
            String rehearsal,
            List<String> allowedTools,
            Integer retries,
            Double retryDelaySeconds) {
    }

    record WorkstreamDocument(
            String name,
            String prompt,
            String tasks,
            List<String> files,
            List<String> dependsOn,
            Integer wave,
            WorkerDocument worker,
            ReviewDocument review,
            Integer race,
            List<RacerDocument> racers,
            ScoreDocument score) {
    }

    /** One entry of {@code racers:}: any worker field to override, and the racer's own prompt. */
    record RacerDocument(
            String type,
            String model,
            Integer maxTurns,
            Double timeoutMinutes,
            String permissionMode,
            Double budgetUsd,
            String claudePath,
            String run,
            String rehearsal,
            List<String> allowedTools,
            Integer retries,
            Double retryDelaySeconds,
            String prompt) {

        WorkerDocument worker() {
            return new WorkerDocument(type, model, maxTurns, timeoutMinutes, permissionMode, budgetUsd, claudePath,
                    run, rehearsal, allowedTools, retries, retryDelaySeconds);
        }
    }

    /** {@code score:}: the weight of each term of a race's score (absent terms weigh 0). */
    record ScoreDocument(Double tests, Double coverage, Double diffSize, Double review, Double cost) {
    }

    record WaveDocument(Integer wave, JsonNode gate, Boolean partial, RepairDocument repair, ReviewDocument review) {
    }

    /** {@code review: {worker, focus, criticality, tests}} on the plan, a wave or a workstream. */
    record ReviewDocument(WorkerDocument worker, List<String> focus, String criticality, Boolean tests) {
    }

    /** {@code repair: {attempts: N}}: how often a left-out branch goes back to its own worker. */
    record RepairDocument(Integer attempts) {
    }

    record MergeDocument(String mode, List<PolicyDocument> policies, WorkerDocument resolver, Integer gateSlots) {
    }

    record PolicyDocument(String path, String strategy, String owner) {
    }
}
