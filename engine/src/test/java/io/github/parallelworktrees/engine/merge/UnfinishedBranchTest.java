package io.github.parallelworktrees.engine.merge;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.parallelworktrees.engine.ledger.RunListener;
import io.github.parallelworktrees.engine.ledger.WaveResult;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.process.Environment;
import io.github.parallelworktrees.engine.run.PlanRunner;
import io.github.parallelworktrees.engine.testing.TestRepo;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A merge by hand ({@code pwt merge}) of a wave whose workstream's worker ended before its first commit: its branch is
 * the run's base, so git alone would count it "already merged"; it is left out, saying why, and nothing claims it
 * landed (found by the model test: a workstream stopped before it committed, then the wave merged by hand).
 */
class UnfinishedBranchTest {

    @TempDir
    Path tmp;

    @Test
    void aBranchWithoutWorkWhoseWorkerDidNotFinishIsLeftOutNotAlreadyMerged() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Plan plan = repo.plan("f.yaml", """
                waves: [{wave: 1, gate: {command: "true"}}]
                worker: {type: command, run: 'echo a > a.txt && echo "# R" > RESULTS.md'}
                workstreams:
                  - {name: done, prompt: x}
                  - {name: quit, prompt: x, worker: {type: command, run: 'exit 3'}}
                  - {name: idle, prompt: x, worker: {type: command, run: 'echo "# R" > RESULTS.md'}}
                """);
        new PlanRunner(plan, repo.dir(), Environment.ofThisProcess(), Optional.empty(), RunListener.silent()).run();
        assertThat(repo.tip("f/quit")).as("quit never committed").isEqualTo(repo.tip("main"));

        WaveResult merged = new WaveMerger(plan, repo.layout("f"), RunListener.silent(), Optional.empty())
                .merge(1, Optional.empty(), (tree, commit, run) -> new WaveGate.Judgement(true, "passed", "", false));

        assertThat(merged.landed()).containsExactly("done");
        assertThat(merged.leftOut()).singleElement().satisfies(l -> {
            assertThat(l.workstream()).isEqualTo("quit");
            assertThat(l.reason()).contains("has not finished (failed)", "no commit of its own");
        });
        // a worker that finished without changing anything has nothing to land: already merged, as before
        assertThat(merged.alreadyMerged()).containsExactly("idle");
    }
}
