package io.jenkins.plugins.parallelworktrees;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.github.parallelworktrees.engine.testing.TestRepo;
import io.jenkins.plugins.parallelworktrees.report.ParallelWorktreesAction;
import io.jenkins.plugins.parallelworktrees.report.RaceRow;
import java.util.Objects;
import org.jenkinsci.plugins.workflow.actions.ThreadNameAction;
import org.jenkinsci.plugins.workflow.graphanalysis.DepthFirstScanner;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** Races in the body form, in a real Jenkins: a parallel body per racer, the race judged by mergeWave. */
@Tag("needs-jenkins")
@WithJenkins
class RacesInBodiesPipelineTest extends PipelineFixtures {

    /** Racer 2 writes what the wave's gate accepts; racers 1 and 3 write BROKEN. */
    static final String RACED_PLAN = """
            feature: shop
            waves: [{wave: 1, gate: {command: "! grep -rq BROKEN src"}}]
            worker:
              type: command
              run: >-
                mkdir -p src && if [ "$PWT_RACER" = 2 ]; then echo ok > src/auth.txt; else echo BROKEN > src/auth.txt; fi;
                echo '# R' > RESULTS.md
            workstreams:
              - {name: auth, prompt: Add login., race: 3}
              - {name: docs, prompt: Write docs., worker: {type: command, run: "mkdir -p src && echo d > src/docs.txt && echo '# R' > RESULTS.md"}}
            """;

    @Test
    void eachRacerIsAParallelBodyAndMergeWaveJudgesTheRaceAndMergesTheWinner() throws Exception {
        TestRepo origin = origin(RACED_PLAN);
        WorkflowJob p = pipelineOn(origin,
                "  def outcomes = parallelWorktrees(plan: 'specs/plan.yaml', maxParallel: 2) {\n"
                + "    echo \"body ${env.PWT_WORKSTREAM} racer ${env.PWT_RACER} on ${env.PWT_BRANCH}"
                + " in ${env.PWT_WORKTREE}\"\n"
                + "    claudeWorker()\n"
                + "  }\n"
                + "  echo \"outcomes ${outcomes}\"\n"
                + "  def merged = mergeWave(plan: 'specs/plan.yaml', wave: 1)\n"
                + "  echo \"landed ${merged.landed}\"\n"
                + "  sh 'test \"$(git rev-parse shop/auth)\" = \"$(git rev-parse shop/auth-racer-2)\"'\n"
                + "  sh 'git rev-parse --verify -q shop/auth-racer-1 && git rev-parse --verify -q shop/auth-racer-3'\n");

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("body auth racer 2 on shop/auth-racer-2 in .worktrees/shop/auth-racer-2", b);
        r.assertLogContains("auth:raced", b);
        r.assertLogContains("auth-racer-1:done", b);
        r.assertLogContains("auth: judging its race of 3 racers here", b);
        r.assertLogContains("landed [auth, docs]", b);
        assertThat(new DepthFirstScanner().allNodes(b.getExecution()).stream()
                .map(node -> node.getPersistentAction(ThreadNameAction.class)).filter(Objects::nonNull)
                .map(ThreadNameAction::getThreadName))
                .containsExactlyInAnyOrder("auth-racer-1", "auth-racer-2", "auth-racer-3", "docs");
        ParallelWorktreesAction action = b.getAction(ParallelWorktreesAction.class);
        RaceRow race = action.getRaces().get(0);
        assertThat(race.getWinner()).isEqualTo(2);
        assertThat(race.getRacers()).extracting(RaceRow.Racer::getVerdict)
                .containsExactly("unstable", "passed", "unstable");
        assertThat(action.outcomeOf("auth")).hasValue(ParallelWorktreesAction.LANDED);
        assertThat(b.getArtifactManager().root().child("workers/auth-racer-2/branch.bundle").isFile()).isTrue();
        assertThat(b.getArtifactManager().root().child("workers/auth/RESULTS.md").isFile()).isTrue();
        r.createWebClient().getPage(b, ParallelWorktreesAction.URL_NAME + "/");
    }

    @Test
    void aDependentOfARacedWorkstreamInTheSameStepIsRefusedBeforeAnyBodyStarts() throws Exception {
        TestRepo origin = origin(RACED_PLAN + "  - {name: api, prompt: Serve., dependsOn: [auth]}\n");
        WorkflowJob p = pipelineOn(origin, "  parallelWorktrees(plan: 'specs/plan.yaml') { claudeWorker() }\n");

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("workstream 'api' depends on the raced workstream 'auth'", b);
        r.assertLogNotContains("judging its race", b);
    }
}
