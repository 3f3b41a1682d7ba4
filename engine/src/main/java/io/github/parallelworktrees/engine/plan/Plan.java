package io.github.parallelworktrees.engine.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated plan: the feature, its workstreams with their dependencies and waves, and run settings.
 *
 * @param source the plan file
 * @param document the plan as written (YAML/JSON tree), kept for run.json
 * @param base the branch workstreams start from; empty means the repository's current branch
 * @param mergeMode how autoMerge lands finished work (merge.mode): wave by wave, or as a queue
 * @param gateSlots how many gate runs a merge may have going at once while it looks for culprits (merge.gateSlots)
 * @param conflictResolver the worker a conflict no policy resolves is handed to (merge.resolver), if any
 * @param warnings things that are allowed but probably wrong (e.g. overlapping file scopes)
 * @param reviews each reviewed workstream's review, by name ({@code review:} resolved plan < wave < workstream)
 */
public record Plan(
        Path source,
        JsonNode document,
        String feature,
        Optional<String> base,
        String integration,
        int maxParallel,
        Optional<Double> budgetUsd,
        boolean autoMerge,
        MergeMode mergeMode,
        int gateSlots,
        List<String> setup,
        Map<String, String> env,
        List<Workstream> workstreams,
        List<Wave> waves,
        List<MergePolicy> mergePolicies,
        Optional<WorkerSpec> conflictResolver,
        List<String> warnings,
        Map<String, Review> reviews) {

    public Plan {
        reviews = Map.copyOf(reviews);
        setup = List.copyOf(setup);
        env = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));
        workstreams = List.copyOf(workstreams);
        waves = List.copyOf(waves);
        mergePolicies = List.copyOf(mergePolicies);
        warnings = List.copyOf(warnings);
    }

    /** The branch a workstream works on. */
    public String branchOf(Workstream workstream) {
        return feature + "/" + workstream.name();
    }

    /** The branch racer {@code number} of {@code workstream} works on: a sibling of the workstream's branch. */
    public String racerBranch(Workstream workstream, int number) {
        return feature + "/" + RaceSpec.racerName(workstream.name(), number);
    }

    /** The branch {@code workstream}'s test-writer works on ({@code review: {tests: true}}): a sibling of its own. */
    public String testsBranch(Workstream workstream) {
        return feature + "/" + Review.testsName(workstream.name());
    }

    /**
     * Every branch the plan's run makes: each workstream's (and its siblings': racers', test-writer's), then the
     * integration branch.
     */
    public List<String> branches() {
        List<String> branches = new ArrayList<>();
        for (Workstream ws : workstreams) {
            branches.add(branchOf(ws));
            siblings(ws, review(ws)).forEach(s -> branches.add(feature + "/" + s.name()));
        }
        branches.add(integration);
        return branches;
    }

    /**
     * A branch, worktree and results folder the run makes beside a workstream's own, named after it: a racer's
     * ({@code <ws>-racer-<n>}) or the test-writer's ({@code <ws>-tests}). Git cannot hold refs under
     * {@code <feature>/<ws>/} beside the branch {@code <feature>/<ws>}, hence siblings, whose names no workstream may
     * take.
     *
     * @param what what it is, in words ("racer 2", "the test-writer")
     */
    public record Sibling(String name, String what) {
    }

    /** The siblings {@code ws} has, given its race and its review. */
    public static List<Sibling> siblings(Workstream ws, Optional<Review> review) {
        List<Sibling> siblings = new ArrayList<>();
        ws.race().ifPresent(race -> race.racers().forEach(r -> siblings.add(
                new Sibling(RaceSpec.racerName(ws.name(), r.number()), "racer " + r.number()))));
        if (review.filter(Review::tests).isPresent()) {
            siblings.add(new Sibling(Review.testsName(ws.name()), "the test-writer"));
        }
        return siblings;
    }

    /** How often a left-out branch of {@code workstream}'s wave goes back to its worker (0: never). */
    public int repairAttempts(Workstream workstream) {
        return waves.stream().filter(w -> w.number() == workstream.wave()).findFirst().map(Wave::repairAttempts)
                .orElse(0);
    }

    /** The review {@code workstream}'s finished branch gets before it may land, if the plan asks for one. */
    public Optional<Review> review(Workstream workstream) {
        return Optional.ofNullable(reviews.get(workstream.name()));
    }

    public Optional<Workstream> workstream(String name) {
        return workstreams.stream().filter(w -> w.name().equals(name)).findFirst();
    }
}
