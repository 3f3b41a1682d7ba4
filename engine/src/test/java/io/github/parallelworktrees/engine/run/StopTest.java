package io.github.parallelworktrees.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.parallelworktrees.engine.control.StopRequests;
import io.github.parallelworktrees.engine.ledger.RunInfo;
import io.github.parallelworktrees.engine.ledger.RunLayout;
import io.github.parallelworktrees.engine.ledger.RunListener;
import io.github.parallelworktrees.engine.ledger.RunState;
import io.github.parallelworktrees.engine.ledger.RunView;
import io.github.parallelworktrees.engine.ledger.WorkerRecord;
import io.github.parallelworktrees.engine.ledger.WorkerStatus;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.process.Environment;
import io.github.parallelworktrees.engine.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pwt stop}: a request from another process stops one worker (the run goes on with the others) or the
 * whole run; stopped workers are recorded {@code stopped}, their dependents wait instead of being skipped, and
 * resume runs them again. Real git, real processes.
 */
class StopTest {

    /**
     * A worker that finishes at once, except slow, one, two and first: the first time, they write their pid and
     * sleep (until stopped); once stopped before (their mark exists) they finish at once too.
     */
    private static final String WORKER = """
            case "$PWT_WORKSTREAM" in slow|one|two|first) sleeper=yes;; *) sleeper=no;; esac
            if [ -f "$MARKS/$PWT_WORKSTREAM.once" ] || [ $sleeper = no ]; then
              echo ok > "$PWT_WORKSTREAM.txt" && echo '# R' > RESULTS.md
            else
              touch "$MARKS/$PWT_WORKSTREAM.once"
              echo $$ > "$MARKS/$PWT_WORKSTREAM.pid"
              exec sleep 120
            fi
            """;

    @TempDir
    Path tmp;

    private TestRepo repo;
    private Path marks;

    @BeforeEach
    void repository() throws Exception {
        repo = TestRepo.create(tmp.resolve("repo"));
        marks = Files.createDirectories(tmp.resolve("marks"));
    }

    private Plan plan(String extra, String workstreams) {
        return repo.plan("f.yaml", """
                env: {MARKS: '%s'}
                %s
                worker:
                  type: command
                  run: |
                %s
                workstreams:
                %s
                """.formatted(marks, extra, WORKER.indent(4), workstreams.indent(2)));
    }

    private CompletableFuture<RunSummary> start(Plan plan) {
        return CompletableFuture.supplyAsync(() -> new PlanRunner(plan, repo.dir(), Environment.ofThisProcess(),
                Optional.empty(), RunListener.silent()).run());
    }

    private RunView awaitView(Plan plan, Predicate<RunView> until) throws InterruptedException {
        RunLayout layout = repo.layout(plan.feature());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(layout.root().resolve("ledger.jsonl"))) {
                RunView view = RunState.view(layout);
                if (view.hasRun() && until.test(view)) {
                    return view;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the run never got there: " + RunState.view(layout).workers());
    }

    private static Predicate<RunView> running(String ws) {
        return v -> v.workers().get(ws) != null && v.workers().get(ws).status() == WorkerStatus.RUNNING;
    }

    private long pid(String ws) throws Exception {
        Path file = marks.resolve(ws + ".pid");
        // the shell creates the file before it writes the pid: wait for a whole line
        for (int i = 0; i < 400 && !(Files.exists(file) && Files.readString(file).endsWith("\n")); i++) {
            Thread.sleep(50);
        }
        return Long.parseLong(Files.readString(file).strip());
    }

    @Test
    void stoppingOneWorkerStopsItsProcessAndRecordsItStoppedWhileTheOthersGoOnThenResumeRunsIt() throws Exception {
        Plan plan = plan("", """
                - {name: slow, prompt: x}
                - {name: quick, prompt: x}
                - {name: after, prompt: x, dependsOn: [slow]}
                """);
        CompletableFuture<RunSummary> run = start(plan);
        awaitView(plan, running("slow"));
        long pid = pid("slow");

        new StopRequests(repo.layout("f")).ask(Optional.of("slow"), "'pwt stop'");
        RunSummary summary = run.get(60, TimeUnit.SECONDS);

        WorkerRecord slow = summary.workers().stream().filter(w -> w.workstream().equals("slow")).findFirst()
                .orElseThrow();
        assertThat(slow.status()).isEqualTo(WorkerStatus.STOPPED);
        assertThat(slow.reason()).startsWith("stopped by 'pwt stop'");
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("its process").isFalse();
        assertThat(summary.workers()).filteredOn(w -> w.workstream().equals("quick"))
                .singleElement().extracting(WorkerRecord::status).isEqualTo(WorkerStatus.DONE);
        // its dependent waits for it instead of being skipped as if it had failed
        assertThat(summary.workers()).filteredOn(w -> w.workstream().equals("after"))
                .singleElement().extracting(WorkerRecord::status).isEqualTo(WorkerStatus.PENDING);
        assertThat(summary.info().status()).isEqualTo(RunInfo.Status.INTERRUPTED);
        assertThat(summary.info().reason()).contains("'pwt stop' stopped slow").contains("pwt resume");
        assertThat(repo.layout("f").controlDir()).isEmptyDirectory();

        RunSummary resumed = new PlanRunner(plan, repo.dir(), Environment.ofThisProcess(), Optional.empty(),
                RunListener.silent()).resume();

        assertThat(resumed.info().status()).as(resumed.info().reason()).isEqualTo(RunInfo.Status.SUCCEEDED);
        assertThat(resumed.workers()).allMatch(w -> w.status() == WorkerStatus.DONE);
    }

    @Test
    void stoppingTheRunStopsEveryWorkerAtOnceRecordsThemStoppedAndLeavesThePendingOnesForResume() throws Exception {
        Plan plan = plan("maxParallel: 2", """
                - {name: one, prompt: x}
                - {name: two, prompt: x}
                - {name: three, prompt: x}
                """);
        CompletableFuture<RunSummary> run = start(plan);
        awaitView(plan, running("one").and(running("two")));
        long one = pid("one");
        long two = pid("two");

        new StopRequests(repo.layout("f")).ask(Optional.empty(), "'pwt stop'");
        RunSummary summary = run.get(60, TimeUnit.SECONDS);

        assertThat(summary.info().status()).isEqualTo(RunInfo.Status.INTERRUPTED);
        assertThat(summary.info().reason()).startsWith("stopped by 'pwt stop'");
        assertThat(summary.workers()).filteredOn(w -> !w.workstream().equals("three"))
                .allSatisfy(w -> {
                    assertThat(w.status()).isEqualTo(WorkerStatus.STOPPED);
                    assertThat(w.reason()).startsWith("stopped by 'pwt stop'");
                });
        assertThat(summary.workers()).filteredOn(w -> w.workstream().equals("three"))
                .singleElement().extracting(WorkerRecord::status).isEqualTo(WorkerStatus.PENDING);
        assertThat(ProcessHandle.of(one).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(ProcessHandle.of(two).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        // the worktrees and branches stay as they were
        assertThat(repo.git().branchExists("f/one")).isTrue();
        assertThat(repo.layout("f").worktree("two")).isDirectory();

        RunSummary resumed = new PlanRunner(plan, repo.dir(), Environment.ofThisProcess(), Optional.empty(),
                RunListener.silent()).resume();

        assertThat(resumed.info().status()).as(resumed.info().reason()).isEqualTo(RunInfo.Status.SUCCEEDED);
    }

    @Test
    void aStopAskedAsTheRunEndedIsNotTakenByTheNextResume() throws Exception {
        Plan plan = plan("", """
                - {name: first, prompt: x}
                - {name: quick, prompt: x}
                """);
        CompletableFuture<RunSummary> run = start(plan);
        awaitView(plan, running("first"));
        new StopRequests(repo.layout("f")).ask(Optional.empty(), "'pwt stop'");
        assertThat(run.get(60, TimeUnit.SECONDS).info().status()).isEqualTo(RunInfo.Status.INTERRUPTED);
        // a second 'pwt stop' that saw the run's lock held just before the run let go of it: its request outlives
        // the run it was meant for (seen in the model test's stop action)
        new StopRequests(repo.layout("f")).ask(Optional.empty(), "'pwt stop'");
        new StopRequests(repo.layout("f")).ask(Optional.of("first"), "'pwt stop'");

        RunSummary resumed = new PlanRunner(plan, repo.dir(), Environment.ofThisProcess(), Optional.empty(),
                RunListener.silent()).resume();

        assertThat(resumed.info().status()).as(resumed.info().reason()).isEqualTo(RunInfo.Status.SUCCEEDED);
        assertThat(repo.layout("f").controlDir()).isEmptyDirectory();
    }

    @Test
    void aPendingWorkstreamAskedToStopIsRecordedStoppedAndNeverStarts() throws Exception {
        Plan plan = plan("maxParallel: 1", """
                - {name: first, prompt: x}
                - {name: second, prompt: x}
                """);
        CompletableFuture<RunSummary> run = start(plan);
        awaitView(plan, running("first"));
        long first = pid("first");

        new StopRequests(repo.layout("f")).ask(Optional.of("second"), "'pwt stop'");
        awaitView(plan, v -> v.workers().get("second").status() == WorkerStatus.STOPPED);
        // then first ends on its own (stopped here too, so that the test does not wait for its sleep)
        new StopRequests(repo.layout("f")).ask(Optional.of("first"), "'pwt stop'");
        RunSummary summary = run.get(60, TimeUnit.SECONDS);

        WorkerRecord second = summary.workers().stream().filter(w -> w.workstream().equals("second")).findFirst()
                .orElseThrow();
        assertThat(second.status()).isEqualTo(WorkerStatus.STOPPED);
        assertThat(second.reason()).contains("before it started");
        assertThat(second.attempts()).isZero();
        assertThat(repo.layout("f").workerLog("second")).as("second's worker never ran").doesNotExist();
        assertThat(ProcessHandle.of(first).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void stoppingARacedWorkstreamDuringItsRacesGateStopsTheGateJudgesNobodyAndResumeJudgesIt() throws Exception {
        // the gate's first run writes its pid and sleeps (until stopped); any later run passes at once
        Path gatePid = marks.resolve("gate.pid");
        Path once = marks.resolve("gate.once");
        Plan plan = repo.plan("f.yaml", """
                waves: [{wave: 1, gate: {command: "if [ -f '%s' ]; then exit 0; fi; touch '%s'; echo $$ > '%s'; exec sleep 120"}}]
                worker: {type: command, run: 'echo "$PWT_RACER" > a.txt && echo "# R" > RESULTS.md'}
                workstreams:
                  - {name: auth, prompt: x, race: 2}
                """.formatted(once, once, gatePid));
        CompletableFuture<RunSummary> run = start(plan);
        for (int i = 0; i < 1200 && !(Files.exists(gatePid) && Files.readString(gatePid).endsWith("\n")); i++) {
            Thread.sleep(50);
        }
        long gate = Long.parseLong(Files.readString(gatePid).strip());

        new StopRequests(repo.layout("f")).ask(Optional.of("auth"), "'pwt stop'");
        RunSummary summary = run.get(60, TimeUnit.SECONDS);

        WorkerRecord auth = summary.workers().stream().filter(w -> w.workstream().equals("auth")).findFirst()
                .orElseThrow();
        assertThat(auth.status()).as(auth.reason()).isEqualTo(WorkerStatus.STOPPED);
        assertThat(auth.reason()).startsWith("stopped by 'pwt stop' (racer 1 done, racer 2 done)");
        assertThat(ProcessHandle.of(gate).map(ProcessHandle::isAlive).orElse(false)).as("the race's gate").isFalse();
        RunView stopped = RunState.view(repo.layout("f"));
        assertThat(stopped.races()).as("a stopped judging records no judgement").isEmpty();
        assertThat(stopped.racersOf("auth").values()).as("the stopped gate is no racer's verdict")
                .allSatisfy(r -> assertThat(r.gate()).isNull());
        assertThat(repo.git().resolveCommit("refs/heads/f/auth")).as("no winner took the branch").isEmpty();
        assertThat(summary.info().status()).isEqualTo(RunInfo.Status.INTERRUPTED);

        RunSummary resumed = new PlanRunner(plan, repo.dir(), Environment.ofThisProcess(), Optional.empty(),
                RunListener.silent()).resume();

        assertThat(resumed.info().status()).as(resumed.info().reason()).isEqualTo(RunInfo.Status.SUCCEEDED);
        assertThat(RunState.view(repo.layout("f")).races()).as("judged once, on resume").hasSize(1);
        assertThat(repo.tip("f/auth")).isEqualTo(repo.tip("f/auth-racer-1"));
    }

    @Test
    void stoppingARacedWorkstreamDuringARacersReviewStopsTheReviewerKeepsTheEarlierReviewAndResumeJudgesOnce()
            throws Exception {
        // racer 1's reviewer approves at once; racer 2's first reviewer writes its pid and sleeps (until stopped)
        Path reviewerPid = marks.resolve("reviewer.pid");
        Path once = marks.resolve("reviewer.once");
        Plan plan = repo.plan("f.yaml", """
                worker: {type: command, run: 'echo "$PWT_RACER" > a.txt && echo "# R" > RESULTS.md'}
                review:
                  worker:
                    type: command
                    run: |
                      echo "$PWT_RACER" >> '%s'
                      if [ "$PWT_RACER" = 2 ] && [ ! -f '%s' ]; then touch '%s'; echo $$ > '%s'; exec sleep 120; fi
                      echo 'Verdict: approve' > "$PWT_REVIEW_FILE"
                workstreams:
                  - {name: auth, prompt: x, race: 2}
                """.formatted(marks.resolve("reviews"), once, once, reviewerPid));
        CompletableFuture<RunSummary> run = start(plan);
        for (int i = 0; i < 1200 && !(Files.exists(reviewerPid) && Files.readString(reviewerPid).endsWith("\n"));
                i++) {
            Thread.sleep(50);
        }
        long reviewer = Long.parseLong(Files.readString(reviewerPid).strip());

        new StopRequests(repo.layout("f")).ask(Optional.of("auth"), "'pwt stop'");
        RunSummary summary = run.get(60, TimeUnit.SECONDS);

        WorkerRecord auth = summary.workers().stream().filter(w -> w.workstream().equals("auth")).findFirst()
                .orElseThrow();
        assertThat(auth.status()).as(auth.reason()).isEqualTo(WorkerStatus.STOPPED);
        assertThat(auth.reason()).startsWith("stopped by 'pwt stop' (racer 1 done, racer 2 done)");
        assertThat(ProcessHandle.of(reviewer).map(ProcessHandle::isAlive).orElse(false)).as("racer 2's reviewer")
                .isFalse();
        RunView stopped = RunState.view(repo.layout("f"));
        assertThat(stopped.races()).as("a stopped judging records no judgement").isEmpty();
        assertThat(stopped.racersOf("auth").get(1).review().verdict()).isEqualTo("approve");
        assertThat(stopped.racersOf("auth").get(2).review()).as("the stopped review is no verdict").isNull();

        RunSummary resumed = new PlanRunner(plan, repo.dir(), Environment.ofThisProcess(), Optional.empty(),
                RunListener.silent()).resume();

        assertThat(resumed.info().status()).as(resumed.info().reason()).isEqualTo(RunInfo.Status.SUCCEEDED);
        RunView judged = RunState.view(repo.layout("f"));
        assertThat(judged.races()).as("judged once, on resume").hasSize(1);
        assertThat(judged.races().get("auth").racers()).extracting(r -> r.review().verdict())
                .containsExactly("approve", "approve");
        // racer 1's review was kept, racer 2 was reviewed again
        assertThat(Files.readAllLines(marks.resolve("reviews"))).containsExactly("1", "2", "2");
        assertThat(repo.tip("f/auth")).isEqualTo(repo.tip("f/auth-racer-1"));
    }
}
