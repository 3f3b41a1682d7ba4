package io.github.parallelworktrees.cli.model;

import io.github.parallelworktrees.cli.Pwt;
import io.github.parallelworktrees.engine.git.Git;
import io.github.parallelworktrees.engine.ledger.RunLayout;
import io.github.parallelworktrees.engine.process.Environment;
import io.github.parallelworktrees.engine.testing.TestRepo;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A small real git repository with a two-wave, autoMerge plan of three command workstreams, driven through the
 * real {@code pwt}: alpha and beta in wave 1, gamma (after both) in wave 2. Each worker commits
 * {@code <workstream>.txt} and records the commit outside the repository; a workstream whose mode is
 * {@link #BROKEN} writes the word the waves' gate refuses. In the raced variant beta is raced by two racers and
 * each is reviewed: racer 1 writes the broken word when beta's mode says so, and the reviewer then requests
 * changes of racer 2, so that a race finds a winner, or none (until a hand fixes racer 1). Everything the harness
 * did is kept as numbered steps, so a failure can say how the project got where it is.
 */
final class ThrowawayProject implements AutoCloseable {

    static final String FEATURE = "model";
    static final String INTEGRATION = FEATURE + "/integration";
    static final List<String> WORKSTREAMS = List.of("alpha", "beta", "gamma");
    /** The word the waves' gate refuses in any top-level *.txt file. */
    static final String BROKEN = "BROKEN";
    /** The raced workstream of the raced variant, and its racers' numbers. */
    static final String RACED = "beta";
    static final List<Integer> RACERS = List.of(1, 2);

    private final Path dir;
    private final TestRepo repo;
    private final Path plan;
    private final Path control;
    private final String baseCommit;
    private final List<String> steps = new ArrayList<>();
    private final String mergeMode;
    private final boolean raced;
    private final Set<String> handCommits = new LinkedHashSet<>();
    private final Set<String> branchTipsSeen = new LinkedHashSet<>();
    private final Set<String> racerBranchesSeen = new LinkedHashSet<>();
    private final Set<String> integrationValuesSeen = new LinkedHashSet<>();
    private final List<PwtCall> lastCalls = new ArrayList<>();
    private final java.util.Map<String, Boolean> gateVerdicts = new java.util.HashMap<>();
    private final java.util.Map<String, Boolean> workAt = new java.util.HashMap<>();
    private long stepStarted = System.nanoTime();
    /** pwt's answer to "is there a run?" since the last change: null once anything may have changed it. */
    private Boolean hasRun;
    private int separateRuns;
    private Path separateLog;

    private ThrowawayProject(Path dir, Duration workerPause, String mergeMode, boolean raced) {
        this.mergeMode = mergeMode;
        this.raced = raced;
        this.dir = dir;
        this.control = dir.resolve("control");
        this.repo = TestRepo.create(dir.resolve("repo"));
        this.baseCommit = repo.tip("main");
        write(control.resolve("worker.sh"), """
                # a command worker: commits <workstream>.txt (BROKEN when its mode file says so), records the commit;
                # of a race's racers only the first follows the mode; pauses as long as the pause file says
                set -e
                mode=$(cat '%1$s/'"$PWT_WORKSTREAM"'.mode' 2>/dev/null || echo ok)
                if [ "${PWT_RACER:-1}" != 1 ]; then mode=ok; fi
                %2$s
                %3$s
                printf '%%s %%s %%s\\n' "$PWT_WORKSTREAM" "$mode" "$(date +%%s%%N)" > "$PWT_WORKSTREAM.txt"
                git add "$PWT_WORKSTREAM.txt"
                git commit -qm "$PWT_WORKSTREAM work"
                git rev-parse HEAD >> '%1$s/worker-commits'
                echo "# $PWT_WORKSTREAM: done" > RESULTS.md
                """.formatted(control, workerPause.isZero() ? ":" : "sleep " + workerPause.toMillis() / 1000.0,
                pauseLine()));
        write(control.resolve("review.sh"), """
                # a command reviewer: requests changes of a racer other than the first while the workstream's mode
                # is BROKEN (so that a race with a broken first racer has no winner), approves anything else
                %3$s
                mode=$(cat '%1$s/'"$PWT_WORKSTREAM"'.mode' 2>/dev/null || echo ok)
                verdict=approve
                if [ "$mode" = %2$s ] && [ "${PWT_RACER:-1}" != 1 ]; then verdict=request-changes; fi
                printf '# review of %%s\\n\\nVerdict: %%s\\n' "$PWT_BRANCH" "$verdict" > "$PWT_REVIEW_FILE"
                """.formatted(control, BROKEN, pauseLine()));
        write(control.resolve("gate.sh"), "# the waves' gate: no top-level *.txt file may say " + BROKEN + "\n"
                + pauseLine() + "\n! grep -qs " + BROKEN + " *.txt\n");
        // paths go into the plan's YAML and the workers' shell: keep them plain
        if (!control.toString().matches("[A-Za-z0-9/._-]+")) {
            throw new IllegalStateException("the temporary folder " + control + " needs quoting; set java.io.tmpdir"
                    + " to a plain path");
        }
        this.plan = repo.write(FEATURE + ".yaml", """
                feature: %1$s
                base: main
                autoMerge: true
                merge: {mode: %3$s}
                maxParallel: 2
                worker: {type: command, run: "sh %2$s/worker.sh"}
                waves:
                  - {wave: 1, partial: true, gate: {command: "sh %2$s/gate.sh"}}
                  - {wave: 2, partial: true, gate: {command: "sh %2$s/gate.sh"}}
                workstreams:
                  - {name: alpha, prompt: x}
                  - {name: beta, prompt: x%4$s}
                  - {name: gamma, prompt: x, dependsOn: [alpha, beta]}
                """.formatted(FEATURE, control, mergeMode, raced ? ", race: " + RACERS.size() + ", review: {worker:"
                + " {type: command, run: \"sh " + control + "/review.sh\"}, criticality: FAILURE}" : ""));
        integrationValuesSeen.add(baseCommit);
    }

    /**
     * The shell line that sleeps as long as the control folder's pause file says (none: not at all), read anew by
     * each worker, reviewer and gate, so that one action can slow its own run down and leave the others quick.
     */
    private String pauseLine() {
        return "pause=$(cat '" + control + "/pause' 2>/dev/null || echo 0); [ \"$pause\" = 0 ] || sleep \"$pause\"";
    }

    /**
     * Makes every worker, reviewer and gate started from now on pause {@code pause} before its work (zero: not at
     * all), so that a stop asked mid-run lands while one of them works rather than between them.
     */
    void pauseWork(Duration pause) {
        if (pause.isZero()) {
            try {
                Files.deleteIfExists(control.resolve("pause"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            write(control.resolve("pause"), pause.toMillis() / 1000.0 + "\n");
        }
    }

    /** A new project in a new temporary folder; workers pause {@code workerPause} before they commit. */
    static ThrowawayProject create(Duration workerPause) {
        return create(workerPause, "waves");
    }

    /** The same, with autoMerge landing work as {@code mergeMode} says (waves or queue). */
    static ThrowawayProject create(Duration workerPause, String mergeMode) {
        return create(workerPause, mergeMode, false);
    }

    /** The same, with beta raced and its racers reviewed when {@code raced}. */
    static ThrowawayProject create(Duration workerPause, String mergeMode, boolean raced) {
        try {
            return new ThrowawayProject(Files.createTempDirectory("pwt-model-"), workerPause, mergeMode, raced);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path dir() {
        return dir;
    }

    Path plan() {
        return plan;
    }

    Git git() {
        return repo.git();
    }

    RunLayout layout() {
        return repo.layout(FEATURE);
    }

    String baseCommit() {
        return baseCommit;
    }

    String branch(String workstream) {
        return FEATURE + "/" + workstream;
    }

    boolean raced() {
        return raced;
    }

    /** The racers' names ({@code beta-racer-1}, ...): none unless the project is the raced variant. */
    List<String> racers() {
        return raced ? RACERS.stream().map(n -> RACED + "-racer-" + n).toList() : List.of();
    }

    /** The branches a hand may fix: the workstreams' and the racers'. */
    List<String> fixable() {
        List<String> all = new ArrayList<>(WORKSTREAMS);
        all.addAll(racers());
        return all;
    }

    /** The workstream a branch's work is of: a racer's is its workstream's ({@code beta-racer-2}: beta). */
    static String workstreamOf(String name) {
        return name.replaceFirst("-racer-[0-9]+$", "");
    }

    /** Whether the workstream's next worker writes the word the gate refuses. */
    void setBroken(String workstream, boolean broken) {
        write(control.resolve(workstream + ".mode"), broken ? BROKEN + "\n" : "ok\n");
    }

    /**
     * Whether the feature has a run, as pwt itself says ({@code pwt status} exits 0): which files hold a run is
     * pwt's business (run.json, a ledger), so the harness asks instead of looking. Asked once per step.
     */
    boolean hasRun() {
        if (hasRun == null) {
            int code = Pwt.execute(new String[] {"status", plan.toString(), "--lines", "0"},
                    new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true));
            hasRun = code == 0;
        }
        return hasRun;
    }

    /** Runs {@code pwt} in this JVM, as the user types it with the plan's path; noted as a step. */
    PwtCall pwt(String command, String... more) {
        List<String> args = new ArrayList<>();
        args.add(command);
        args.add(plan.toString());
        args.addAll(List.of(more));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        hasRun = null;
        int code = Pwt.execute(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        hasRun = null;
        PwtCall call = new PwtCall(shorten(args), code, out.toString(), err.toString());
        lastCalls.add(call);
        return call;
    }

    /** Notes a pwt command that ran elsewhere (in a JVM of its own) among the step's commands. */
    void noteCall(PwtCall call) {
        hasRun = null;
        lastCalls.add(call);
    }

    /** {@code pwt COMMAND PLAN} in a JVM of its own, to be killed; its output goes to a file. */
    Process startSeparatePwt(String command) {
        hasRun = null;
        List<String> java = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                Pwt.class.getName(), command, plan.toString()));
        try {
            separateLog = dir.resolve("separate-pwt-" + ++separateRuns + ".log");
            return new ProcessBuilder(java).redirectErrorStream(true).redirectOutput(separateLog.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a JVM for pwt " + command, e);
        }
    }

    /** What the last pwt in a JVM of its own printed (for a failure's explanation). */
    String separatePwtOutput() {
        return separateLog != null && Files.exists(separateLog) ? TestRepo.read(separateLog) : "";
    }

    /**
     * Fixes a workstream by hand as a developer would: a commit on its branch that takes the broken word out
     * (in its worktree when it has one, else in a worktree made for the fix and removed after).
     *
     * @return the commit made
     */
    String fixByHand(String workstream) {
        Path worktree = layout().worktree(workstream);
        boolean own = Files.isDirectory(worktree.resolve(".git")) || Files.isRegularFile(worktree.resolve(".git"));
        Path where = own ? worktree : dir.resolve("fix-" + workstream);
        if (!own) {
            git().run("worktree", "add", "--quiet", where.toString(), branch(workstream));
        }
        Git wt = Git.in(where, Environment.ofThisProcess());
        String file = workstreamOf(workstream) + ".txt";
        write(where.resolve(file), workstream + " fixed by hand " + System.nanoTime() + "\n");
        wt.run("add", file);
        wt.run("commit", "--quiet", "-m", workstream + " fixed by hand");
        String commit = wt.run("rev-parse", "HEAD");
        if (!own) {
            git().run("worktree", "remove", where.toString());
        }
        handCommits.add(commit);
        return commit;
    }

    /** The tip of the workstream's branch, if it exists. */
    Optional<String> tip(String workstream) {
        return git().resolveCommit("refs/heads/" + branch(workstream));
    }

    /** True when the branch's tip holds the word the gate refuses. */
    boolean tipIsBroken(String workstream) {
        return tip(workstream).map(this::failsTheGate).orElse(false);
    }

    /** What the waves' gate says of a commit, read from git: a top-level *.txt file holding BROKEN fails it. */
    boolean failsTheGate(String commit) {
        // a commit's content never changes: ask git once per commit
        return gateVerdicts.computeIfAbsent(commit, c -> git().tryRun("grep", "-q", BROKEN, c, "--",
                ":(glob)*.txt").exitCode() == 0);
    }

    /**
     * Whether the branch at {@code tip} holds work of the workstream's own. A branch made from the integration
     * branch starts out reachable from it: only its own commits (its worker's "WS work", pwt's "pwt(WS): ...",
     * a hand's "WS fixed by hand") make it work that can land.
     */
    boolean hasWorkOf(String workstream, String tip) {
        return workAt.computeIfAbsent(workstream + " " + tip, key -> git().lines("log", "--no-merges",
                "--format=%s", baseCommit + ".." + tip).stream().anyMatch(s -> s.startsWith(workstream + " ")
                || s.startsWith("pwt(" + workstream + ")")));
    }

    /**
     * After each step: keeps every workstream branch tip and every value of the integration branch seen so far,
     * so that a branch moved backwards or a reflog rewritten is still caught.
     */
    void noteRefs(GitTruth truth) {
        truth.branches().values().forEach(b -> b.tip().ifPresent(branchTipsSeen::add));
        truth.racers().values().forEach(tip -> tip.ifPresent(branchTipsSeen::add));
        truth.integration().ifPresent(now -> {
            integrationValuesSeen.add(now);
            integrationValuesSeen.addAll(git().lines("reflog", "show", "--format=%H", "refs/heads/" + INTEGRATION));
        });
    }

    /** Every commit a worker or a hand made, and every workstream tip seen: work that must never be lost. */
    Set<String> workCommits() {
        Set<String> all = new LinkedHashSet<>();
        Path log = control.resolve("worker-commits");
        if (Files.exists(log)) {
            TestRepo.read(log).lines().filter(l -> !l.isBlank()).forEach(all::add);
        }
        all.addAll(handCommits);
        all.addAll(branchTipsSeen);
        return all;
    }

    /** Notes that a racer's branch exists: from then on, it must go on existing. */
    void noteRacerBranch(String racer) {
        racerBranchesSeen.add(racer);
    }

    boolean racerBranchSeen(String racer) {
        return racerBranchesSeen.contains(racer);
    }

    Set<String> integrationValuesSeen() {
        return integrationValuesSeen;
    }

    /** Notes a step of the sequence (its pwt commands are added as they run). */
    void step(String description) {
        long now = System.nanoTime();
        steps.add(description + String.format(java.util.Locale.ROOT, "   [%.1f s]", (now - stepStarted) / 1e9));
        stepStarted = now;
    }

    /** Starts the clock of the next step (the checks between steps are not its time). */
    void startStep() {
        stepStarted = System.nanoTime();
    }

    /** The pwt commands run since the last call, and forgets them. */
    List<PwtCall> takeCalls() {
        List<PwtCall> calls = List.copyOf(lastCalls);
        lastCalls.clear();
        return calls;
    }

    /** The steps so far, numbered, for a failure's explanation. */
    String history() {
        StringBuilder s = new StringBuilder("  (autoMerge, merge mode " + mergeMode + (raced ? ", " + RACED
                + " raced by " + RACERS.size() + " reviewed racers" : "") + ")\n");
        for (int i = 0; i < steps.size(); i++) {
            s.append("  ").append(i + 1).append(". ").append(steps.get(i)).append('\n');
        }
        return s.toString();
    }

    /**
     * Processes still running a worker or a gate of this project (their command lines name its control folder):
     * after a run has ended, none may be left.
     */
    List<ProcessHandle> leftoverProcesses() {
        String marker = control.toString();
        long self = ProcessHandle.current().pid();
        return ProcessHandle.allProcesses().filter(p -> p.pid() != self && p.isAlive())
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .filter(p -> p.info().command().map(c -> !c.endsWith("/java")).orElse(true))
                .toList();
    }

    /** Waits (bounded) for the workers a killed run left behind to end by themselves. */
    void awaitNoLeftoverProcesses(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        for (ProcessHandle p : leftoverProcesses()) {
            long left = Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
            try {
                p.onExit().get(left, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (Exception stillRunning) {
                // reported by the caller's check
            }
        }
    }

    private boolean keep;

    /** Leaves the project's folder in place when closed, for a look at what broke. */
    void keep() {
        keep = true;
    }

    @Override
    public void close() {
        for (ProcessHandle p : leftoverProcesses()) {
            p.destroyForcibly();
        }
        if (keep) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is not worth failing a test for
        }
    }

    private List<String> shorten(List<String> args) {
        return args.stream().map(a -> a.equals(plan.toString()) ? plan.getFileName().toString() : a).toList();
    }

    private static void write(Path file, String text) {
        TestRepo.writeFile(file, text);
    }
}
