package io.jenkins.plugins.parallelworktrees;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.parallelworktrees.engine.ledger.RunListener;
import io.github.parallelworktrees.engine.ledger.WorkerRecord;
import io.github.parallelworktrees.engine.plan.PlanParser;
import io.github.parallelworktrees.engine.process.Environment;
import io.github.parallelworktrees.engine.run.PlanRunner;
import io.github.parallelworktrees.engine.run.RunSummary;
import io.github.parallelworktrees.engine.testing.TestRepo;
import io.jenkins.plugins.parallelworktrees.report.WorkstreamRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build page's rows while a whole run goes on on the agent: read from the run's ledger beside the run (real git,
 * a real run with command workers), and brought to the page until the run's own end, never after it.
 */
class RunProgressTest {

    @TempDir
    Path tmp;

    private static RunProgress.Read read(TestRepo repo) {
        return new RunProgress.Read("specs/plan.yaml", repo.dir().toString(),
                PipelineEnvironment.of(System.getenv()));
    }

    private static WorkstreamRow row(String name) {
        return WorkstreamRow.of(WorkerRecord.pending(name, "shop/" + name, 1), Optional.empty(), false);
    }

    private static Map<String, String> statuses(List<WorkstreamRow> rows) {
        return rows.stream().collect(Collectors.toMap(WorkstreamRow::getWorkstream, WorkstreamRow::getStatus));
    }

    @Test
    void whileTheRunGoesOnTheRowsSayWhatItsLedgerSaysWithoutLinksOrBundles() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Path marks = Files.createDirectories(tmp.resolve("marks"));
        repo.write("specs/plan.yaml", """
                feature: shop
                env: {MARKS: '%s'}
                worker:
                  type: command
                  run: |
                    if [ "$PWT_WORKSTREAM" = slow ]; then
                      while [ ! -f "$MARKS/go" ]; do sleep 0.1; done
                    fi
                    echo ok > "$PWT_WORKSTREAM.txt" && echo '# R' > RESULTS.md
                workstreams:
                  - {name: quick, prompt: x}
                  - {name: slow, prompt: x}
                """.formatted(marks));
        repo.commitAll("plan");
        assertThat(read(repo).invoke(repo.dir().toFile(), null)).as("no run yet: nothing to show").isEmpty();

        CompletableFuture<RunSummary> run = CompletableFuture.supplyAsync(() -> new PlanRunner(
                PlanParser.read(repo.dir().resolve("specs/plan.yaml")), repo.dir(), Environment.ofThisProcess(),
                Optional.empty(), RunListener.silent()).run());
        List<List<WorkstreamRow>> looks = new ArrayList<>();
        TestRepo.awaitTrue("quick done and slow running", Duration.ofSeconds(60), () -> {
            try {
                List<WorkstreamRow> rows = read(repo).invoke(repo.dir().toFile(), null);
                looks.add(rows);
                return Map.of("quick", "done", "slow", "running").equals(statuses(rows));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        List<WorkstreamRow> midway = looks.get(looks.size() - 1);

        assertThat(midway).allSatisfy(r -> assertThat(r.isResultsArchived()).as("links come with the end")
                .isFalse());
        assertThat(midway).filteredOn(r -> r.getWorkstream().equals("slow")).singleElement()
                .satisfies(r -> assertThat(r.getSpans()).as("its attempt is drawn, open").hasSize(1));
        assertThat(repo.dir().resolve(".worktrees/shop/results/quick/" + WorkersReport.BUNDLE))
                .as("looking made no bundle").doesNotExist();

        Files.writeString(marks.resolve("go"), "");
        assertThat(run.get(60, TimeUnit.SECONDS).succeeded()).isTrue();
        assertThat(statuses(read(repo).invoke(repo.dir().toFile(), null)))
                .containsExactlyInAnyOrderEntriesOf(Map.of("quick", "done", "slow", "done"));
    }

    @Test
    void thePollerBringsRowsUntilClosedAndNeverAfter() throws Exception {
        WorkstreamRow row = row("api");
        List<List<WorkstreamRow>> sunk = new CopyOnWriteArrayList<>();
        AtomicInteger looks = new AtomicInteger();
        CountDownLatch thirdLookStarted = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        RunProgress.Poller poller = RunProgress.Poller.start(() -> {
            if (looks.incrementAndGet() == 3) {
                // the third look is under way when the run ends: what it brings must not reach the page
                thirdLookStarted.countDown();
                closed.await();
            }
            return List.of(row);
        }, sunk::add, w -> { }, Duration.ofMillis(10), "test poller");

        assertThat(thirdLookStarted.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(sunk).as("the first two looks reached the page").hasSize(2);
        Thread closer = new Thread(() -> {
            try {
                poller.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        closer.start();
        closer.join(TimeUnit.SECONDS.toMillis(30));
        closed.countDown();
        Thread.sleep(100);

        assertThat(closer.isAlive()).isFalse();
        assertThat(sunk).as("nothing after close").hasSize(2);
    }

    @Test
    void aFailingLookIsToldOnceAndTheNextLooksGoOn() throws Exception {
        List<String> warnings = new CopyOnWriteArrayList<>();
        List<List<WorkstreamRow>> sunk = new CopyOnWriteArrayList<>();
        AtomicInteger looks = new AtomicInteger();
        WorkstreamRow row = row("api");
        try (RunProgress.Poller poller = RunProgress.Poller.start(() -> {
            if (looks.incrementAndGet() <= 2) {
                throw new java.io.IOException("agent went away");
            }
            return List.of(row);
        }, sunk::add, warnings::add, Duration.ofMillis(10), "test poller")) {
            TestRepo.awaitTrue("a look after the failures", Duration.ofSeconds(30), () -> !sunk.isEmpty());
        }

        assertThat(warnings).singleElement().asString().contains("agent went away")
                .contains("they come with the run's end");
    }

    @Test
    void anAbortedBuildsLastLookShowsNoWorkerRunning() {
        WorkstreamRow running = WorkstreamRow.of(WorkerRecord.pending("api", "shop/api", 1).started(
                java.time.Instant.now()), Optional.empty(), false);
        WorkstreamRow done = row("docs");

        assertThat(running.getStatus()).isEqualTo("running");
        assertThat(running.interruptedIfWorking("the build was aborted while it ran"))
                .satisfies(r -> assertThat(r.getStatus()).isEqualTo("interrupted"))
                .satisfies(r -> assertThat(r.getReason()).isEqualTo("the build was aborted while it ran"));
        assertThat(done.interruptedIfWorking("aborted")).isSameAs(done);
    }
}
