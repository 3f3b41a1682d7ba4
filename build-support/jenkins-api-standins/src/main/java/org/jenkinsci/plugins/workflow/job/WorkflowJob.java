// Stand-in checked against jenkinsci/workflow-job-plugin src/main/java/org/jenkinsci/plugins/workflow/job/WorkflowJob.java (HEAD cef6baef).
// Only the members the plugin's sources use; bodies are not the real ones.
package org.jenkinsci.plugins.workflow.job;

import hudson.model.Job;
import hudson.model.Queue;
import hudson.model.TopLevelItem;
import hudson.model.TopLevelItemDescriptor;
import io.github.parallelworktrees.standins.StandIn;
import jenkins.model.ParameterizedJobMixIn;
import org.jenkinsci.plugins.workflow.flow.FlowDefinition;

public final class WorkflowJob extends Job<WorkflowJob, WorkflowRun>
        implements ParameterizedJobMixIn.ParameterizedJob<WorkflowJob, WorkflowRun>, TopLevelItem,
        Queue.FlyweightTask {
    // jenkinsci/workflow-job-plugin src/main/java/org/jenkinsci/plugins/workflow/job/WorkflowJob.java:184
    public void setDefinition(FlowDefinition definition) {
        StandIn.unsupported();
    }

    // jenkinsci/workflow-job-plugin src/main/java/org/jenkinsci/plugins/workflow/job/WorkflowJob.java:477
    @Override
    public TopLevelItemDescriptor getDescriptor() {
        return StandIn.unsupported();
    }

    // in the real class inherited from jenkinsci/jenkins core/src/main/java/hudson/model/AbstractItem.java:161 (tag jenkins-2.504.3)
    @Override
    public String getDisplayName() {
        return StandIn.unsupported();
    }
}
