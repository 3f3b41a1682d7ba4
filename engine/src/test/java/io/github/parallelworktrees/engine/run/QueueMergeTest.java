package io.github.parallelworktrees.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.parallelworktrees.engine.ledger.RunListener;
import io.github.parallelworktrees.engine.ledger.WorkerStatus;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.plan.PlanException;
import io.github.parallelworktrees.engine.process.Environment;
import io.github.parallelworktrees.engine.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * autoMerge with {@code merge: {mode: queue}}: each finished workstream is merged as soon as it is done (gated by
 * its wave's gate), and a dependent starts once its own dependencies have landed, not when its whole wave has.
 */
class QueueMergeTest {

    private static final String GATE = "{command: \"! grep -rq BROKEN src\"}";

    @TempDir
    Path tmp;

    private RunSummary run(TestRepo repo, Plan plan) {
        return new PlanRunner(plan, repo.dir(), Environment.ofThisProcess(), Optional.empty(), RunListener.silent())
                .run();
    }

    @Test
    void aDependentStartsWhileTheSlowestWorkstreamOfTheEarlierWaveStillRuns() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Path marks = Files.createDirectories(tmp.resolve("marks"));
        // 'slow' can only finish once 'dep' (wave 2) has started: with waves, dep would wait for slow, and slow
        // would give up after its 60 s and fail
        Plan plan = repo.plan("f.yaml", """
                autoMerge: true
                merge: {mode: queue}
                maxParallel: 3
                env: {MARKS: '%s'}
                waves: [{wave: 1, gate: %s}, {wave: 2, gate: %s}]
                worker: {type: command, run: 'mkdir -p src && echo ok > src/$PWT_WORKSTREAM.txt && echo "# R" > RESULTS.md'}
                workstreams:
                  - {name: core, prompt: x}
                  - name: slow
                    prompt: x
                    worker: {type: command, run: 'i=0; while [ ! -f "$MARKS/dep-started" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done; test -f "$MARKS/dep-started" && mkdir -p src && echo ok > src/slow.txt && echo "# R" > RESULTS.md'}
                  - name: dep
                    prompt: x
                    dependsOn: [core]
                    worker: {type: command, run: 'touch "$MARKS/dep-started" && mkdir -p src && echo ok > src/dep.txt && echo "# R" > RESULTS.md'}
                """.formatted(marks, GATE, GATE));

        RunSummary summary = run(repo, plan);

        assertThat(summary.workers()).as(summary.workers().toString()).allMatch(w -> w.status() == WorkerStatus.DONE);
        assertThat(summary.landed()).containsExactlyInAnyOrder("core", "slow", "dep");
        // dep started from the integration branch that already held core
        assertThat(repo.git().isAncestor(repo.tip("f/core"), repo.tip("f/dep"))).isTrue();
        assertThat(repo.git().isAncestor(repo.tip("f/slow"), repo.tip("f/dep"))).isFalse();
    }

    @Test
    void theIntegrationBranchOnlyEverPointsAtCommitsWhoseGatePassed() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Plan plan = repo.plan("f.yaml", """
                autoMerge: true
                merge: {mode: queue}
                maxParallel: 4
                waves: [{wave: 1, partial: true, gate: %s}]
                worker: {type: command, run: 'mkdir -p src && echo ok > src/$PWT_WORKSTREAM.txt && echo "# R" > RESULTS.md'}
                workstreams:
                  - {name: a, prompt: x}
                  - {name: b, prompt: x}
                  - {name: bad, prompt: x, worker: {type: command, run: 'mkdir -p src && echo BROKEN > src/bad.txt && echo "# R" > RESULTS.md'}}
                  - {name: c, prompt: x}
                """.formatted(GATE));

        RunSummary summary = run(repo, plan);

        assertThat(summary.landed()).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(summary.leftOut()).extracting(l -> l.workstream()).containsExactly("bad");
        Set<String> passed = new HashSet<>();
        for (JsonNode merge : TestRepo.json(repo.layout("f").runFile()).path("merges")) {
            for (JsonNode gateRun : merge.path("gate_runs")) {
                if (gateRun.path("passed").asBoolean()) {
                    passed.add(gateRun.path("commit").asText());
                }
            }
        }
        List<String> positions = repo.git().lines("reflog", "--format=%H", "refs/heads/f/integration");
        // the branch is created at the base, then moves only to gated commits
        assertThat(positions.subList(0, positions.size() - 1)).isNotEmpty().allMatch(passed::contains);
        assertThat(repo.git().run("show", "f/integration:src/c.txt")).isEqualTo("ok");
    }

    @Test
    void anUnknownMergeModeIsNamedWithTheModesThereAre() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));

        Assertions.assertThatThrownBy(() -> repo.plan("f.yaml", """
                merge: {mode: qeue}
                worker: {type: command, run: 'true'}
                workstreams: [{name: a, prompt: x}]
                """)).isInstanceOf(PlanException.class).hasMessageContaining("f.yaml:1: merge mode 'qeue' is not one of"
                        + " queue, waves").hasMessageContaining("did you mean 'queue'");
    }
}
