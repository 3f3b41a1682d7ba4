package io.github.parallelworktrees.engine.run;

import io.github.parallelworktrees.engine.brief.CoordinationFile;
import io.github.parallelworktrees.engine.claude.ClaudeWorker;
import io.github.parallelworktrees.engine.claude.Rehearsals;
import io.github.parallelworktrees.engine.claude.ScriptedRehearsals;
import io.github.parallelworktrees.engine.control.StopRequests;
import io.github.parallelworktrees.engine.brief.TasksFile;
import io.github.parallelworktrees.engine.git.Exclusions;
import io.github.parallelworktrees.engine.git.Git;
import io.github.parallelworktrees.engine.git.StaleLocks;
import io.github.parallelworktrees.engine.git.Worktrees;
import io.github.parallelworktrees.engine.ledger.RunListener;
import io.github.parallelworktrees.engine.ledger.Event;
import io.github.parallelworktrees.engine.ledger.Landings;
import io.github.parallelworktrees.engine.ledger.WaveResult;
import io.github.parallelworktrees.engine.plan.Bases;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.plan.RaceSpec;
import io.github.parallelworktrees.engine.plan.Suggestions;
import io.github.parallelworktrees.engine.plan.WorkerType;
import io.github.parallelworktrees.engine.plan.Workstream;
import io.github.parallelworktrees.engine.process.Environment;
import io.github.parallelworktrees.engine.queue.IntegrationQueue;
import io.github.parallelworktrees.engine.queue.Repairs;
import io.github.parallelworktrees.engine.radar.ConflictRadar;
import io.github.parallelworktrees.engine.radar.RadarWatch;
import io.github.parallelworktrees.engine.process.ProcessTree;
import io.github.parallelworktrees.engine.report.RunReport;
import io.github.parallelworktrees.engine.review.Reviewer;
import io.github.parallelworktrees.engine.review.TestWriter;
import io.github.parallelworktrees.engine.ledger.RunInfo;
import io.github.parallelworktrees.engine.ledger.RunLayout;
import io.github.parallelworktrees.engine.ledger.RunLock;
import io.github.parallelworktrees.engine.ledger.RunState;
import io.github.parallelworktrees.engine.ledger.RunView;
import io.github.parallelworktrees.engine.ledger.RaceResult;
import io.github.parallelworktrees.engine.race.RaceJudge;
import io.github.parallelworktrees.engine.race.RacerGate;
import io.github.parallelworktrees.engine.ledger.WorkerRecord;
import io.github.parallelworktrees.engine.ledger.WorkerStatus;
import io.github.parallelworktrees.engine.worker.CommandWorker;
import io.github.parallelworktrees.engine.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs a plan on one machine: worktrees, briefs, workers (at most maxParallel at once, each after its
 * dependencies), results and state files. A killed run is continued with {@link #resume()}.
 */
public final class PlanRunner {

    private final Plan plan;
    private final Path repository;
    private final RunLayout layout;
    private final RunListener listener;
    private final int maxParallel;
    private final Map<Long, ProcessHandle> liveProcesses = new ConcurrentHashMap<>();
    /** The live processes of each workstream, for a stop of one of them ({@code pwt stop PLAN WS}). */
    private final Map<String, Set<ProcessHandle>> processesOf = new ConcurrentHashMap<>();
    /** How often the coordinator looks for a stop asked by {@code pwt stop} while it waits for workers. */
    private static final Duration STOP_REQUEST_POLL = Duration.ofMillis(500);
    /** Set once the run stops its workers: a process that starts after that is stopped as it is tracked. */
    private volatile boolean stopping;
    /** Stops asked by {@code pwt stop} from another process. */
    private final StopRequests stopRequests;
    /** The state of the run {@link #execute} drives, once it does (a process tracked before that has no stop). */
    private volatile RunState runState;
    private final Rehearsals rehearsals;

    /**
     * @param environment the whole environment of every process the run starts (git, workers, setup, gates)
     * @param maxParallel overrides the plan's maxParallel when present
     */
    public PlanRunner(Plan plan, Path repository, Environment environment, Optional<Integer> maxParallel,
            RunListener listener) {
        this(plan, repository, environment, maxParallel, listener, new ScriptedRehearsals());
    }

    /**
     * @param rehearsals where Claude workers' requests go (the real API, or a scripted model for a rehearsal)
     */
    public PlanRunner(Plan plan, Path repository, Environment environment, Optional<Integer> maxParallel,
            RunListener listener, Rehearsals rehearsals) {
        this.rehearsals = rehearsals;
        this.plan = plan;
        this.repository = repository.toAbsolutePath().normalize();
        this.layout = new RunLayout(this.repository, plan.feature(), environment);
        this.stopRequests = new StopRequests(this.layout);
        this.listener = listener;
        this.maxParallel = maxParallel.orElse(plan.maxParallel());
        if (this.maxParallel < 1) {
            throw new RunException("--max-parallel must be at least 1, got " + this.maxParallel);
        }
    }

    public RunLayout layout() {
        return layout;
    }

    /** Starts a new run. Refuses when the feature already has one (resume it or clean it up instead). */
    public RunSummary run() {
        Git git = layout.git();
        String base = plan.base().orElseGet(() -> Bases.defaultName(git));
        String baseCommit = Bases.commit(git, base);
        preflight(plan.workstreams());
        try (RunLock lock = RunLock.acquire(layout)) {
            dropLeftOverStopRequests();
            if (RunState.load(layout).isPresent()) {
                throw new RunException("feature '" + plan.feature() + "' already has a run in " + layout.root()
                        + "; continue it with 'pwt resume " + plan.source() + "', or 'pwt cleanup' it first");
            }
            checkWorktreeTargets(plan.workstreams());
            Exclusions.ensure(git, TasksFile.EXCLUDED);
            warnOfUncommittedChanges(git, baseCommit);
            List<WorkerRecord> records = plan.workstreams().stream().map(this::pending).toList();
            RunState state = RunState.fresh(layout, started(base, baseCommit, maxParallel), plan.document(), records);
            state.save();
            CoordinationFile.ensure(layout.coordinationFile(), plan);
            listener.info("run of '" + plan.feature() + "': " + plan.workstreams().size() + " workstreams in "
                    + plan.waves().size() + " wave(s), at most " + maxParallel + " at once, from " + base + " ("
                    + baseCommit.substring(0, 12) + ")");
            plan.warnings().forEach(listener::warning);
            return execute(state);
        }
    }

    /**
     * Continues the feature's run: done workstreams are kept as they are (their commits untouched), the rest
     * run again. A worker left running by a killed run is stopped first.
     */
    public RunSummary resume() {
        return continueRun("resume", state -> {
            for (Workstream ws : plan.workstreams()) {
                if (!state.has(ws.name())) {
                    listener.info(ws.name() + ": new in the plan since the run started; it will run");
                    state.add(pending(ws));
                }
            }
            for (WorkerRecord record : state.workers()) {
                stopLeftOverWorker(record);
                if (record.status() != WorkerStatus.DONE && plan.workstream(record.workstream()).isPresent()) {
                    reopen(state, record.workstream());
                }
            }
            long done = state.workers().stream().filter(w -> w.status() == WorkerStatus.DONE).count();
            return "resuming '" + plan.feature() + "': " + done + " of " + state.workers().size()
                    + " workstreams already done";
        });
    }

    /**
     * Continues the feature's recorded run ({@code resume}, {@code retry}) under its lock: git's stale locks are
     * cleared, racers' workers a killed run left running are stopped, {@code prepare} reopens what is to run and
     * says so, and the run goes on from there.
     */
    private RunSummary continueRun(String verb, java.util.function.Function<RunState, String> prepare) {
        preflight(plan.workstreams());
        Git git = layout.git();
        try (RunLock lock = RunLock.acquire(layout)) {
            dropLeftOverStopRequests();
            RunState state = RunState.load(layout).orElseThrow(() -> new RunException("nothing to " + verb
                    + ": feature '" + plan.feature() + "' has no run in " + layout.root() + "; start one with 'pwt run "
                    + plan.source() + "'"));
            StaleLocks.recover(git, layout.repository(), layout.root(), plan.branches(), listener::info);
            Exclusions.ensure(git, TasksFile.EXCLUDED);
            for (Workstream ws : plan.workstreams()) {
                // a racer's worker a killed run left running; its branch and worktree stay for its next run
                state.racers(ws.name()).values().forEach(this::stopLeftOverWorker);
            }
            String said = prepare.apply(state);
            state.resumed(maxParallel);
            CoordinationFile.ensure(layout.coordinationFile(), plan);
            listener.info(said);
            return execute(state);
        }
    }

    /**
     * Runs the named workstreams' workers again ({@code pwt retry}), whatever they ended as: done, failed, left out
     * or stopped. The rest of the run is kept as it is: other workers that did not finish are not run (that is what
     * {@code resume} is for). A retried branch's new commits are merged like any finished work.
     */
    public RunSummary retry(List<String> names) {
        return continueRun("retry", state -> {
            for (String name : names) {
                if (!state.has(name)) {
                    throw new RunException("workstream '" + name + "' is not in the run" + Suggestions.didYouMean(
                            name, workstreamNames()) + "; its workstreams: " + String.join(", ", workstreamNames()));
                }
            }
            for (WorkerRecord record : state.workers()) {
                stopLeftOverWorker(record);
                if (record.status() == WorkerStatus.RUNNING || record.status() == WorkerStatus.PREPARING) {
                    // recorded running by a pwt that is gone: not running, and not retried unless named
                    state.update(record.workstream(), r -> r.withStatus(WorkerStatus.INTERRUPTED,
                            "no pwt run was alive"));
                }
            }
            for (String name : names) {
                state.update(name, r -> r.withStatus(WorkerStatus.PENDING, "retry asked after " + r.status().id()));
            }
            return "retrying " + String.join(", ", names) + " in the run of '" + plan.feature() + "'";
        });
    }

    /**
     * Runs the one workstream {@code name} of the whole plan here, as a Jenkins body runs it on its own agent:
     * its brief lists its dependencies and dependents as the plan has them, and its branch starts from the
     * integration branch once that holds its dependencies (the base otherwise). Whoever calls this has waited for
     * the dependencies; their state is not kept here. The workspace's run is made, or continued, with only the
     * workstreams run in it: a workstream done here already is kept as it is; one interrupted here continues
     * (a Claude worker resumes its session).
     *
     * @return how that workstream ended; run.json keeps the workspace's whole run, which may hold others
     */
    public RunSummary runWorkstream(String name) {
        Workstream ws = workstreamNamed(name);
        if (ws.race().isPresent()) {
            // each racer of a Jenkins body form runs on its own (runRacer), and the race is judged where they meet
            throw new RunException("workstream '" + name + "' is raced (race/racers in " + plan.source() + "):"
                    + " run each of its racers on its own (runRacer; in Jenkins, a parallelWorktrees body per racer),"
                    + " or the whole plan with 'pwt run' or parallelWorktrees without a body, which run the race");
        }
        preflight(List.of(ws));
        try (RunLock lock = RunLock.acquire(layout)) {
            Optional<RunState> existing = continueWorkspaceRun();
            RunState state;
            if (existing.isEmpty()) {
                state = freshWorkspaceRun(ws, List.of(pending(ws)), "run of workstream '" + name + "'");
            } else {
                state = existing.get();
                if (!state.has(name)) {
                    checkWorktreeTargets(List.of(ws));
                    state.add(pending(ws));
                    listener.info("run of workstream '" + name + "' joins this workspace's run of '"
                            + plan.feature() + "'");
                } else if (state.worker(name).status() == WorkerStatus.DONE) {
                    listener.info(name + ": already done in this workspace's run; kept as it is (clean the"
                            + " workspace, or 'pwt cleanup' it, for a fresh run)");
                } else {
                    stopLeftOverWorker(state.worker(name));
                    reopen(state, name);
                    listener.info(name + ": continuing it in this workspace's run");
                }
                state.resumed(1);
            }
            CoordinationFile.ensure(layout.coordinationFile(), plan);
            skipOverBudget(state, Set.of());
            if (state.worker(name).status() == WorkerStatus.PENDING) {
                runAlone(state, ws, Optional.empty());
            }
            RunSummary workspaceRun = finish(state);
            return new RunSummary(layout, workspaceRun.info(), List.of(state.worker(name)), List.of(),
                    workspaceRun.landed(), List.of(), false);
        }
    }

    /**
     * Runs racer {@code number} of the raced workstream {@code name} here, as a Jenkins body runs one racer on its
     * own agent: on its branch {@code <feature>/<name>-racer-<n>} and worktree, with its worker and prompt, as the
     * race of a whole run runs it ({@code PWT_RACER} set), and not judged here: the race is judged where every
     * racer's branch is ({@link #judgeRace}). The workspace's run is made or continued as for
     * {@link #runWorkstream}: a racer done here already is kept; one interrupted here runs again on its branch.
     *
     * @return how the racer ended (its record, named {@code <name>-racer-<n>}); the workspace's run may hold others
     */
    public RunSummary runRacer(String name, int number) {
        Workstream ws = workstreamNamed(name);
        RaceSpec.Racer racer = racerOf(ws, number);
        preflight(List.of(ws));
        String racerName = RaceSpec.racerName(name, number);
        try (RunLock lock = RunLock.acquire(layout)) {
            Optional<RunState> existing = continueWorkspaceRun();
            RunState state = existing.orElseGet(() -> freshWorkspaceRun(ws, List.of(), "run of racer " + number
                    + " of workstream '" + name + "'"));
            if (existing.isPresent() && state.racer(name, number).isEmpty()) {
                checkWorktreeTargets(List.of(ws));
            }
            WorkerRecord record = state.addRacer(name, number, WorkerRecord.pending(racerName,
                    plan.racerBranch(ws, number), ws.wave()));
            if (existing.isPresent()) {
                if (record.status() == WorkerStatus.DONE) {
                    listener.info(racerName + ": already done in this workspace's run; kept as it is");
                } else if (record.status() != WorkerStatus.PENDING) {
                    stopLeftOverWorker(record);
                    state.updateRacer(name, number, r -> r.withStatus(WorkerStatus.PENDING, "resumed after "
                            + r.status().id()));
                    listener.info(racerName + ": continuing it on its branch in this workspace's run");
                }
                state.resumed(1);
            }
            CoordinationFile.ensure(layout.coordinationFile(), plan);
            if (state.racer(name, number).orElseThrow().status() == WorkerStatus.PENDING) {
                Optional<String> overBudget = overBudget(state);
                if (overBudget.isPresent()) {
                    listener.workerFinished(state.updateRacer(name, number,
                            r -> r.withStatus(WorkerStatus.SKIPPED, overBudget.get())));
                } else {
                    runAlone(state, ws, Optional.of(racer));
                }
            }
            RunSummary workspaceRun = finish(state);
            return new RunSummary(layout, workspaceRun.info(), List.of(state.racer(name, number).orElseThrow()),
                    List.of(), workspaceRun.landed(), List.of(), false);
        }
    }

    /**
     * Judges the race of the raced workstream {@code name} here, its racers having run elsewhere (a Jenkins body
     * each, {@link #runRacer} on other agents): {@code racers} are their records as they ended there, by racer
     * number, and their branches must be in this repository. The records join this workspace's run (made or
     * continued as for {@link #runWorkstream}; a racer that ran here keeps its own record when it ended the same),
     * and {@link RaceJudge} judges the race as the last racer of a whole run does: each finished racer gated on the
     * integration branch, the winner's tip made the workstream's branch, the losers' branches kept, the judgement
     * and the workstream's end recorded. A race this workspace's run judged already, with a winner, is kept.
     *
     * @return the judgement
     */
    public RaceResult judgeRace(String name, Map<Integer, WorkerRecord> racers) throws InterruptedException {
        return judgeRace(name, racers, Optional.empty());
    }

    /**
     * As {@link #judgeRace(String, Map)}, with the racers gated by {@code gate} instead of the plan's wave gate
     * when one is given (a Jenkins mergeWave's body).
     */
    public RaceResult judgeRace(String name, Map<Integer, WorkerRecord> racers, Optional<RacerGate> gate)
            throws InterruptedException {
        Workstream ws = workstreamNamed(name);
        RaceSpec race = ws.race().orElseThrow(() -> new RunException("workstream '" + name + "' is not raced in "
                + plan.source() + ": there is no race to judge"));
        try (RunLock lock = RunLock.acquire(layout)) {
            RunState state = continueWorkspaceRun().orElseGet(() -> freshWorkspaceRun(ws, List.of(pending(ws)),
                    "judging the race of workstream '" + name + "'"));
            state.add(pending(ws));
            Optional<RaceResult> judged = state.race(name);
            if (judged.isPresent() && judged.get().winner() != null
                    && state.worker(name).status() == WorkerStatus.DONE) {
                listener.info(name + ": its race was judged in this workspace's run already; kept as it is ("
                        + judged.get().why() + ")");
                return judged.get();
            }
            for (RaceSpec.Racer r : race.racers()) {
                WorkerRecord given = racers.get(r.number());
                if (given == null) {
                    continue; // never recorded: the judge says it never started
                }
                Optional<WorkerRecord> known = state.racer(name, r.number());
                if (known.isEmpty()) {
                    state.addRacer(name, r.number(), given);
                } else if (known.get().status() != given.status()) {
                    state.updateRacer(name, r.number(), x -> given);
                }
            }
            RaceJudge judge = new RaceJudge(plan, layout, state, listener, new Reviewer(rehearsals));
            gate.ifPresent(judge::gatedBy);
            return judge.judge(ws, startPoint(ws, state.info().baseCommit()));
        }
    }

    private Workstream workstreamNamed(String name) {
        return plan.workstream(name).orElseThrow(() -> new RunException("workstream '" + name
                + "' is not in the plan " + plan.source() + Suggestions.didYouMean(name, workstreamNames())
                + "; its workstreams are " + String.join(", ", workstreamNames())));
    }

    private RaceSpec.Racer racerOf(Workstream ws, int number) {
        RaceSpec race = ws.race().orElseThrow(() -> new RunException("workstream '" + ws.name() + "' is not raced"
                + " in " + plan.source() + ", so it has no racer " + number + "; run it as a workstream"));
        return race.racers().stream().filter(r -> r.number() == number).findFirst().orElseThrow(() ->
                new RunException("workstream '" + ws.name() + "' has racers 1 to " + race.racers().size() + " in "
                        + plan.source() + "; there is no racer " + number));
    }

    /**
     * This workspace's run of the feature, continued (one workstream or racer at a time: a Jenkins body's), with a
     * warning when the checkout moved since it started; empty when there is none yet.
     */
    private Optional<RunState> continueWorkspaceRun() {
        Optional<RunState> existing = RunState.load(layout);
        if (existing.isPresent()) {
            Git git = layout.git();
            Exclusions.ensure(git, TasksFile.EXCLUDED);
            String checkedOut = Bases.commit(git, plan.base().orElse(null));
            if (!checkedOut.equals(existing.get().info().baseCommit())) {
                // a reused CI workspace keeps an earlier build's run: its base, not this checkout, is where
                // new branches start, and what was done in it stays done
                listener.warning("this workspace's run of '" + plan.feature() + "' started from "
                        + existing.get().info().baseCommit().substring(0, 12) + ", but the base is now "
                        + checkedOut.substring(0, 12) + "; it goes on from the run's base (clean the workspace,"
                        + " or 'pwt cleanup' the run, to start from the new one)");
            }
        }
        return existing;
    }

    /** A new run in this workspace for {@code ws} (its worktrees checked first), holding {@code records}. */
    private RunState freshWorkspaceRun(Workstream ws, List<WorkerRecord> records, String what) {
        Git git = layout.git();
        String base = plan.base().orElseGet(() -> Bases.defaultName(git));
        String baseCommit = Bases.commit(git, base);
        checkWorktreeTargets(List.of(ws));
        Exclusions.ensure(git, TasksFile.EXCLUDED);
        RunState state = RunState.fresh(layout, started(base, baseCommit, 1), plan.document(), records);
        state.save();
        listener.info(what + " of '" + plan.feature() + "' (wave " + ws.wave() + ") from " + base + " ("
                + baseCommit.substring(0, 12) + ")");
        plan.warnings().forEach(listener::warning);
        return state;
    }

    /**
     * The one workstream's task (or one racer's, {@code racer}) on this thread; stopping this thread stops its
     * worker's process tree.
     */
    private void runAlone(RunState state, Workstream ws, Optional<RaceSpec.Racer> racer) {
        String baseCommit = state.info().baseCommit();
        String start = startPoint(ws, baseCommit);
        String name = racer.map(r -> RaceSpec.racerName(ws.name(), r.number())).orElse(ws.name());
        if (!ws.dependsOn().isEmpty() && start.equals(baseCommit)) {
            listener.warning(name + ": " + plan.integration() + " does not hold all of "
                    + String.join(", ", ws.dependsOn()) + " here, so it starts from the base; merge its"
                    + " dependencies' wave first for it to build on their work");
        }
        Thread stopWorkers = new Thread(this::stopLiveProcesses, "pwt-stop-workers");
        try {
            Runtime.getRuntime().addShutdownHook(stopWorkers);
        } catch (IllegalStateException shuttingDown) {
            throw new RunException("stopped by a signal before " + describe(ws, racer) + " started; run it again"
                    + " to continue");
        }
        try {
            // a racer's processes are tracked under its workstream's name, as a whole run's race tracks them
            WorkstreamTask task = racer.isPresent()
                    ? WorkstreamTask.racer(plan, ws, racer.get(), layout, state, baseCommit, start,
                            workers().get(racer.get().worker().type()), listener, p -> track(ws.name(), p))
                    : new WorkstreamTask(plan, ws, layout, state, baseCommit, start,
                            workers().get(ws.worker().type()), listener, p -> track(ws.name(), p))
                            .reviewedBy(new Reviewer(rehearsals)).testsWrittenBy(new TestWriter(rehearsals));
            task.run();
        } finally {
            // the task ends its worker's wait when interrupted; what it started must not outlive it
            stopLiveProcesses();
            removeShutdownHook(stopWorkers);
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new RunException("the run was interrupted; run " + describe(ws, racer) + " again to continue");
        }
    }

    private static String describe(Workstream ws, Optional<RaceSpec.Racer> racer) {
        return racer.map(r -> "racer " + r.number() + " of workstream '" + ws.name() + "'")
                .orElse("workstream '" + ws.name() + "'");
    }

    private RunSummary execute(RunState state) {
        runState = state;
        String baseCommit = state.info().baseCommit();
        Schedule schedule = new Schedule(plan);
        Map<WorkerType, Worker> workers = workers();
        Signals signals = new Signals(state, Thread.currentThread());
        ExecutorService pool = Executors.newFixedThreadPool(maxParallel, runnable -> {
            Thread thread = new Thread(runnable, "pwt-worker");
            thread.setDaemon(true);
            return thread;
        });
        RadarWatch radar = RadarWatch.start(() -> radar(baseCommit), layout.coordinationFile(),
                listener::warning, RadarWatch.INTERVAL);
        try {
            ExecutorCompletionService<Void> completions = new ExecutorCompletionService<>(pool);
            Set<String> started = new HashSet<>();
            IntegrationQueue waves = new IntegrationQueue(plan, layout, listener, rehearsals, state);
            RacingTasks races = new RacingTasks(plan, layout, state, listener, workers, this::track,
                    () -> spent(state), new Reviewer(rehearsals));
            int running = 0;
            while (!signals.stopRequested()) {
                takeStopRequests(state, signals);
                if (signals.stopRequested()) {
                    break;
                }
                Landings landings = landings(state);
                // a left-out branch with repair attempts left is pending again: its worker runs below
                started.removeAll(waves.startRepairs(landings));
                Set<String> notLanded = waves.notLanded(landings);
                Set<String> done = names(state, WorkerStatus.DONE);
                done.removeAll(notLanded);
                skipOverBudget(state, started);
                skipBlocked(state, notLanded);
                List<Workstream> ready = new ArrayList<>();
                for (Workstream ws : plan.workstreams()) {
                    if (state.worker(ws.name()).status() == WorkerStatus.PENDING && !started.contains(ws.name())
                            && Schedule.ready(ws, done) && waves.mayStart(ws, landings)) {
                        ready.add(ws);
                    }
                }
                List<Workstream> unraced = new ArrayList<>();
                for (Workstream ws : schedule.order(ready)) {
                    // a race opens at once; its racers wait for slots below, before the next workstreams
                    // (a repair of a raced workstream goes to the workstream's own worker, on its branch)
                    if (ws.race().isPresent() && state.openRepair(ws.name()).isEmpty()) {
                        started.add(ws.name());
                        races.open(ws, baseCommit, startPoint(ws, baseCommit));
                    } else {
                        unraced.add(ws);
                    }
                }
                while (running < maxParallel && races.hasWaiting()) {
                    completions.submit(races.next(), null);
                    running++;
                }
                for (Workstream ws : unraced) {
                    if (running >= maxParallel) {
                        break;
                    }
                    started.add(ws.name());
                    completions.submit(new WorkstreamTask(plan, ws, layout, state, baseCommit,
                            startPoint(ws, baseCommit), workers.get(ws.worker().type()), listener,
                            process -> track(ws.name(), process),
                            state.openRepair(ws.name()).map(RunView.Repair::started))
                            .reviewedBy(new Reviewer(rehearsals))
                            .testsWrittenBy(new TestWriter(rehearsals)), null);
                    running++;
                }
                // after starting what may start already, so that a merge does not hold those workers back
                if (waves.mergeReady(landings)) {
                    continue; // something landed or was left out: who may start next changed
                }
                if (running == 0) {
                    if (waves.mergeNext(landings)) {
                        continue;
                    }
                    break;
                }
                // a stop asked by 'pwt stop' is looked for while the workers work, about twice a second; only a
                // stop taken (or a worker ending) sends the loop round again to see who may start
                Future<Void> finished = completions.poll(STOP_REQUEST_POLL.toMillis(), TimeUnit.MILLISECONDS);
                while (finished == null && !takeStopRequests(state, signals)) {
                    finished = completions.poll(STOP_REQUEST_POLL.toMillis(), TimeUnit.MILLISECONDS);
                }
                if (finished == null) {
                    continue;
                }
                finished.get();
                running--;
                radar.poke();
                liveProcesses.values().removeIf(p -> !p.isAlive());
                processesOf.values().forEach(set -> set.removeIf(p -> !p.isAlive()));
            }
        } catch (InterruptedException e) {
            // the signal handler interrupts this thread after it recorded the stop; anything else is a stop too
            signals.request("the run's thread was interrupted");
        } catch (RuntimeException e) {
            // Ctrl-C reaches pwt's git processes too (they share the terminal's process group): a git that died of
            // it, or a wait cut short by the stop, is part of stopping, not a failure of the run
            if (!signals.stopRequested()) {
                throw e;
            }
            listener.info("stopping: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        } catch (java.util.concurrent.ExecutionException e) {
            throw new RunException("internal error in a workstream task: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdown();
            if (signals.stopRequested()) {
                stopLiveProcesses();
                awaitQuietly(pool);
            }
            pool.shutdownNow();
            radar.close();
            signals.close();
        }
        try {
            if (signals.stopRequested()) {
                Thread.interrupted(); // the stop's interrupt has done its work; recording the end must not see it
                recordInterrupted(state);
            }
            return finish(state);
        } finally {
            signals.ended();
        }
    }

    /**
     * A signal reaches the workers' processes (and git's) at once, before pwt has recorded the stop: a worker that
     * ended unfinished from about then, or never recorded its end, was stopped, not failed, and resume runs it again.
     */
    private void recordInterrupted(RunState state) {
        Event.StopRequested stop = state.stop().orElse(null);
        if (stop == null) {
            return;
        }
        Instant around = stop.at().minusSeconds(5);
        for (WorkerRecord r : state.workers()) {
            boolean cutShort = r.status() == WorkerStatus.RUNNING || r.status() == WorkerStatus.PREPARING;
            boolean endedThen = (r.status() == WorkerStatus.FAILED || r.status() == WorkerStatus.INCOMPLETE)
                    && r.finishedAt() != null && r.finishedAt().isAfter(around);
            if (cutShort || endedThen) {
                Optional<Event.WorkerStopRequested> asked = state.workerStop(r.workstream());
                String why = asked.map(a -> "stopped by " + a.by() + (r.reason() == null ? "" : " (" + r.reason()
                        + ")")).orElseGet(() -> stop.stoppedBecause(r.reason()));
                WorkerStatus ended = asked.isPresent() ? WorkerStatus.STOPPED : WorkerStatus.INTERRUPTED;
                listener.workerFinished(state.update(r.workstream(), x -> x.finished(ended,
                        x.exitCode(), why, x.finishedAt() != null && !cutShort ? x.finishedAt() : Instant.now(),
                        x.resultsCollected(), io.github.parallelworktrees.engine.ledger.Usage.NONE)));
            }
        }
    }

    /** Lets the workers' tasks record how their stopped workers ended before the run records its own end. */
    private static void awaitQuietly(ExecutorService pool) {
        try {
            if (!pool.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Ctrl-C and SIGTERM: the JVM runs shutdown hooks while the run's threads go on, so the hook first records the
     * stop (after which nothing new starts: no worker, no merge), then stops the running workers, all at once, and
     * waits for the run to record them as interrupted and write its end, so that {@code pwt resume} continues them.
     */
    private final class Signals implements AutoCloseable {
        private final RunState state;
        private final Thread coordinator;
        private final Thread hook;
        private final java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);
        private volatile boolean requested;

        Signals(RunState state, Thread coordinator) {
            this.state = state;
            this.coordinator = coordinator;
            this.requested = state.stop().isPresent();
            this.hook = new Thread(this::onSignal, "pwt-stop");
            try {
                Runtime.getRuntime().addShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the signal came while the run was being set up: nothing starts, and the run records the stop
                request("a signal (Ctrl-C or SIGTERM) while the run was starting");
            }
        }

        boolean stopRequested() {
            return requested;
        }

        synchronized void request(String why) {
            if (requested) {
                return;
            }
            requested = true;
            state.record(new Event.StopRequested(Instant.now(), why));
        }

        private void onSignal() {
            long running = state.workers().stream().filter(w -> w.status() == WorkerStatus.RUNNING
                    || w.status() == WorkerStatus.PREPARING).count();
            listener.info("stopping: no new worker or merge starts; stopping " + running + " running worker(s)"
                    + " (they will be recorded as interrupted; 'pwt resume " + plan.source() + "' continues them)");
            request("a signal (Ctrl-C or SIGTERM)");
            coordinator.interrupt();
            stopLiveProcesses();
            try {
                ended.await(45, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** The run recorded its end: a waiting signal handler may let the JVM go. */
        void ended() {
            ended.countDown();
        }

        @Override
        public void close() {
            removeShutdownHook(hook);
        }
    }

    private static void removeShutdownHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is already running
        }
    }

    /**
     * Ends the run: interrupted when a signal stopped it; succeeded when every workstream in it is done and, where
     * the plan merges, landed as git says; failed (saying which and why) otherwise.
     */
    private RunSummary finish(RunState state) {
        Landings landings = landings(state);
        List<WaveResult.LeftOut> leftOut = Repairs.annotated(plan, state.view(), state.leftOutNow(landings));
        Set<String> landed = new HashSet<>();
        List<String> unfinished = new ArrayList<>();
        for (WorkerRecord r : state.workers()) {
            boolean onIntegration = landings.landed(r.branch());
            if (onIntegration) {
                landed.add(r.workstream());
            }
            Optional<WaveResult.LeftOut> left = leftOut.stream().filter(l -> l.workstream().equals(r.workstream()))
                    .findFirst();
            if (r.status() != WorkerStatus.DONE) {
                unfinished.add(r.workstream() + " (" + r.status().id() + ")");
            } else if (left.isPresent()) {
                String repairs = Repairs.note(plan, state.view(), r.workstream());
                boolean byReview = left.get().reason().startsWith("review ");
                unfinished.add(r.workstream() + " (" + (byReview ? "kept out by its " + left.get().reason()
                        : "left out of its wave") + (repairs.isEmpty() ? "" : "; " + repairs) + ")");
            } else if (plan.autoMerge() && !onIntegration) {
                unfinished.add(r.workstream() + " (done, but not on " + plan.integration() + ")");
            }
        }
        Optional<Event.StopRequested> stop = state.stop();
        List<String> stopped = state.workers().stream().filter(r -> r.status() == WorkerStatus.STOPPED)
                .map(WorkerRecord::workstream).toList();
        if (stop.isPresent()) {
            state.ended(RunInfo.Status.INTERRUPTED, "stopped by " + stop.get().why() + "; continue with 'pwt resume "
                    + plan.source() + "'");
        } else if (!stopped.isEmpty()) {
            // the user stopped these with 'pwt stop' and the rest ended: the run is interrupted, not failed
            state.ended(RunInfo.Status.INTERRUPTED, "'pwt stop' stopped " + String.join(", ", stopped) + "; "
                    + unfinished.size() + " of " + state.workers().size() + " workstreams did not finish or land: "
                    + String.join(", ", unfinished) + "; continue with 'pwt resume " + plan.source() + "'");
        } else if (unfinished.isEmpty()) {
            // a review of criticality UNSTABLE that requested changes lets the branch land and marks the run
            // (or that could not judge the branch) lets the branch land and marks the run
            List<String> unstable = state.workers().stream().filter(r -> r.review() != null && !r.review().approved()
                    && "UNSTABLE".equals(r.review().criticality())).map(WorkerRecord::workstream).toList();
            state.ended(RunInfo.Status.SUCCEEDED, unstable.isEmpty() ? null : "unstable: the review of "
                    + String.join(", ", unstable) + " did not approve it (criticality UNSTABLE)");
        } else {
            state.ended(RunInfo.Status.FAILED, unfinished.size() + " of " + state.workers().size()
                    + " workstreams did not finish or land: " + String.join(", ", unfinished));
        }
        RunReport.write(layout);
        return new RunSummary(layout, state.info(), state.workers(), state.merges(), landed, leftOut,
                plan.autoMerge());
    }

    /** The conflict radar's look at the plan's branches now (see {@link ConflictRadar}). */
    private List<ConflictRadar.Conflict> radar(String baseCommit) {
        Map<String, String> branches = new java.util.LinkedHashMap<>();
        plan.workstreams().forEach(ws -> branches.put(ws.name(), plan.branchOf(ws)));
        return new ConflictRadar(layout.git()).scan(branches, Optional.of(plan.integration()), baseCommit);
    }

    /** What git says has landed on the integration branch. */
    private Landings landings(RunState state) {
        return Landings.read(layout.git(), plan.feature(), plan.integration(), state.info().baseCommit());
    }

    /** Edits in the user's checkout are in no workstream: the branches start from a commit. Say so before work. */
    private void warnOfUncommittedChanges(Git git, String baseCommit) {
        List<String> changed = git.lines("status", "--porcelain", "--untracked-files=no");
        if (!changed.isEmpty()) {
            listener.warning("your checkout has " + changed.size() + " uncommitted change(s) to tracked files ("
                    + String.join(", ", changed.stream().limit(3).map(l -> l.substring(3)).toList())
                    + (changed.size() > 3 ? ", ..." : "") + "); the workstreams start from commit "
                    + baseCommit.substring(0, 12) + ", so these edits are in none of them");
        }
    }

    /** The workers of each type, Claude's talking to this runner's endpoints. */
    private Map<WorkerType, Worker> workers() {
        return Map.of(WorkerType.COMMAND, new CommandWorker(), WorkerType.CLAUDE, new ClaudeWorker(rehearsals));
    }

    /** A new run's header, running from now. */
    private RunInfo started(String base, String baseCommit, int parallel) {
        return new RunInfo(plan.feature(), plan.source().toAbsolutePath().toString(), repository.toString(), base,
                baseCommit, plan.integration(), parallel, RunInfo.Status.RUNNING, Instant.now(), null, 0, null, null);
    }

    private WorkerRecord pending(Workstream ws) {
        return WorkerRecord.pending(ws.name(), plan.branchOf(ws), ws.wave());
    }

    /** Makes a workstream that did not finish run again, keeping its record (attempts, session). */
    private static void reopen(RunState state, String workstream) {
        if (state.worker(workstream).status() != WorkerStatus.PENDING) {
            state.update(workstream, r -> r.withStatus(WorkerStatus.PENDING, "resumed after " + r.status().id()));
        }
    }

    private void stopLeftOverWorker(WorkerRecord record) {
        if (record.workerPid() != null && ProcessTree.destroyIfSame(record.workerPid(), record.workerStartedAt(),
                Duration.ofSeconds(5))) {
            listener.info(record.workstream() + ": stopped its worker (pid " + record.workerPid()
                    + ") left running by the interrupted run");
        }
    }

    /** Once the run's budget is spent, no new worker starts; the ones not started yet say why. */
    private void skipOverBudget(RunState state, Set<String> started) {
        Optional<String> overBudget = overBudget(state);
        if (overBudget.isEmpty()) {
            return;
        }
        String why = overBudget.get();
        for (WorkerRecord record : state.workers()) {
            if (record.status() == WorkerStatus.PENDING && !started.contains(record.workstream())) {
                listener.workerFinished(state.update(record.workstream(),
                        r -> r.withStatus(WorkerStatus.SKIPPED, why)));
            }
        }
    }

    /** Why no new worker may start, once the run's budget is spent. */
    private Optional<String> overBudget(RunState state) {
        if (plan.budgetUsd().isEmpty()) {
            return Optional.empty();
        }
        double spent = spent(state);
        if (spent < plan.budgetUsd().get()) {
            return Optional.empty();
        }
        return Optional.of(String.format(java.util.Locale.ROOT, "the run's budget of $%.2f is spent ($%.2f so far)",
                plan.budgetUsd().get(), spent));
    }

    /** What the run's workers and racers have spent so far. */
    private static double spent(RunState state) {
        return state.workers().stream().mapToDouble(r -> r.usage().costUsd()).sum() + state.racersCost();
    }

    /**
     * Where a new branch starts: the integration branch once it holds all the workstream's dependencies (so wave
     * 2 builds on wave 1), the run's base otherwise.
     */
    private String startPoint(Workstream ws, String baseCommit) {
        if (ws.dependsOn().isEmpty()) {
            return baseCommit;
        }
        Git git = layout.git();
        Optional<String> integration = git.resolveCommit("refs/heads/" + plan.integration());
        if (integration.isEmpty()) {
            return baseCommit;
        }
        for (String dep : ws.dependsOn()) {
            Optional<String> tip = git.resolveCommit("refs/heads/" + plan.feature() + "/" + dep);
            if (tip.isEmpty() || !git.isAncestor(tip.get(), integration.get())) {
                return baseCommit;
            }
        }
        return integration.get();
    }

    /** A pending workstream whose dependency ended without finishing will never be ready: say so. */
    private void skipBlocked(RunState state, Set<String> notLanded) {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Workstream ws : plan.workstreams()) {
                if (state.worker(ws.name()).status() != WorkerStatus.PENDING) {
                    continue;
                }
                for (String dep : ws.dependsOn()) {
                    WorkerRecord d = state.worker(dep);
                    if (notLanded.contains(dep)) {
                        listener.workerFinished(state.update(ws.name(), r -> r.withStatus(WorkerStatus.SKIPPED,
                                "dependency '" + dep + "' was left out of its wave's merge")));
                        changed = true;
                        break;
                    }
                    if (d.status().isFinal() && d.status() != WorkerStatus.DONE && !d.status().stoppedByUser()) {
                        WorkerRecord skipped = state.update(ws.name(), r -> r.withStatus(WorkerStatus.SKIPPED,
                                "dependency '" + dep + "' ended " + d.status().id()));
                        listener.workerFinished(skipped);
                        changed = true;
                        break;
                    }
                }
            }
        }
    }

    /** Everything that would make the run of {@code workstreams} fail later, checked before anything is created. */
    private void preflight(List<Workstream> workstreams) {
        List<String> problems = new ArrayList<>();
        problems.addAll(Repository.branchConflicts(layout.git(), plan, workstreams));
        for (Workstream ws : workstreams) {
            if (ws.worker().type() == WorkerType.CLAUDE) {
                ClaudeWorker.preflight(ws, repository, layout.environment()).ifPresent(problems::add);
            }
            ws.race().ifPresent(race -> race.racers().stream().filter(r -> r.worker().type() == WorkerType.CLAUDE)
                    .forEach(r -> ClaudeWorker.preflight(ws.asRacer(r), repository, layout.environment())
                            .filter(p -> !problems.contains(p)).ifPresent(problems::add)));
            if (ws.tasksFile().isPresent()) {
                try {
                    Path tasks = tasksPath(repository, ws);
                    if (!Files.isRegularFile(tasks)) {
                        problems.add("workstream '" + ws.name() + "': tasks file " + tasks + " does not exist");
                    }
                } catch (RunException e) {
                    problems.add(e.getMessage());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new RunException(String.join("\n", problems));
        }
    }

    /** Refuses before anything is created when a worktree path holds something else. */
    private void checkWorktreeTargets(List<Workstream> workstreams) {
        List<Worktrees.Entry> entries = new Worktrees(layout.git()).list();
        List<String> problems = new ArrayList<>();
        for (Workstream ws : workstreams) {
            Worktrees.refusal(layout.worktree(ws.name()), plan.branchOf(ws), entries).ifPresent(problems::add);
            ws.race().ifPresent(race -> race.racers().forEach(r -> Worktrees.refusal(layout.worktree(
                    io.github.parallelworktrees.engine.plan.RaceSpec.racerName(ws.name(), r.number())),
                    plan.racerBranch(ws, r.number()), entries).ifPresent(problems::add)));
        }
        if (!problems.isEmpty()) {
            throw new RunException(String.join("\n", problems));
        }
    }

    /** The workstream's tasks file, which must lie inside the repository. */
    static Path tasksPath(Path repository, Workstream ws) {
        Path tasks = repository.resolve(ws.tasksFile().orElseThrow()).normalize();
        if (!tasks.startsWith(repository)) {
            throw new RunException("workstream '" + ws.name() + "': tasks file '" + ws.tasksFile().get()
                    + "' is outside the repository; give a path relative to " + repository);
        }
        return tasks;
    }

    /**
     * Acts on the stops {@code pwt stop} asked for: a workstream's worker is stopped (its process tree, as a timeout
     * stops it) and recorded stopped while the run goes on; a pending one is recorded stopped and does not start; a
     * stop of the whole run stops every worker at once, as a signal does, and records them stopped. True when
     * a stop was taken.
     */
    private boolean takeStopRequests(RunState state, Signals signals) {
        List<StopRequests.Request> requests = stopRequests.take();
        for (StopRequests.Request request : requests) {
            if (request.workstream().isEmpty()) {
                for (WorkerRecord r : state.workers()) {
                    if (r.status() == WorkerStatus.RUNNING || r.status() == WorkerStatus.PREPARING) {
                        state.record(new Event.WorkerStopRequested(Instant.now(), r.workstream(), request.by()));
                    }
                }
                listener.info("stopping: " + request.by() + " asked to stop the run; no new worker or merge starts;"
                        + " 'pwt resume " + plan.source() + "' continues it");
                signals.request(request.by());
                return true;
            }
            String name = request.workstream().get();
            if (!state.has(name)) {
                continue; // pwt stop checked the name against the plan; a plan changed since has no such worker
            }
            WorkerRecord r = state.worker(name);
            if (r.status().isFinal()) {
                listener.info(name + ": " + request.by() + " asked to stop it, but it already ended " + r.status().id());
                continue;
            }
            state.record(new Event.WorkerStopRequested(Instant.now(), name, request.by()));
            if (r.status() == WorkerStatus.PENDING) {
                listener.workerFinished(state.update(name, x -> x.withStatus(WorkerStatus.STOPPED, "stopped by "
                        + request.by() + " before it started; 'pwt resume " + plan.source() + "' runs it")));
                continue;
            }
            listener.info(name + ": stopping its worker (" + request.by() + " asked)");
            processesOf.getOrDefault(name, Set.of()).stream().filter(ProcessHandle::isAlive)
                    .forEach(PlanRunner::stopInBackground);
        }
        return !requests.isEmpty();
    }

    /** First thing under the run's lock: a stop asked of a run that has ended is not this run's to take. */
    private void dropLeftOverStopRequests() {
        for (StopRequests.Request left : stopRequests.dropLeftOver()) {
            listener.info("dropped a stop of " + left.workstream().orElse("the whole run") + " that " + left.by()
                    + " asked as the previous run ended; it was not this run's");
        }
    }

    private void track(String workstream, ProcessHandle process) {
        liveProcesses.put(process.pid(), process);
        processesOf.computeIfAbsent(workstream, k -> ConcurrentHashMap.newKeySet()).add(process);
        // a process started after its workstream was asked to stop (its worker was being prepared) stops too
        RunState running = runState;
        if (running != null && running.workerStop(workstream).isPresent()) {
            stopInBackground(process);
        }
        // a worker whose process started while the run was being stopped (its task was already on its way) is
        // stopped too: either the stop sees it in the map, or it sees the stop here (both sides are volatile)
        if (stopping) {
            stopInBackground(process);
        }
    }

    /** Starts stopping {@code process} and its tree (TERM, then KILL after its grace) on a thread of its own. */
    private static Thread stopInBackground(ProcessHandle process) {
        Thread t = new Thread(() -> ProcessTree.destroy(process, Duration.ofSeconds(3)), "pwt-stop-" + process.pid());
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Stops every live worker at once: each gets its grace period side by side, not one after another. */
    private void stopLiveProcesses() {
        stopping = true;
        List<Thread> stoppers = new ArrayList<>();
        for (ProcessHandle p : liveProcesses.values()) {
            if (p.isAlive()) {
                stoppers.add(stopInBackground(p));
            }
        }
        for (Thread t : stoppers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private List<String> workstreamNames() {
        return plan.workstreams().stream().map(Workstream::name).toList();
    }

    private static Set<String> names(RunState state, WorkerStatus status) {
        return state.workers().stream().filter(r -> r.status() == status).map(WorkerRecord::workstream)
                .collect(Collectors.toSet());
    }
}
