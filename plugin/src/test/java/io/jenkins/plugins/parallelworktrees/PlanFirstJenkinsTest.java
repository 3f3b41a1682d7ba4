package io.jenkins.plugins.parallelworktrees;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.github.parallelworktrees.engine.testing.TestRepo;
import java.util.Map;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * {@code parallelWorktrees(spec: ...)} in a real Pipeline: planned on the agent, archived, then run; with a body
 * through the global variable's two calls (planOnly, then the bodies on the planned plan).
 */
@Tag("needs-jenkins")
@WithJenkins
class PlanFirstJenkinsTest extends PipelineFixtures {

    static final String SPEC = "# Shop\n\nAn API and its docs.\n";

    /** A command planner: an invalid plan first, then, with the errors, two command workers. */
    static final String PLANNER = """
            if [ -z "$PWT_PLAN_ERRORS" ]; then
              printf 'workstreams:\\n  - {name: Bad Name, prompt: x}\\n' > "$PWT_PLAN_OUT"
            else
              cat > "$PWT_PLAN_OUT" <<'PLAN'
            feature: shop
            worker: {type: command, run: "echo $PWT_WORKSTREAM > $PWT_WORKSTREAM.txt && echo Done. > RESULTS.md"}
            workstreams:
              - {name: api, prompt: Build the API.}
              - {name: docs, prompt: Write the docs.}
            PLAN
            fi
            """;

    private TestRepo originWithSpec(String planner) {
        return origin(COMMAND_PLAN, Map.of("specs/shop.md", SPEC, "scripts/plan.sh", planner));
    }

    @Test
    void withoutABodyTheSpecIsPlannedArchivedAndRun() throws Exception {
        WorkflowJob p = pipelineOn(originWithSpec(PLANNER), "  def outcomes = parallelWorktrees(spec: 'specs/shop.md',"
                + " planner: [type: 'command', run: 'sh scripts/plan.sh'])\n"
                + "  echo \"outcomes ${outcomes}\"\n");

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("[pwt] plan: specs/shop.plan.yaml, valid after 2 attempts", b);
        r.assertLogContains("[pwt] archived: planning/specs/shop.plan.yaml", b);
        r.assertLogContains("outcomes [api:done, docs:done]", b);
        assertThat(b.getArtifactManager().root().child("planning/specs/shop.plan.yaml").isFile()).isTrue();
        assertThat(b.getArtifactManager().root().child("planning/records/specs/shop.plan.yaml/errors-1.txt")
                .isFile()).isTrue();
        assertThat(b.getArtifactManager().root().child("workers/api/RESULTS.md").isFile()).isTrue();
    }

    @Test
    void withABodyThePlanIsMadeFirstAndEachWorkstreamIsABranchOnIt() throws Exception {
        WorkflowJob p = pipelineOn(originWithSpec(PLANNER),
                "  def outcomes = parallelWorktrees(spec: 'specs/shop.md', maxParallel: 1,"
                + " planner: [type: 'command', run: 'sh scripts/plan.sh']) {\n"
                + "    echo \"body ${env.PWT_WORKSTREAM} plan ${env.PWT_PLAN}\"\n"
                + "    claudeWorker()\n"
                + "  }\n"
                + "  echo \"outcomes ${outcomes}\"\n");

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("body api plan specs/shop.plan.yaml", b);
        r.assertLogContains("body docs plan specs/shop.plan.yaml", b);
        r.assertLogContains("outcomes [api:done, docs:done]", b);
        assertThat(b.getArtifactManager().root().child("planning/specs/shop.plan.yaml").isFile()).isTrue();
    }

    @Test
    void planOnlyReturnsThePlansPathAndRunsNothing() throws Exception {
        WorkflowJob p = pipelineOn(originWithSpec(PLANNER), "  def plan = parallelWorktrees(spec: 'specs/shop.md',"
                + " plan: 'plans/shop.yaml', planOnly: true, planner: [type: 'command', run: 'sh scripts/plan.sh'])\n"
                + "  echo \"planned ${plan}\"\n");

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("planned plans/shop.yaml", b);
        assertThat(b.getArtifactManager().root().child("planning/plans/shop.yaml").isFile()).isTrue();
        assertThat(b.getArtifactManager().root().child("workers").exists()).isFalse();
    }

    @Test
    void aPlanStillInvalidAfterTheAttemptsFailsTheBuildWithItsProblemsAndRunsNothing() throws Exception {
        WorkflowJob p = pipelineOn(originWithSpec("printf 'workstreams:\\n  - {name: Bad Name, prompt: x}\\n'"
                + " > \"$PWT_PLAN_OUT\"\n"), "  parallelWorktrees(spec: 'specs/shop.md',"
                + " planner: [type: 'command', run: 'sh scripts/plan.sh', attempts: 1])\n");

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("parallelWorktrees: planning specs/shop.plan.yaml failed: the plan is still invalid after"
                + " 1 attempt", b);
        r.assertLogContains("Bad Name", b);
        assertThat(b.getArtifactManager().root().child("planning/specs/shop.plan.yaml").isFile()).isTrue();
        assertThat(b.getArtifactManager().root().child("workers").exists()).isFalse();
    }
}
