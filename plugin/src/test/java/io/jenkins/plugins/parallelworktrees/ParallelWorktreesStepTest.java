package io.jenkins.plugins.parallelworktrees;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.github.parallelworktrees.engine.testing.TestRepo;
import io.jenkins.plugins.parallelworktrees.report.LatestRunLink;
import io.jenkins.plugins.parallelworktrees.report.ParallelWorktreesAction;
import io.jenkins.plugins.parallelworktrees.report.WorkstreamRow;
import java.util.Objects;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.actions.ThreadNameAction;
import org.jenkinsci.plugins.workflow.cps.Snippetizer;
import org.jenkinsci.plugins.workflow.graphanalysis.DepthFirstScanner;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@Tag("needs-jenkins")
@WithJenkins
class ParallelWorktreesStepTest extends PipelineFixtures {

    @Test
    void withoutABodyEachWorkstreamRunsItsOwnWorkerOnTheAgent() throws Exception {
        TestRepo origin = origin(COMMAND_PLAN);
        WorkflowJob p = pipelineOn(origin, "  def outcomes = parallelWorktrees(plan: 'specs/plan.yaml')\n"
                + "  echo \"outcomes ${outcomes}\"\n");

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("outcomes [api:done, docs:done]", b);
        r.assertLogContains("[pwt] run of 'shop': 2 workstreams", b);
        assertThat(b.getAction(ParallelWorktreesAction.class).getWorkstreams())
                .extracting(WorkstreamRow::getStatus).containsExactly("done", "done");
        assertThat(b.getArtifactManager().root().child("workers/api/RESULTS.md").isFile()).isTrue();
        assertThat(b.getArtifactManager().root().child("workers/api/worker.log").isFile()).isTrue();
        assertThat(b.getArtifactManager().root().child("workers/docs/branch.bundle").isFile()).isTrue();
    }

    @Test
    void withABodyEachWorkstreamIsABranchThatSeesItsVariables() throws Exception {
        TestRepo origin = origin(COMMAND_PLAN);
        WorkflowJob p = pipelineOn(origin,
                "  def outcomes = parallelWorktrees(plan: 'specs/plan.yaml', maxParallel: 1) {\n"
                + "    echo \"body ${env.PWT_WORKSTREAM} on ${env.PWT_BRANCH} wave ${env.PWT_WAVE}"
                + " tasks ${env.PWT_TASKS} feature ${env.PWT_FEATURE} plan ${env.PWT_PLAN}\"\n"
                + "    claudeWorker()\n"
                + "  }\n"
                + "  echo \"outcomes ${outcomes}\"\n");

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("body api on shop/api wave 1 tasks .worktrees/shop/api/TASKS.md feature shop"
                + " plan specs/plan.yaml", b);
        r.assertLogContains("body docs on shop/docs wave 1", b);
        r.assertLogContains("outcomes [api:done, docs:done]", b);
        assertThat(b.getArtifactManager().root().child("workers/docs/RESULTS.md").isFile()).isTrue();
    }

    @Test
    void waveByWaveTheNextWavesWorkerStartsFromTheIntegrationBranchInAnotherCheckout() throws Exception {
        TestRepo origin = origin("""
                feature: shop
                worker: {type: command, run: "echo $PWT_WORKSTREAM > $PWT_WORKSTREAM.txt && echo Done. > RESULTS.md"}
                workstreams:
                  - {name: core, prompt: Build the core.}
                  - {name: api, prompt: Build the API., dependsOn: [core]}
                """);
        // checkout scm detaches HEAD at the commit built; the second checkout is another workspace's
        String detached = checkout(origin) + "sh 'git checkout -q --detach'\n";
        WorkflowJob p = pipeline("node {\n" + detached
                + "  parallelWorktrees(plan: 'specs/plan.yaml', wave: 1) { claudeWorker() }\n"
                + "  mergeWave(plan: 'specs/plan.yaml', wave: 1) { echo 'gate passes' }\n"
                + "  dir('second') {\n" + detached
                + "    echo \"wave 2: ${parallelWorktrees(plan: 'specs/plan.yaml', wave: 2) { claudeWorker() }}\"\n"
                // the brief of the whole plan: the build fails here if TASKS.md lost the dependency
                + "    sh 'grep -q \"Depends on .core.\" .worktrees/shop/api/TASKS.md'\n"
                + "  }\n"
                + "}\n");

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("shop/core from the build's workers/core/branch.bundle", b);
        r.assertLogContains("shop/integration from the build's waves/1/integration.bundle", b);
        r.assertLogContains("api: starts from the integration branch", b);
        r.assertLogContains("wave 2: [api:done]", b);
    }

    @Test
    void aWorkstreamThatDoesNotFinishMakesTheBuildUnstable() throws Exception {
        TestRepo origin = origin(COMMAND_PLAN
                + "  - {name: broken, prompt: Fail., worker: {run: 'exit 3'}}\n");
        WorkflowJob p = pipelineOn(origin, "  echo \"outcomes ${parallelWorktrees(plan: 'specs/plan.yaml')}\"\n");

        WorkflowRun b = r.buildAndAssertStatus(Result.UNSTABLE, p);

        r.assertLogContains("workstreams that did not finish: broken (failed)", b);
        r.assertLogContains("outcomes [api:done, docs:done, broken:failed]", b);
    }

    @Test
    void failFastStopsTheOtherWorkersAtTheFirstFailure() throws Exception {
        TestRepo origin = origin("""
                feature: shop
                worker: {type: command, run: "sleep 120"}
                workstreams:
                  - {name: slow, prompt: Wait.}
                  - {name: broken, prompt: Fail., worker: {run: "sleep 1; exit 3"}}
                """);
        WorkflowJob p = pipelineOn(origin, "  parallelWorktrees(plan: 'specs/plan.yaml', failFast: true)\n");

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("failFast: workstream 'broken' ended failed", b);
        assertThat(b.getAction(ParallelWorktreesAction.class).getWorkstreams())
                .extracting(WorkstreamRow::getStatus).doesNotContain("done");
    }

    @Test
    void aPlanOutsideTheWorkspaceIsRefused() throws Exception {
        WorkflowJob p = pipeline("node { parallelWorktrees(plan: '../../plan.yaml') }");

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("plan '../../plan.yaml' leads outside the workspace", b);
    }

    @Test
    void theRunsPageShowsEachWorkstreamAndItsResultsWithoutRunningTheirHtml() throws Exception {
        TestRepo origin = origin(COMMAND_PLAN);
        WorkflowJob p = pipelineOn(origin, "  parallelWorktrees(plan: 'specs/plan.yaml')\n");
        WorkflowRun b = r.buildAndAssertSuccess(p);

        try (JenkinsRule.WebClient wc = r.createWebClient()) {
            HtmlPage run = wc.getPage(b, "parallel-worktrees/");
            assertThat(run.asNormalizedText()).contains("api", "docs", "done");
            HtmlPage api = wc.getPage(b, "parallel-worktrees/workstream/api/");
            assertThat(api.asNormalizedText()).contains("Added api.", "<script>alert(1)</script>");
            assertThat(api.asXml()).doesNotContain("<script>alert(1)</script>");
        }
        assertThat(p.getAction(LatestRunLink.class)).isNotNull();
        assertThat(p.getAction(LatestRunLink.class).getUrlName()).isEqualTo(b.getNumber() + "/parallel-worktrees");
    }

    /** What the Snippet Generator writes when only plan is set, with a body and, written by hand, without one. */
    @Test
    void theSnippetGeneratorsLoneValueFormRunsWithABodyAndWithout() throws Exception {
        String snippet = Snippetizer.object2Groovy(new ParallelWorktreesStep("specs/plan.yaml"));
        TestRepo origin = origin(COMMAND_PLAN);
        WorkflowJob p = pipelineOn(origin,
                "  echo \"with a body ${parallelWorktrees('specs/plan.yaml') { claudeWorker() }}\"\n"
                + "  echo \"without ${parallelWorktrees('specs/plan.yaml')}\"\n");

        WorkflowRun b = r.buildAndAssertSuccess(p);

        assertThat(snippet).startsWith("parallelWorktrees('specs/plan.yaml')");
        r.assertLogContains("with a body [api:done, docs:done]", b);
        r.assertLogContains("without [api:done, docs:done]", b);
    }

    /** The docs' first form, written at the top of a script: it reads the plan, so it needs a workspace. */
    @Test
    void outsideANodeTheBodyFormSaysToWrapItInANode() throws Exception {
        WorkflowJob p = pipeline("parallelWorktrees(plan: 'specs/plan.yaml') { node { claudeWorker() } }");

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("parallelWorktrees with a body reads the plan from the workspace before its bodies"
                + " start: wrap it in node { }", b);
        r.assertLogNotContains("MissingContextVariableException", b);
    }

    /** As parallel's branches: workflow-api's ForkScanner and the graph views know a branch by its ThreadNameAction. */
    @Test
    void eachBodyStartsAParallelBranchNamedAfterItsWorkstream() throws Exception {
        TestRepo origin = origin(COMMAND_PLAN);
        WorkflowJob p = pipelineOn(origin, "  parallelWorktrees(plan: 'specs/plan.yaml') { claudeWorker() }\n");

        WorkflowRun b = r.buildAndAssertSuccess(p);

        assertThat(new DepthFirstScanner().allNodes(b.getExecution()).stream()
                .map(node -> node.getPersistentAction(ThreadNameAction.class)).filter(Objects::nonNull)
                .map(ThreadNameAction::getThreadName)).containsExactlyInAnyOrder("api", "docs");
    }

    /**
     * A dependent whose dependency failed is skipped in every view, and mergeWave does not merge its branch, though
     * an earlier night left one on origin.
     */
    @Test
    void aSkippedWorkstreamIsSkippedEverywhereAndMergeWaveLeavesItOut() throws Exception {
        TestRepo origin = origin("""
                feature: shop
                worker: {type: command, run: "echo $PWT_WORKSTREAM > $PWT_WORKSTREAM.txt && echo '# R' > RESULTS.md"}
                workstreams:
                  - {name: core, prompt: Fail., worker: {run: 'exit 3'}}
                  - {name: api, prompt: Build on core., dependsOn: [core]}
                """);
        origin.git().run("checkout", "--quiet", "-b", "shop/api");
        origin.write("api.txt", "last night's api\n");
        origin.commitAll("api: last night");
        origin.git().run("checkout", "--quiet", "main");
        WorkflowJob p = pipelineOn(origin, "  def outcomes = parallelWorktrees(plan: 'specs/plan.yaml') {\n"
                + "    echo \"${env.PWT_WORKSTREAM} says ${claudeWorker()}\"\n"
                + "  }\n"
                + "  echo \"outcomes ${outcomes}\"\n"
                + "  mergeWave(plan: 'specs/plan.yaml', wave: 2)\n");

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("outcomes [core:failed, api:skipped]", b);
        r.assertLogContains("api says [workstream:api, branch:shop/api, status:skipped, reason:dependency 'core'"
                + " ended failed", b);
        r.assertLogContains("wave 2 has nothing to merge: {api=it ended skipped in this build (dependency 'core'"
                + " ended failed)}", b);
        assertThat(b.getAction(ParallelWorktreesAction.class).statusOf("api")).hasValue("skipped");
    }
}
