package io.jenkins.plugins.parallelworktrees;

import io.github.parallelworktrees.engine.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * In a real Jenkins: withEnv and declarative environment variables, and PATH+X entries, reach the workers and
 * git through every step (the unit rules are in PipelineEnvironmentTest).
 */
@Tag("needs-jenkins")
@WithJenkins
class PipelineEnvironmentJenkinsTest extends PipelineFixtures {

    @Test
    void withEnvReachesTheWorkerItsPathAndTheCommitsOfEveryForm() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("tool-bin"));
        Files.writeString(bin.resolve("pipeline-worker"), "#!/bin/sh\necho \"$PIPELINE_MARK\" > mark.txt\n"
                + "echo '# R' > RESULTS.md\n");
        bin.resolve("pipeline-worker").toFile().setExecutable(true);
        TestRepo origin = origin("""
                feature: shop
                worker: {type: command, run: pipeline-worker}
                workstreams: [{name: api, prompt: x}, {name: docs, prompt: x}]
                """, Map.of());
        WorkflowJob p = pipeline("withEnv(['PIPELINE_MARK=from-withEnv', 'PATH+TOOL=" + bin + "',"
                + " 'GIT_AUTHOR_NAME=Jenkins Author', 'GIT_AUTHOR_EMAIL=author@ci.invalid']) {\n"
                + "  node {\n" + checkout(origin)
                // the repository's own identity would win over the variables: take it away
                + "    sh 'git config --unset user.name; git config --unset user.email; true'\n"
                + "    echo \"outcomes ${parallelWorktrees(plan: 'specs/plan.yaml') { claudeWorker() }}\"\n"
                + "    sh 'test \"$(git show shop/api:mark.txt)\" = from-withEnv'\n"
                + "    sh 'test \"$(git log -1 --format=%an shop/docs)\" = \"Jenkins Author\"'\n"
                + "  }\n"
                + "}\n");

        // the two sh checks fail the build unless the worker saw the variable and committed as the Pipeline said
        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("outcomes [api:done, docs:done]", b);
    }

    @Test
    void aKeyBoundInThePipelineIsMaskedInTheLogAndTheArchivedWorkerLog() throws Exception {
        String key = "sk-ant-api03-bound-in-the-pipeline";
        TestRepo origin = origin("""
                feature: shop
                worker: {type: command, run: 'echo "the key is $ANTHROPIC_API_KEY" && echo "# R" > RESULTS.md'}
                workstreams: [{name: api, prompt: x}]
                """, Map.of());
        WorkflowJob p = pipeline("withEnv(['ANTHROPIC_API_KEY=" + key + "']) {\n"
                + "  node {\n" + checkout(origin)
                + "    echo \"outcomes ${parallelWorktrees(plan: 'specs/plan.yaml')}\"\n"
                + "  }\n"
                + "}\n");

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogNotContains(key, b);
        try (java.io.InputStream in = b.getArtifactManager().root().child("workers/api/worker.log").open()) {
            String archived = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            org.assertj.core.api.Assertions.assertThat(archived).contains("the key is ****").doesNotContain(key);
        }
    }
}
