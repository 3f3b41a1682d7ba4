package io.jenkins.plugins.parallelworktrees;

import static io.jenkins.plugins.parallelworktrees.MergeWaveStepWithoutJenkinsTest.KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.ExtensionList;
import hudson.model.Result;
import hudson.slaves.DumbSlave;
import hudson.util.Secret;
import io.github.parallelworktrees.engine.testing.TestRepo;
import io.jenkins.plugins.parallelworktrees.report.ParallelWorktreesAction;
import io.jenkins.plugins.parallelworktrees.report.WorkstreamRow;
import java.util.Map;
import net.sf.json.JSONObject;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.Snippetizer;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import org.kohsuke.stapler.Stapler;

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

    /** Two workers that add src/log.txt each, so their merge conflicts and goes to the resolver at tools/claude. */
    private static final String CONFLICTING_PLAN = """
            feature: shop
            worker: {type: command, run: "mkdir -p src && echo from $PWT_WORKSTREAM > src/log.txt && echo '# R' > RESULTS.md"}
            workstreams: [{name: a, prompt: Log a.}, {name: b, prompt: Log b.}]
            merge:
              resolver: {type: claude, claudePath: tools/claude}
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

    @Test
    void aClaudeResolverGetsTheKeyOfTheCredentialAndTheLogMasksIt() throws Exception {
        SystemCredentialsProvider.getInstance().getCredentials().add(new StringCredentialsImpl(
                CredentialsScope.GLOBAL, "anthropic", "Anthropic API key", Secret.fromString(KEY)));
        TestRepo origin = origin(CONFLICTING_PLAN,
                Map.of("tools/claude", MergeWaveStepWithoutJenkinsTest.FAKE_RESOLVER));
        executable(origin, "tools/claude");
        WorkflowJob p = pipelineOn(origin, "  parallelWorktrees(plan: 'specs/plan.yaml')\n"
                + "  def merged = mergeWave(plan: 'specs/plan.yaml', wave: 1, credentialsId: 'anthropic')\n"
                + "  echo \"landed ${merged.landed}\"\n"
                + "  sh 'git show shop/integration:key-length.txt'\n");

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("resolved by the claude resolver", b);
        r.assertLogContains("landed [a, b]", b);
        r.assertLogContains(String.valueOf(KEY.length()), b);
        r.assertLogNotContains(KEY, b);
    }

    @Test
    void aCredentialThatDoesNotExistStopsTheStepBeforeAnythingIsMerged() throws Exception {
        TestRepo origin = origin(PLAN);
        WorkflowJob p = pipelineOn(origin, "  parallelWorktrees(plan: 'specs/plan.yaml')\n"
                + "  mergeWave(plan: 'specs/plan.yaml', wave: 1, credentialsId: 'no-such-key') { echo 'gate ran' }\n");

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("credentials 'no-such-key' were not found, are not visible to this job, or are not Secret"
                + " text", b);
        r.assertLogNotContains("gate ran", b);
        r.assertLogNotContains("created the integration branch", b);
    }

    @Test
    void theSnippetGeneratorTurnsTheBranchesTextIntoTheListAScriptWrites() throws Exception {
        JSONObject form = new JSONObject().element("plan", "specs/plan.yaml").element("wave", "2")
                .element("push", false).element("branches", "api\nui, docs").element("credentialsId", "")
                .element("planGate", false);

        String snippet = r.executeOnServer(() -> Snippetizer.object2Groovy(ExtensionList.lookupSingleton(
                MergeWaveStep.DescriptorImpl.class).newInstance(Stapler.getCurrentRequest2(), form)));

        assertThat(snippet).startsWith("mergeWave").contains("branches: ['api', 'ui', 'docs']")
                .contains("plan: 'specs/plan.yaml'").contains("wave: 2").doesNotContain("credentialsId");
    }
}
