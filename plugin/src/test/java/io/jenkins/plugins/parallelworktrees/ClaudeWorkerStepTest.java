package io.jenkins.plugins.parallelworktrees;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.model.Result;
import hudson.util.Secret;
import io.github.parallelworktrees.engine.testing.TestRepo;
import io.jenkins.plugins.parallelworktrees.report.ParallelWorktreesAction;
import io.jenkins.plugins.parallelworktrees.report.WorkstreamRow;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import jenkins.util.VirtualFile;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@Tag("needs-jenkins")
@WithJenkins
class ClaudeWorkerStepTest extends PipelineFixtures {

    private static final String KEY = "sk-ant-api03-jenkins-test-key-0123456789";

    /**
     * A stand-in for the Claude Code CLI that records the length of the key it got (never the key), names the key
     * variable in a tool call the way a model would, writes RESULTS.md and reports success in stream-json.
     */
    private static final String FAKE_CLI = """
            #!/bin/sh
            printf '%s' "${#ANTHROPIC_API_KEY}" > key-length.txt
            echo '{"type":"system","subtype":"init","session_id":"11111111-2222-3333-4444-555555555555","model":"fake"}'
            echo '{"type":"assistant","message":{"id":"m1","content":[{"type":"tool_use","name":"Bash","input":{"command":"curl -H x-api-key:$ANTHROPIC_API_KEY"}}]}}'
            printf '# Results\\n\\nRecorded the key length.\\n' > RESULTS.md
            echo '{"type":"result","subtype":"success","is_error":false,"result":"done","session_id":"11111111-2222-3333-4444-555555555555","num_turns":1,"total_cost_usd":0.01,"usage":{"input_tokens":10,"output_tokens":5}}'
            """;

    private static String read(VirtualFile file) throws Exception {
        try (InputStream in = file.open()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void insideABodyTheRehearsalWorkerRunsTheRealCliAndItsFilesAreArchived() throws Exception {
        TestRepo origin = origin(rehearsalPlan("workstreams: [{name: a, prompt: Add the file.}]\n"),
                Map.of("specs/rehearsal.yaml", REHEARSAL));
        WorkflowJob p = pipelineOn(origin, "  parallelWorktrees(plan: 'specs/plan.yaml') {\n"
                + "    def worker = claudeWorker()\n"
                + "    echo \"worker ${worker.workstream} ${worker.status} on ${worker.branch}\"\n"
                + "  }\n");

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("worker a done on shop/a", b);
        r.assertLogContains("[pwt] a: turn 1: Write", b);
        VirtualFile archived = b.getArtifactManager().root().child("workers/a");
        assertThat(read(archived.child("RESULTS.md"))).contains("Wrote src/a.txt.");
        assertThat(read(archived.child("result.json"))).contains("\"subtype\":\"success\"");
        assertThat(archived.child("branch.bundle").isFile()).isTrue();
        WorkstreamRow row = b.getAction(ParallelWorktreesAction.class).getWorkstreams().get(0);
        assertThat(row.getTurns()).isGreaterThanOrEqualTo(4);
        assertThat(row.getCommits()).isEqualTo("1");
    }

    @Test
    void theApiKeyFromTheCredentialReachesTheCliAndNeitherTheLogNorTheArtifacts() throws Exception {
        SystemCredentialsProvider.getInstance().getCredentials().add(new StringCredentialsImpl(
                CredentialsScope.GLOBAL, "anthropic", "Anthropic API key", Secret.fromString(KEY)));
        TestRepo origin = origin("feature: shop\n"
                + "worker: {type: claude, claudePath: tools/claude}\nworkstreams: [{name: a, prompt: Go.}]\n",
                Map.of("tools/claude", FAKE_CLI));
        executable(origin, "tools/claude");
        WorkflowJob p = pipelineOn(origin, "  withEnv(['PWT_PLAN=specs/plan.yaml']) {\n"
                + "    def worker = claudeWorker(workstream: 'a', credentialsId: 'anthropic', model: 'opus')\n"
                + "    echo \"worker ${worker.status}\"\n"
                + "  }\n"
                + "  sh 'git show shop/a:key-length.txt'\n");

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("worker done", b);
        r.assertLogContains(String.valueOf(KEY.length()), b);
        r.assertLogNotContains(KEY, b);
        for (String file : List.of("RESULTS.md", "worker.log", "result.json")) {
            assertThat(read(b.getArtifactManager().root().child("workers/a/" + file))).doesNotContain(KEY);
        }
    }

    @Test
    void aWorkerWithoutAPlanIsMadeOfItsParameters() throws Exception {
        TestRepo origin = origin("feature: unused\n",
                Map.of("tools/claude", FAKE_CLI));
        executable(origin, "tools/claude");
        WorkflowJob p = pipelineOn(origin,
                "  def worker = claudeWorker(workstream: 'fix-login', prompt: 'Fix the login form.',"
                + " feature: 'hotfix', timeoutMinutes: 5)\n"
                + "  echo \"worker ${worker.status} on ${worker.branch}\"\n");
        ParallelWorktreesConfiguration.get().setClaudePath("tools/claude");

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("worker done on hotfix/fix-login", b);
    }

    @Test
    void withoutAWorkstreamOutsideABodyTheStepSaysWhatItNeeds() throws Exception {
        WorkflowJob p = pipeline("node { claudeWorker() }");

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("claudeWorker needs a workstream: run it inside a parallelWorktrees body", b);
    }
}
