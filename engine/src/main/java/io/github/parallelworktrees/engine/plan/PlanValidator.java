package io.github.parallelworktrees.engine.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.parallelworktrees.engine.gate.GateSpec;
import io.github.parallelworktrees.engine.gate.GateSpecs;
import io.github.parallelworktrees.engine.git.RefNames;
import io.github.parallelworktrees.engine.plan.PlanDocument.PolicyDocument;
import io.github.parallelworktrees.engine.plan.PlanDocument.WaveDocument;
import io.github.parallelworktrees.engine.plan.PlanDocument.WorkerDocument;
import io.github.parallelworktrees.engine.plan.PlanDocument.WorkstreamDocument;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Applies defaults and checks a plan document, collecting every problem with its line. */
final class PlanValidator {

    /** Gate runs at once beyond this would mostly wait for the machine and for each other. */
    static final int MAX_GATE_SLOTS = 8;
    private static final Pattern WORKSTREAM_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final Pattern FEATURE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** Names the run's own files and folders under .worktrees/<feature>/ use. */
    private static final Set<String> RESERVED =
            Set.of("results", "archive", "history", "integration", "merges", "control", "repairs", "ledger.jsonl",
                    "sessions.json", "run.json",
                    "report.html", "run.lock");
    private static final List<String> PERMISSION_MODES =
            List.of("acceptEdits", "bypassPermissions", "dontAsk", "auto", "default", "manual", "plan");
    private static final List<String> STRATEGIES = List.of("owner", "union", "ours", "theirs");

    private final SourceMap sources;
    private final JsonNode tree;
    private final String derivedFeature;
    private final Set<String> refused;
    private final List<String> problems = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    /**
     * @param shape what {@link DocumentShape} found: its problems are reported with the validator's, and a
     *     problem that follows from a value it refused is left out (it would only repeat it)
     */
    PlanValidator(SourceMap sources, JsonNode tree, String derivedFeature, DocumentShape.Result shape) {
        this.sources = sources;
        this.tree = tree;
        this.derivedFeature = derivedFeature;
        this.refused = shape.refused();
        this.problems.addAll(shape.problems());
    }

    Plan validate(PlanDocument doc, Path file) {
        String feature = feature(doc.feature());
        String integration = doc.integration() != null ? doc.integration() : feature + "/integration";
        if (doc.integration() != null) {
            RefNames.problemWithBranch(integration)
                    .ifPresent(p -> problem("integration", "integration branch '" + integration + "' " + p));
        }
        if (doc.base() != null) {
            checkBase(doc.base());
        }
        WorkerDocument defaults = doc.worker() != null ? doc.worker() : emptyWorker();
        checkWorkerDocument(defaults, "worker");

        List<WorkstreamDocument> docs = doc.workstreams() == null ? List.of() : doc.workstreams();
        if (docs.isEmpty()) {
            problem("workstreams", "the plan has no workstreams; add at least one under 'workstreams:'");
        }
        Map<String, Integer> indexByName = new LinkedHashMap<>();
        for (int i = 0; i < docs.size(); i++) {
            checkName(docs.get(i), i, feature, indexByName);
        }
        Map<String, List<String>> deps = new LinkedHashMap<>();
        for (int i = 0; i < docs.size(); i++) {
            WorkstreamDocument ws = docs.get(i);
            if (ws == null || ws.name() == null || !Objects.equals(indexByName.get(ws.name()), i)) {
                continue;
            }
            deps.put(ws.name(), checkDependencies(ws, i, indexByName.keySet()));
        }
        // with a problem found already the waves are not derived (a cycle or an unknown name has none), and no wave
        // is said to have no workstreams: that would be a second, false error beside the real one
        boolean wavesKnown = problems.isEmpty();
        Map<String, Integer> waves = wavesKnown ? waves(docs, deps) : Map.of();

        List<Workstream> workstreams = new ArrayList<>();
        for (int i = 0; i < docs.size(); i++) {
            WorkstreamDocument ws = docs.get(i);
            if (ws == null || ws.name() == null || !deps.containsKey(ws.name())) {
                continue;
            }
            String at = "workstreams[" + i + "]";
            boolean everyRacerPrompted = ws.racers() != null && !ws.racers().isEmpty()
                    && ws.racers().stream().allMatch(r -> r != null && !blank(r.prompt()));
            if (blank(ws.prompt()) && blank(ws.tasks()) && !everyRacerPrompted) {
                problem(at, "workstream '" + ws.name() + "' has neither 'prompt' nor 'tasks'; say what it should do");
            }
            if (ws.worker() != null) {
                checkWorkerDocument(ws.worker(), at + ".worker");
            }
            WorkerSpec worker = worker(merge(defaults, ws.worker()), at);
            Optional<RaceSpec> race = race(ws, at, merge(defaults, ws.worker()));
            workstreams.add(new Workstream(ws.name(), i, Optional.ofNullable(ws.prompt()).filter(s -> !s.isBlank()),
                    Optional.ofNullable(ws.tasks()).filter(s -> !s.isBlank()), nonNull(ws.files()),
                    deps.get(ws.name()), waves.getOrDefault(ws.name(), 1), worker, race));
        }
        Map<String, Review> reviews = reviews(doc, defaults, docs, workstreams);
        checkSiblingNames(workstreams, indexByName, reviews);
        warnOverlaps(workstreams);
        if (doc.integration() != null) {
            List<String> branches = new ArrayList<>();
            for (Workstream ws : workstreams) {
                branches.add(feature + "/" + ws.name());
                Plan.siblings(ws, Optional.ofNullable(reviews.get(ws.name())))
                        .forEach(s -> branches.add(feature + "/" + s.name()));
            }
            List<String> blocking = RefNames.blocking(integration, branches);
            if (branches.contains(integration)) {
                problem("integration", "integration branch '" + integration + "' is the branch of workstream '"
                        + integration.substring(feature.length() + 1) + "'; choose another 'integration:' branch");
            } else if (!blocking.isEmpty()) {
                problem("integration", "integration branch '" + integration + "' and workstream branch '"
                        + blocking.get(0) + "' cannot both exist (a branch name cannot also be a folder of"
                        + " branches); choose another 'integration:' branch");
            }
        }

        // by default everything runs at once: each racer of a race is a worker of its own
        int workers = workstreams.stream().mapToInt(ws -> ws.race().map(r -> r.racers().size()).orElse(1)).sum();
        int maxParallel = doc.maxParallel() != null ? doc.maxParallel() : Math.max(1, workers);
        if (maxParallel < 1) {
            problem("maxParallel", "maxParallel must be at least 1, got " + maxParallel);
        }
        if (doc.budgetUsd() != null && !(doc.budgetUsd() > 0)) {
            problem("budgetUsd", "budgetUsd must be more than 0, got " + doc.budgetUsd());
        }
        Map<String, String> env = env(doc.env());
        List<String> setup = nonNull(doc.setup());
        for (int i = 0; i < setup.size(); i++) {
            if (blank(setup.get(i))) {
                problem("setup[" + i + "]", "setup command " + (i + 1) + " is empty");
            }
        }
        int planRepairs = repairAttempts(doc.repair(), "repair", 0);
        List<Wave> waveList = waveList(doc.waves(), workstreams, planRepairs, wavesKnown);
        List<MergePolicy> policies = policies(doc.merge(), indexByName.keySet());
        // the queue is the default: it never waits for a wave's slowest worker (docs/merging.md, bench/run makespan)
        MergeMode mode = MergeMode.QUEUE;
        if (doc.merge() != null && doc.merge().mode() != null) {
            Optional<MergeMode> named = MergeMode.of(doc.merge().mode());
            if (named.isPresent()) {
                mode = named.get();
            } else {
                problem("merge.mode", "merge mode '" + doc.merge().mode() + "' is not one of queue, waves"
                        + Suggestions.didYouMean(doc.merge().mode(), List.of("queue", "waves")));
            }
        }
        if (mode == MergeMode.QUEUE && Boolean.TRUE.equals(doc.autoMerge()) && doc.waves() != null) {
            doc.waves().stream().filter(w -> w != null && Boolean.FALSE.equals(w.partial())).findFirst()
                    .ifPresent(w -> warnings.add("wave " + w.wave() + " says 'partial: false', but in the queue every"
                            + " wave is partial (what passes its gate lands, culprits are left out); for all or"
                            + " nothing per wave use 'merge: {mode: waves}'"));
        }
        int gateSlots = 1;
        if (doc.merge() != null && doc.merge().gateSlots() != null) {
            gateSlots = doc.merge().gateSlots();
            if (gateSlots < 1 || gateSlots > MAX_GATE_SLOTS) {
                problem("merge.gateSlots", "merge.gateSlots must be from 1 to " + MAX_GATE_SLOTS + " (gate runs at"
                        + " once), got " + gateSlots);
            }
        }
        Optional<WorkerSpec> resolver = Optional.empty();
        if (doc.merge() != null && doc.merge().resolver() != null) {
            checkWorkerDocument(doc.merge().resolver(), "merge.resolver");
            resolver = Optional.of(worker(merge(defaults, doc.merge().resolver()), "merge.resolver"));
        }

        if (!problems.isEmpty()) {
            throw new PlanException(problems);
        }
        return new Plan(file, tree, feature, Optional.ofNullable(doc.base()), integration, maxParallel,
                Optional.ofNullable(doc.budgetUsd()), Boolean.TRUE.equals(doc.autoMerge()), mode, gateSlots, setup,
                env, workstreams, waveList, policies, resolver, warnings, reviews);
    }

    /**
     * The base may be any revision git resolves to a commit (a branch, a tag, HEAD~1, a commit id); the run
     * resolves it. Only what could never be one, or could be read as an option, is refused here.
     */
    private void checkBase(String base) {
        if (base.isBlank()) {
            problem("base", "base is empty; name a branch, tag or commit, or leave 'base:' out for the current"
                    + " branch");
        } else if (base.startsWith("-")) {
            problem("base", "base '" + base + "' starts with '-'; name a branch, tag or commit");
        } else if (base.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == ' ')) {
            problem("base", "base '" + base.strip() + "' holds a space or control character, which no git"
                    + " revision has; name a branch, tag or commit");
        }
    }

    private String feature(String declared) {
        String feature = declared != null ? declared : derivedFeature;
        String origin = declared != null ? "feature" : "feature '" + feature + "' (from the file name)";
        if (!FEATURE_NAME.matcher(feature).matches() || RefNames.problemWithBranch(feature + "/x").isPresent()) {
            problem("feature", origin + (declared != null ? " '" + feature + "'" : "")
                    + " is not a usable branch prefix: use letters, digits, '.', '_' and '-'"
                    + (declared == null ? "; set 'feature:' in the plan" : ""));
        }
        return feature;
    }

    private void checkName(WorkstreamDocument ws, int i, String feature, Map<String, Integer> seen) {
        String at = "workstreams[" + i + "]";
        if (ws == null) {
            problem(at, "workstream " + (i + 1) + " is empty");
            return;
        }
        String name = ws.name();
        if (blank(name)) {
            problem(at, "workstream " + (i + 1) + " has no 'name'");
            return;
        }
        String where = at + ".name";
        if (!WORKSTREAM_NAME.matcher(name).matches()) {
            problem(where, "workstream name '" + name + "' is invalid: use lower-case letters, digits, '.', '_' "
                    + "and '-', starting with a letter or digit (it becomes branch " + feature + "/<name>)");
            return;
        }
        Optional<String> refProblem = RefNames.problemWithBranch(feature + "/" + name);
        if (refProblem.isPresent()) {
            problem(where, "workstream name '" + name + "' makes branch '" + feature + "/" + name
                    + "', which git refuses: it " + refProblem.get());
            return;
        }
        if (RESERVED.contains(name)) {
            problem(where, "workstream name '" + name + "' is reserved for the run's own files; choose another");
            return;
        }
        Integer first = seen.putIfAbsent(name, i);
        if (first != null) {
            problem(where, "duplicate workstream '" + name + "' (first defined at "
                    + sources.at("workstreams[" + first + "].name") + ")");
        }
    }

    private List<String> checkDependencies(WorkstreamDocument ws, int i, Set<String> names) {
        List<String> deps = nonNull(ws.dependsOn());
        Set<String> unique = new HashSet<>();
        for (int d = 0; d < deps.size(); d++) {
            String dep = deps.get(d);
            String at = "workstreams[" + i + "].dependsOn[" + d + "]";
            if (dep == null || !names.contains(dep)) {
                problem(at, "workstream '" + ws.name() + "' depends on unknown workstream '" + dep + "'"
                        + (dep == null ? "" : Suggestions.didYouMean(dep, names)));
            } else if (dep.equals(ws.name())) {
                problem(at, "workstream '" + ws.name() + "' depends on itself");
            } else if (!unique.add(dep)) {
                problem(at, "workstream '" + ws.name() + "' lists dependency '" + dep + "' twice");
            }
        }
        return deps;
    }

    /** Wave of each workstream: its explicit wave, or one more than the highest wave it depends on. */
    private Map<String, Integer> waves(List<WorkstreamDocument> docs, Map<String, List<String>> deps) {
        List<String> cycle = findCycle(deps);
        if (!cycle.isEmpty()) {
            int at = -1;
            for (int i = 0; i < docs.size(); i++) {
                if (docs.get(i) != null && cycle.get(0).equals(docs.get(i).name())) {
                    at = i;
                }
            }
            problem("workstreams[" + at + "].dependsOn", "dependsOn cycle: " + String.join(" -> ", cycle));
            return Map.of();
        }
        Map<String, Integer> explicit = new HashMap<>();
        Map<String, Integer> indexOf = new HashMap<>();
        for (int i = 0; i < docs.size(); i++) {
            WorkstreamDocument ws = docs.get(i);
            if (ws != null && ws.name() != null && ws.wave() != null) {
                explicit.put(ws.name(), ws.wave());
                indexOf.put(ws.name(), i);
                if (ws.wave() < 1) {
                    problem("workstreams[" + i + "].wave", "wave of '" + ws.name() + "' must be 1 or more, got "
                            + ws.wave());
                }
            }
        }
        Map<String, Integer> waves = new HashMap<>();
        for (String name : deps.keySet()) {
            waveOf(name, deps, explicit, waves);
        }
        for (Map.Entry<String, Integer> entry : explicit.entrySet()) {
            for (String dep : deps.get(entry.getKey())) {
                if (waves.get(dep) >= entry.getValue()) {
                    problem("workstreams[" + indexOf.get(entry.getKey()) + "].wave", "workstream '" + entry.getKey()
                            + "' is in wave " + entry.getValue() + " but depends on '" + dep + "' in wave "
                            + waves.get(dep) + "; a workstream's wave must come after its dependencies'");
                }
            }
        }
        return waves;
    }

    private int waveOf(String name, Map<String, List<String>> deps, Map<String, Integer> explicit,
            Map<String, Integer> waves) {
        Integer known = waves.get(name);
        if (known != null) {
            return known;
        }
        int level = 1;
        for (String dep : deps.get(name)) {
            level = Math.max(level, waveOf(dep, deps, explicit, waves) + 1);
        }
        int wave = explicit.getOrDefault(name, level);
        waves.put(name, wave);
        return wave;
    }

    /** A dependency cycle as a path that returns to its start ("a -> b -> a"), or empty. */
    static List<String> findCycle(Map<String, List<String>> deps) {
        Map<String, Integer> state = new HashMap<>();
        for (String start : deps.keySet()) {
            List<String> path = new ArrayList<>();
            List<String> cycle = visit(start, deps, state, path);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        return List.of();
    }

    private static List<String> visit(String node, Map<String, List<String>> deps, Map<String, Integer> state,
            List<String> path) {
        Integer s = state.get(node);
        if (s != null && s == 2) {
            return List.of();
        }
        if (s != null && s == 1) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
            cycle.add(node);
            return cycle;
        }
        state.put(node, 1);
        path.add(node);
        for (String dep : deps.getOrDefault(node, List.of())) {
            if (deps.containsKey(dep)) {
                List<String> cycle = visit(dep, deps, state, path);
                if (!cycle.isEmpty()) {
                    return cycle;
                }
            }
        }
        path.remove(path.size() - 1);
        state.put(node, 2);
        return List.of();
    }

    private void checkWorkerDocument(WorkerDocument worker, String at) {
        if (worker.type() != null && WorkerType.parse(worker.type()).isEmpty()) {
            problem(at + ".type", "worker type '" + worker.type() + "' is unknown; use 'claude' or 'command'");
        }
        if (worker.maxTurns() != null && worker.maxTurns() < 1) {
            problem(at + ".maxTurns", "maxTurns must be at least 1, got " + worker.maxTurns());
        }
        if (worker.timeoutMinutes() != null && !(worker.timeoutMinutes() > 0)) {
            problem(at + ".timeoutMinutes", "timeoutMinutes must be more than 0, got " + worker.timeoutMinutes());
        }
        if (worker.retries() != null && (worker.retries() < 0 || worker.retries() > 10)) {
            problem(at + ".retries", "retries must be from 0 to 10, got " + worker.retries());
        }
        if (worker.retryDelaySeconds() != null && !(worker.retryDelaySeconds() >= 0)) {
            problem(at + ".retryDelaySeconds", "retryDelaySeconds must be 0 or more, got "
                    + worker.retryDelaySeconds());
        }
        if (worker.budgetUsd() != null && !(worker.budgetUsd() > 0)) {
            problem(at + ".budgetUsd", "budgetUsd must be more than 0, got " + worker.budgetUsd());
        }
        if (worker.permissionMode() != null) {
            if (!PERMISSION_MODES.contains(worker.permissionMode())) {
                problem(at + ".permissionMode", "permissionMode '" + worker.permissionMode() + "' is unknown"
                        + Suggestions.didYouMean(worker.permissionMode(), PERMISSION_MODES)
                        + "; use one of " + String.join(", ", PERMISSION_MODES.subList(0, 6)));
            } else if (worker.permissionMode().equals("plan")) {
                problem(at + ".permissionMode", "permissionMode 'plan' never finishes headless (the worker could"
                        + " only plan, not edit); use acceptEdits");
            }
        }
    }

    /**
     * The workstream's race ({@code race: N} or {@code racers: [...]}, with {@code score:}), or empty when it has
     * none. Each racer's worker is the workstream's with the racer's overrides.
     */
    private Optional<RaceSpec> race(WorkstreamDocument ws, String at, WorkerDocument workstreamWorker) {
        if (ws.race() != null && ws.racers() != null) {
            problem(at + ".racers", "workstream '" + ws.name() + "' has both 'race' and 'racers'; use 'race: N' for"
                    + " N racers with the same worker, or 'racers:' to give each its own, not both");
            return Optional.empty();
        }
        if (ws.race() == null && ws.racers() == null) {
            if (ws.score() != null) {
                problem(at + ".score", "workstream '" + ws.name() + "' has 'score' but no race; the score ranks"
                        + " racers: add 'race: N' (or 'racers:'), or remove 'score'");
            }
            return Optional.empty();
        }
        List<RaceSpec.Racer> racers = new ArrayList<>();
        if (ws.race() != null) {
            if (ws.race() < RaceSpec.MIN_RACERS || ws.race() > RaceSpec.MAX_RACERS) {
                problem(at + ".race", "race of workstream '" + ws.name() + "' must be from " + RaceSpec.MIN_RACERS
                        + " to " + RaceSpec.MAX_RACERS + " racers, got " + ws.race());
                return Optional.empty();
            }
            WorkerSpec spec = worker(workstreamWorker, at);
            for (int n = 1; n <= ws.race(); n++) {
                racers.add(new RaceSpec.Racer(n, spec, Optional.empty()));
            }
        } else {
            List<PlanDocument.RacerDocument> entries = ws.racers();
            if (entries.size() < RaceSpec.MIN_RACERS || entries.size() > RaceSpec.MAX_RACERS) {
                problem(at + ".racers", "racers of workstream '" + ws.name() + "' must list from "
                        + RaceSpec.MIN_RACERS + " to " + RaceSpec.MAX_RACERS + " racers, got " + entries.size());
                return Optional.empty();
            }
            for (int n = 0; n < entries.size(); n++) {
                PlanDocument.RacerDocument entry = entries.get(n);
                String where = at + ".racers[" + n + "]";
                if (entry == null) {
                    problem(where, "racer " + (n + 1) + " of workstream '" + ws.name() + "' is empty; give it a"
                            + " worker field to change (e.g. {model: opus}) or {} for the workstream's worker");
                    continue;
                }
                checkWorkerDocument(entry.worker(), where);
                racers.add(new RaceSpec.Racer(n + 1, worker(merge(workstreamWorker, entry.worker()), where),
                        Optional.ofNullable(entry.prompt()).filter(p -> !p.isBlank())));
            }
        }
        ScoreWeights weights = ScoreWeights.DEFAULT;
        if (ws.score() != null) {
            PlanDocument.ScoreDocument s = ws.score();
            weights = new ScoreWeights(orZero(s.tests()), orZero(s.coverage()), orZero(s.diffSize()),
                    orZero(s.review()), orZero(s.cost()));
        }
        return Optional.of(new RaceSpec(racers, weights));
    }

    private static double orZero(Double weight) {
        return weight == null ? 0 : weight;
    }

    /**
     * Racers work on branches {@code <feature>/<ws>-racer-<n>} and a test-writer on {@code <feature>/<ws>-tests},
     * beside the workstream's (git cannot hold refs under {@code <feature>/<ws>/} beside the branch
     * {@code <feature>/<ws>}): no workstream may be named like one of them (one rule: {@link Plan#siblings}).
     */
    private void checkSiblingNames(List<Workstream> workstreams, Map<String, Integer> indexByName,
            Map<String, Review> reviews) {
        for (Workstream ws : workstreams) {
            for (Plan.Sibling sibling : Plan.siblings(ws, Optional.ofNullable(reviews.get(ws.name())))) {
                Integer other = indexByName.get(sibling.name());
                if (other != null) {
                    problem("workstreams[" + other + "].name", "workstream name '" + sibling.name() + "' is the name"
                            + " of " + sibling.what() + " of workstream '" + ws.name() + "' (its branch and"
                            + " worktree); rename the workstream, or "
                            + (sibling.what().startsWith("racer") ? "race '" + ws.name() + "' with fewer racers"
                                    : "turn off review tests of '" + ws.name() + "'"));
                }
            }
        }
    }

    private WorkerSpec worker(WorkerDocument w, String at) {
        WorkerType type = w.type() == null ? WorkerType.CLAUDE : WorkerType.parse(w.type()).orElse(WorkerType.CLAUDE);
        if (type == WorkerType.COMMAND && blank(w.run())) {
            problem(at, "a worker of type 'command' needs 'run' (the command to run in the worktree)");
        }
        double minutes = w.timeoutMinutes() == null ? 60.0 : w.timeoutMinutes();
        return new WorkerSpec(type, w.model() == null ? "sonnet" : w.model(), Optional.ofNullable(w.maxTurns()),
                Duration.ofMillis(Math.max(1, Math.round(minutes * 60_000))),
                w.permissionMode() == null ? "acceptEdits" : w.permissionMode(), Optional.ofNullable(w.budgetUsd()),
                w.claudePath() == null ? "claude" : w.claudePath(), Optional.ofNullable(w.run()),
                Optional.ofNullable(w.rehearsal()), nonNull(w.allowedTools()),
                w.retries() == null ? 2 : w.retries(),
                Duration.ofMillis(Math.round((w.retryDelaySeconds() == null ? 10.0 : w.retryDelaySeconds()) * 1000)));
    }

    private static WorkerDocument merge(WorkerDocument base, WorkerDocument override) {
        if (override == null) {
            return base;
        }
        return new WorkerDocument(
                pick(override.type(), base.type()), pick(override.model(), base.model()),
                pick(override.maxTurns(), base.maxTurns()), pick(override.timeoutMinutes(), base.timeoutMinutes()),
                pick(override.permissionMode(), base.permissionMode()), pick(override.budgetUsd(), base.budgetUsd()),
                pick(override.claudePath(), base.claudePath()), pick(override.run(), base.run()),
                pick(override.rehearsal(), base.rehearsal()), pick(override.allowedTools(), base.allowedTools()),
                pick(override.retries(), base.retries()), pick(override.retryDelaySeconds(), base.retryDelaySeconds()));
    }

    private static <T> T pick(T override, T base) {
        return override != null ? override : base;
    }

    private static WorkerDocument emptyWorker() {
        return new WorkerDocument(null, null, null, null, null, null, null, null, null, null, null, null);
    }

    private Map<String, String> env(Map<String, Object> raw) {
        Map<String, String> env = new LinkedHashMap<>();
        if (raw == null) {
            return env;
        }
        for (Map.Entry<String, Object> entry : raw.entrySet()) {
            String at = "env." + entry.getKey();
            Object value = entry.getValue();
            if (!ENV_NAME.matcher(entry.getKey()).matches()) {
                problem(at, "env name '" + entry.getKey() + "' is not a valid variable name");
            } else if (value instanceof Map || value instanceof List) {
                problem(at, "env '" + entry.getKey() + "' must be a single value, not a list or mapping");
            } else if (value != null && String.valueOf(value).matches("(?s).*[\\r\\n\\x00].*")) {
                // each variable is one line of the worktree's .env: a line break would add variables of its own
                problem(at, "env '" + entry.getKey() + "' holds a line break (or NUL); a .env value must be one"
                        + " line: join the lines, or put the text in a file and name the file");
            } else {
                env.put(entry.getKey(), value == null ? "" : String.valueOf(value));
            }
        }
        String port = env.get("PORT");
        if (port != null && !port.matches("\\d{1,5}")) {
            problem("env.PORT", "env PORT must be a port number (each workstream gets PORT + its index), got '"
                    + port + "'");
        }
        return env;
    }

    /**
     * {@code repair: {attempts: N}} at {@code at}, or {@code inherited} when it is absent: a whole number of 0 or
     * more (the shape check has refused other types and unknown keys already).
     */
    private int repairAttempts(PlanDocument.RepairDocument repair, String at, int inherited) {
        if (repair == null || repair.attempts() == null) {
            if (repair != null) {
                problem(at, "repair needs 'attempts' (how often a left-out branch goes back to its worker), e.g."
                        + " repair: {attempts: 2}");
            }
            return inherited;
        }
        if (repair.attempts() < 0) {
            problem(at + ".attempts", "repair attempts must be 0 or more, got " + repair.attempts()
                    + " (0 turns repair off)");
            return inherited;
        }
        return repair.attempts();
    }

    private List<Wave> waveList(List<WaveDocument> docs, List<Workstream> workstreams, int planRepairs,
            boolean wavesKnown) {
        Map<Integer, List<String>> members = new TreeMap<>();
        for (Workstream ws : workstreams) {
            members.computeIfAbsent(ws.wave(), k -> new ArrayList<>()).add(ws.name());
        }
        Map<Integer, WaveDocument> declared = new HashMap<>();
        List<WaveDocument> list = docs == null ? List.of() : docs;
        for (int i = 0; i < list.size(); i++) {
            WaveDocument wave = list.get(i);
            String at = "waves[" + i + "]";
            if (wave == null || wave.wave() == null) {
                problem(at, "wave entry " + (i + 1) + " needs 'wave: <number>'");
            } else if (wavesKnown && !members.containsKey(wave.wave())) {
                problem(at + ".wave", "wave " + wave.wave() + " has no workstreams (the plan's waves are "
                        + members.keySet() + ")");
            } else if (declared.putIfAbsent(wave.wave(), wave) != null) {
                problem(at + ".wave", "wave " + wave.wave() + " is configured twice");
            }
        }
        List<Wave> waves = new ArrayList<>();
        members.forEach((number, names) -> {
            WaveDocument doc = declared.get(number);
            Optional<JsonNode> gate = Optional.ofNullable(doc).map(WaveDocument::gate).filter(g -> !g.isNull());
            Optional<GateSpec> spec = gate.flatMap(g -> gateSpec(g, "waves[" + list.indexOf(doc) + "].gate"));
            int repairs = doc == null ? planRepairs
                    : repairAttempts(doc.repair(), "waves[" + list.indexOf(doc) + "].repair", planRepairs);
            waves.add(new Wave(number, names, gate, spec, doc != null && Boolean.TRUE.equals(doc.partial()),
                    repairs));
        });
        return waves;
    }

    /**
     * Each workstream's review: the plan's {@code review:}, under its wave's, under its own; a key given at a more
     * specific level wins (the reviewer's worker settings too, key by key, over the plan's {@code worker} without its
     * {@code run} and {@code rehearsal}, which are the worker's own).
     */
    private Map<String, Review> reviews(PlanDocument doc, WorkerDocument defaults, List<WorkstreamDocument> docs,
            List<Workstream> workstreams) {
        Map<String, Review> reviews = new LinkedHashMap<>();
        List<ReviewLevel> planLevel = new ArrayList<>();
        if (doc.review() != null) {
            planLevel.add(new ReviewLevel(doc.review(), "review"));
        }
        Map<Integer, ReviewLevel> waveLevels = new HashMap<>();
        List<WaveDocument> waveDocs = doc.waves() == null ? List.of() : doc.waves();
        for (int i = 0; i < waveDocs.size(); i++) {
            WaveDocument w = waveDocs.get(i);
            if (w != null && w.wave() != null && w.review() != null) {
                waveLevels.putIfAbsent(w.wave(), new ReviewLevel(w.review(), "waves[" + i + "].review"));
            }
        }
        planLevel.forEach(this::checkReviewLevel);
        waveLevels.values().forEach(this::checkReviewLevel);
        for (Workstream ws : workstreams) {
            List<ReviewLevel> levels = new ArrayList<>(planLevel);
            Optional.ofNullable(waveLevels.get(ws.wave())).ifPresent(levels::add);
            WorkstreamDocument wsDoc = docs.get(ws.index());
            if (wsDoc.review() != null) {
                ReviewLevel own = new ReviewLevel(wsDoc.review(), "workstreams[" + ws.index() + "].review");
                checkReviewLevel(own);
                levels.add(own);
            }
            // a raced workstream's review reviews each of its racers in the race's judging (docs/racing.md)
            if (!levels.isEmpty()) {
                review(ws, levels, defaults).ifPresent(r -> reviews.put(ws.name(), r));
            }
        }
        return reviews;
    }

    /** One {@code review:} as written, and where. */
    private record ReviewLevel(PlanDocument.ReviewDocument doc, String at) {
    }

    /** The problems of one {@code review:} on its own (each level is checked once, where it is written). */
    private void checkReviewLevel(ReviewLevel level) {
        PlanDocument.ReviewDocument r = level.doc();
        if (r.worker() != null) {
            checkWorkerDocument(r.worker(), level.at() + ".worker");
        }
        List<String> focus = r.focus() == null ? List.of() : r.focus();
        for (int i = 0; i < focus.size(); i++) {
            String f = focus.get(i);
            if (f == null || Review.Focus.parse(f).isEmpty()) {
                problem(level.at() + ".focus[" + i + "]", "review focus '" + f + "' is unknown"
                        + (f == null ? "" : Suggestions.didYouMean(f, Review.Focus.ids())) + "; use "
                        + String.join(", ", Review.Focus.ids()));
            }
        }
        if (r.criticality() != null) {
            Optional<io.github.parallelworktrees.engine.gate.Criticality> c =
                    io.github.parallelworktrees.engine.gate.Criticality.parse(r.criticality());
            if (c.isEmpty() || !Review.CRITICALITIES.contains(c.get())) {
                List<String> names = Review.CRITICALITIES.stream().map(Enum::name).toList();
                problem(level.at() + ".criticality", "review criticality '" + r.criticality() + "' is not one of "
                        + String.join(", ", names) + Suggestions.didYouMean(r.criticality(), names)
                        + (c.isPresent() ? " (ERROR has no meaning for a branch: FAILURE keeps it out)" : ""));
            }
        }
    }

    /** The review the levels make, most specific last; empty when one of them is invalid (already reported). */
    private Optional<Review> review(Workstream ws, List<ReviewLevel> levels, WorkerDocument defaults) {
        WorkerDocument worker = new WorkerDocument(defaults.type(), defaults.model(), defaults.maxTurns(),
                defaults.timeoutMinutes(), defaults.permissionMode(), defaults.budgetUsd(), defaults.claudePath(),
                null, null, defaults.allowedTools(), defaults.retries(), defaults.retryDelaySeconds());
        List<String> focus = null;
        String criticality = null;
        Boolean tests = null;
        String at = levels.get(levels.size() - 1).at();
        String testsAt = at;
        for (ReviewLevel level : levels) {
            worker = merge(worker, level.doc().worker());
            focus = pick(level.doc().focus(), focus);
            criticality = pick(level.doc().criticality(), criticality);
            if (level.doc().tests() != null) {
                tests = level.doc().tests();
                testsAt = level.at() + ".tests";
            }
        }
        WorkerType type = worker.type() == null ? WorkerType.CLAUDE
                : WorkerType.parse(worker.type()).orElse(WorkerType.CLAUDE);
        if (type == WorkerType.COMMAND && blank(worker.run())) {
            problem(at, "a reviewer of type 'command' needs 'run' under review.worker (the reviewer's command; the"
                    + " workers' own 'run' is not inherited)");
            return Optional.empty();
        }
        WorkerSpec spec = worker(worker, at + ".worker");
        List<Review.Focus> areas = new ArrayList<>();
        for (String f : focus == null ? Review.Focus.ids() : nonNull(focus)) {
            Review.Focus.parse(f).filter(x -> !areas.contains(x)).ifPresent(areas::add);
        }
        io.github.parallelworktrees.engine.gate.Criticality level = criticality == null
                ? io.github.parallelworktrees.engine.gate.Criticality.FAILURE
                : io.github.parallelworktrees.engine.gate.Criticality.parse(criticality)
                        .filter(Review.CRITICALITIES::contains).orElse(null);
        if (level == null) {
            return Optional.empty();
        }
        boolean writeTests = Boolean.TRUE.equals(tests);
        if (writeTests && ws.race().isPresent()) {
            // a test-writer writes tests for one branch, and a race has several
            if (testsAt.startsWith("workstreams[")) {
                problem(testsAt, "review tests: true on the raced workstream '" + ws.name() + "' is not supported"
                        + " yet (a test-writer writes tests for one branch, and a race has several; its racers are"
                        + " reviewed without tests); set 'tests: false' under workstreams[" + ws.index()
                        + "].review, or do not race it");
                return Optional.empty();
            }
            warnings.add("workstream '" + ws.name() + "' races: its racers are reviewed without a test-writer (review"
                    + " tests: true on a raced workstream is not supported yet)");
            writeTests = false;
        }
        return Optional.of(new Review(spec, areas, level, writeTests));
    }

    /** The wave's gate, with each problem located at its key; unknown keys get a "did you mean". */
    private Optional<GateSpec> gateSpec(JsonNode gate, String at) {
        if (gate.isObject()) {
            List<String> unknown = new ArrayList<>();
            gate.fieldNames().forEachRemaining(key -> {
                if (!GateSpecs.keys().contains(key)) {
                    unknown.add(key);
                    problem(at + "." + key, "unknown key '" + key + "' in a gate"
                            + Suggestions.didYouMean(key, GateSpecs.keys()) + "; known keys: "
                            + String.join(", ", GateSpecs.keys()));
                }
            });
            if (!unknown.isEmpty()) {
                return Optional.empty();
            }
        }
        return GateSpecs.fromJson(gate, (key, message) -> problem(key.isEmpty() ? at : at + "." + key, message));
    }

    private List<MergePolicy> policies(PlanDocument.MergeDocument merge, Set<String> names) {
        List<MergePolicy> policies = new ArrayList<>();
        if (merge == null || merge.policies() == null) {
            return policies;
        }
        for (int i = 0; i < merge.policies().size(); i++) {
            PolicyDocument p = merge.policies().get(i);
            String at = "merge.policies[" + i + "]";
            if (p == null || blank(p.path())) {
                problem(at, "merge policy " + (i + 1) + " needs 'path' (a file glob)");
                continue;
            }
            if (p.strategy() == null || !STRATEGIES.contains(p.strategy())) {
                problem(at + ".strategy", "merge policy for '" + p.path() + "' has strategy '" + p.strategy()
                        + "'; use one of " + String.join(", ", STRATEGIES));
                continue;
            }
            if (p.strategy().equals("owner") && (p.owner() == null || !names.contains(p.owner()))) {
                problem(at + ".owner", "merge policy for '" + p.path() + "' needs 'owner' naming a workstream"
                        + (p.owner() == null ? "" : "; '" + p.owner() + "' is unknown"
                        + Suggestions.didYouMean(p.owner(), names)));
                continue;
            }
            policies.add(new MergePolicy(p.path(), p.strategy(), Optional.ofNullable(p.owner())));
        }
        return policies;
    }

    /** Two workstreams whose file scopes can touch the same files will likely conflict when merged. */
    private void warnOverlaps(List<Workstream> workstreams) {
        for (int a = 0; a < workstreams.size(); a++) {
            for (int b = a + 1; b < workstreams.size(); b++) {
                for (String ga : workstreams.get(a).files()) {
                    for (String gb : workstreams.get(b).files()) {
                        if (FileScopes.overlap(ga, gb)) {
                            warnings.add("workstreams '" + workstreams.get(a).name() + "' and '"
                                    + workstreams.get(b).name() + "' share files (" + (ga.equals(gb) ? "'" + ga
                                    + "'" : "'" + ga + "' and '" + gb + "'")
                                    + "); expect merge conflicts or add a merge policy");
                        }
                    }
                }
            }
        }
    }

    private void problem(String path, String message) {
        if (!followsFromRefused(path)) {
            problems.add(sources.at(path) + ": " + message);
        }
    }

    /** True when {@code path} is, holds or lies inside a value DocumentShape refused (and has reported). */
    private boolean followsFromRefused(String path) {
        for (String r : refused) {
            if (path.equals(r) || path.startsWith(r + ".") || path.startsWith(r + "[")
                    || (!path.isEmpty() && (r.startsWith(path + ".") || r.startsWith(path + "[")))) {
                return true;
            }
        }
        return false;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list.stream().filter(Objects::nonNull).toList();
    }
}
