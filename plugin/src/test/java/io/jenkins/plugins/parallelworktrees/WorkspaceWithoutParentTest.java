package io.jenkins.plugins.parallelworktrees;

import hudson.model.Result;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * A step in a directory with none above it: Jenkins has no temporary directory for it (WorkspaceList.tempDir is
 * null), and the step says so instead of failing with a NullPointerException.
 */
@Tag("needs-jenkins")
@WithJenkins
class WorkspaceWithoutParentTest extends PipelineFixtures {

    @Test
    void aStepInTheFileSystemRootStopsNamingItAndSayingWhereToRun() throws Exception {
        // dir('/') makes the step's FilePath "/" (workflow-durable-task-step PushdStep: cwd.child(path))
        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE,
                pipeline("node {\n dir('/') {\n  qualityGate junit: 'target/surefire-reports/*.xml'\n }\n}\n"));

        r.assertLogContains("the workspace '/' has no directory above it", b);
        r.assertLogContains("run the step in a directory below it", b);
        r.assertLogNotContains("NullPointerException", b);
    }
}
