package io.github.parallelworktrees.engine.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.parallelworktrees.engine.ledger.Event;
import io.github.parallelworktrees.engine.ledger.Ledger;
import io.github.parallelworktrees.engine.ledger.RunInfo;
import io.github.parallelworktrees.engine.ledger.RunListener;
import io.github.parallelworktrees.engine.ledger.RunView;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.process.Environment;
import io.github.parallelworktrees.engine.run.PlanRunner;
import io.github.parallelworktrees.engine.run.RunSummary;
import io.github.parallelworktrees.engine.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live dashboard's queue, read from the files of a run another thread is making. */
class DashboardTest {

    @TempDir
    Path tmp;

    @Test
    void saysWhatIsMergingAndWhichGateRunsWhileTheGateRunsAndNothingOnceTheRunEnded() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Path release = tmp.resolve("release");
        // the gate waits for the test to let it go: meanwhile the merge and its gate are under way
        Plan plan = repo.plan("f.yaml", """
                autoMerge: true
                merge: {mode: queue}
                budgetUsd: 12.5
                waves: [{wave: 1, gate: {command: 'i=0; while [ ! -f "%s" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done'}}]
                worker: {type: command, run: 'echo "$PWT_WORKSTREAM" > $PWT_WORKSTREAM.txt && echo "# R" > RESULTS.md'}
                workstreams: [{name: a, prompt: x}]
                """.formatted(release));
        CompletableFuture<RunSummary> run = CompletableFuture.supplyAsync(() -> new PlanRunner(plan, repo.dir(),
                Environment.ofThisProcess(), Optional.empty(), RunListener.silent()).run());

        TestRepo.awaitTrue("the gate to run", Duration.ofSeconds(60), () -> Dashboard.read(repo.layout("f"), 1,
                Instant.now()).map(d -> !d.gates().isEmpty()).orElse(false));
        Dashboard during = Dashboard.read(repo.layout("f"), 1, Instant.now()).orElseThrow();
        Files.writeString(release, "go\n");
        run.get();
        Dashboard after = Dashboard.read(repo.layout("f"), 1, Instant.now()).orElseThrow();

        assertThat(during.ended()).isFalse();
        assertThat(during.merging()).hasValueSatisfying(m -> {
            assertThat(m.wave()).isEqualTo(1);
            assertThat(m.workstreams()).containsExactly("a");
        });
        assertThat(during.gates()).singleElement().satisfies(g -> assertThat(g.key()).startsWith("wave 1, merge 1"));
        assertThat(during.landing(during.status().workstreams().get(0))).isEqualTo(Dashboard.Landing.MERGING);
        assertThat(during.budgetUsd()).contains(12.5);
        assertThat(after.ended()).isTrue();
        assertThat(after.merging()).isEmpty();
        assertThat(after.gates()).isEmpty();
        assertThat(after.landing(after.status().workstreams().get(0))).isEqualTo(Dashboard.Landing.LANDED);
    }

    @Test
    void aMergeThatFailedOrEndedIsNoLongerUnderWay() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        RunInfo info = new RunInfo("f", "f.yaml", "/repo", "main", "0123456789abcdef", "f/integration", 2,
                RunInfo.Status.RUNNING, t, null, 0, null, null);
        Ledger.Entry start = new Ledger.Entry(1, new Event.RunStarted(t, info,
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(), List.of()));
        Ledger.Entry merging = new Ledger.Entry(2, new Event.MergeStarted(t, 1, List.of("a", "b")));

        assertThat(RunView.of(List.of(start, merging)).mergeUnderWay()).hasValueSatisfying(
                m -> assertThat(m.workstreams()).containsExactly("a", "b"));
        assertThat(RunView.of(List.of(start, merging, new Ledger.Entry(3, new Event.MergeFailed(t, 1,
                "the integration branch moved")))).mergeUnderWay()).isEmpty();
        assertThat(RunView.of(List.of(start, merging, new Ledger.Entry(3, new Event.RunEnded(t,
                RunInfo.Status.INTERRUPTED, "stopped")))).mergeUnderWay()).isEmpty();
    }
}
