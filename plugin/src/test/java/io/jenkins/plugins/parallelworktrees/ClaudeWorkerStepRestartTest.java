package io.jenkins.plugins.parallelworktrees;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.parallelworktrees.engine.testing.TestRepo;
import java.nio.file.Path;
import java.util.Map;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/** A claudeWorker that Jenkins' restart interrupts continues its workstream afterwards, from sessions.json. */
@Tag("needs-jenkins")
class ClaudeWorkerStepRestartTest {

    /** Like PipelineFixtures.REHEARSAL, with a slow last turn so that the restart falls inside the worker. */
    private static final String SLOW_REHEARSAL = """
            turns:
              - tool_use: {name: Write, input: {file_path: "{{worktree}}/RESULTS.md", content: "# Results\\n\\nSurvived a restart.\\n"}}
              - text: Done.
                delay_ms: 15000
            """;

    @SuppressWarnings("unused")
    @RegisterExtension
    private static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @TempDir
    Path tmp;

    @Test
    void aWorkerRunningAtARestartFinishesAfterIt() throws Throwable {
        TestRepo origin = PipelineFixtures.origin(tmp.resolve("origin"),
                PipelineFixtures.rehearsalPlan("workstreams: [{name: a, prompt: Report.}]\n"),
                Map.of("specs/rehearsal.yaml", SLOW_REHEARSAL));
        sessions.then(r -> {
            WorkflowJob p = PipelineFixtures.pipeline(r, "node {\n" + PipelineFixtures.checkout(origin)
                    + "  parallelWorktrees(plan: 'specs/plan.yaml') { echo \"worker ${claudeWorker().status}\" }\n}\n");
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            r.waitForMessage("[pwt] a: turn 1: Write", b);
        });
        sessions.then(r -> {
            WorkflowJob p = r.jenkins.getItemByFullName("p", WorkflowJob.class);
            WorkflowRun b = p.getBuildByNumber(1);
            r.assertBuildStatusSuccess(r.waitForCompletion(b));
            r.assertLogContains("worker done", b);
            assertThat(b.getArtifactManager().root().child("workers/a/RESULTS.md").isFile()).isTrue();
        });
    }
}
