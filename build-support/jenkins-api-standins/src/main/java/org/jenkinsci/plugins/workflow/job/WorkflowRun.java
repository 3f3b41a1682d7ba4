// Stand-in checked against jenkinsci/workflow-job-plugin src/main/java/org/jenkinsci/plugins/workflow/job/WorkflowRun.java (HEAD cef6baef).
// Only the members the plugin's sources use; bodies are not the real ones.
package org.jenkinsci.plugins.workflow.job;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Run;
import org.jenkinsci.plugins.workflow.flow.FlowExecution;
import io.github.parallelworktrees.standins.StandIn;
import org.jenkinsci.plugins.workflow.flow.FlowExecutionOwner;

public final class WorkflowRun extends Run<WorkflowJob, WorkflowRun> implements FlowExecutionOwner.Executable {
    // jenkinsci/workflow-job-plugin src/main/java/org/jenkinsci/plugins/workflow/job/WorkflowRun.java:315
    @Override
    public void run() {
        StandIn.unsupported();
    }

    // jenkinsci/workflow-job-plugin src/main/java/org/jenkinsci/plugins/workflow/job/WorkflowRun.java:786
    public @CheckForNull FlowExecution getExecution() {
        return StandIn.unsupported();
    }
}
