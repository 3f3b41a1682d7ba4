package io.jenkins.plugins.parallelworktrees;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import hudson.slaves.DumbSlave;
import io.github.parallelworktrees.engine.testing.TestRepo;
import io.jenkins.plugins.parallelworktrees.report.ParallelWorktreesAction;
import io.jenkins.plugins.parallelworktrees.report.WorkstreamRow;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@Tag("needs-jenkins")
@WithJenkins
class MergeWaveStepTest extends PipelineFixtures {

    /** Two workers of one partial wave: 'good' adds a file, 'bad' adds the BROKEN marker the gates look for. */
    private static final String PLAN = """
            feature: shop
            worker: {type: command, run: "echo $PWT_WORKSTREAM > $PWT_WORKSTREAM.txt && echo '# R' > RESULTS.md"}
            workstreams:
              - {name: good, prompt: Add good.txt.}
              - {name: bad, prompt: Break it., worker: {run: "touch BROKEN && echo '# R' > RESULTS.md"}}
            waves:
              - {wave: 1, partial: true, gate: {command: "test ! -e BROKEN"}}
            """;

    @Test
    void theBodyGatesEachCandidateAndBisectionLeavesTheCulpritOut() throws Exception {
        TestRepo origin = origin(PLAN);
        WorkflowJob p = pipelineOn(origin, "  parallelWorktrees(plan: 'specs/plan.yaml')\n"
                + "  def merged = mergeWave(plan: 'specs/plan.yaml', wave: 1) {\n"
                + "    echo \"gate run ${env.PWT_GATE_RUN} of wave ${env.PWT_WAVE} on ${env.PWT_CANDIDATE}\"\n"
                + "    sh 'test ! -e BROKEN'\n"
                + "  }\n"
                + "  echo \"landed ${merged.landed} left out ${merged.leftOut.keySet()} moved ${merged.moved}\"\n"
                + "  sh 'git show shop/integration:good.txt'\n");

        WorkflowRun b = r.buildAndAssertStatus(Result.UNSTABLE, p);

        r.assertLogContains("gate run 1 of wave 1", b);
        r.assertLogContains("gate run 2 of wave 1", b);
        r.assertLogContains("landed [good] left out [bad] moved true", b);
        r.assertLogContains("wave 1 left out bad (culprit: the gate fails with it", b);
        assertThat(b.getAction(ParallelWorktreesAction.class).getWorkstreams())
                .extracting(WorkstreamRow::getWorkstream, WorkstreamRow::getLanding)
                .contains(org.assertj.core.groups.Tuple.tuple("good", "landed in wave 1"));
        assertThat(b.getArtifactManager().root().child("waves/1/merge.json").isFile()).isTrue();
    }

    @Test
    void aQualityGateInTheBodyJudgesTheCandidateNotTheBuild() throws Exception {
        TestRepo origin = origin(PLAN);
        WorkflowJob p = pipelineOn(origin, "  parallelWorktrees(plan: 'specs/plan.yaml')\n"
                + "  def merged = mergeWave(plan: 'specs/plan.yaml', wave: 1) {\n"
                + "    writeFile file: 'target/TEST-gate.xml', text: fileExists('BROKEN')"
                + " ? '<testsuite tests=\"1\" failures=\"1\"><testcase name=\"t\"><failure>broken</failure></testcase></testsuite>'"
                + " : '<testsuite tests=\"1\"><testcase name=\"t\"/></testsuite>'\n"
                + "    qualityGate(junit: 'target/TEST-*.xml', criticality: 'FAILURE')\n"
                + "  }\n"
                + "  echo \"landed ${merged.landed}\"\n");

        WorkflowRun b = r.buildAndAssertStatus(Result.UNSTABLE, p);

        r.assertLogContains("landed [good]", b);
        r.assertLogContains("the merge decides, the build result is left alone", b);
    }

    @Test
    void withoutABodyThePlansWaveGateJudges() throws Exception {
        TestRepo origin = origin(PLAN);
        WorkflowJob p = pipelineOn(origin, "  parallelWorktrees(plan: 'specs/plan.yaml')\n"
                + "  def merged = mergeWave(plan: 'specs/plan.yaml', wave: 1, branches: ['good'])\n"
                + "  echo \"landed ${merged.landed} left out ${merged.leftOut}\"\n");

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("landed [good] left out [:]", b);
    }

    @Test
    void branchesMadeOnAnotherAgentArriveThroughTheBuildsBundles() throws Exception {
        TestRepo origin = origin(PLAN);
        DumbSlave agent = r.createOnlineSlave();
        WorkflowJob p = pipeline("node('" + agent.getNodeName() + "') {\n" + checkout(origin)
                + "  parallelWorktrees(plan: 'specs/plan.yaml') { claudeWorker() }\n"
                + "}\n"
                + "node('built-in') {\n"
                + "  dir('merge') {\n" + checkout(origin)
                + "    def merged = mergeWave(plan: 'specs/plan.yaml', wave: 1, push: true) { sh 'test ! -e BROKEN' }\n"
                + "    echo \"landed ${merged.landed} pushed ${merged.pushed}\"\n"
                + "  }\n"
                + "}\n");

        WorkflowRun b = r.buildAndAssertStatus(Result.UNSTABLE, p);

        r.assertLogContains("shop/good from the build's workers/good/branch.bundle", b);
        r.assertLogContains("landed [good] pushed true", b);
        assertThat(origin.tip("shop/integration")).isNotBlank();
        assertThat(origin.git().run("show", "shop/integration:good.txt")).isEqualTo("good");
    }
}
