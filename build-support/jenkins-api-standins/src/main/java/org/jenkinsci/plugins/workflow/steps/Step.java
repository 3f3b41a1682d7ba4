// Stand-in checked against jenkinsci/workflow-step-api-plugin src/main/java/org/jenkinsci/plugins/workflow/steps/Step.java (HEAD 0773c3c).
// Only the members the plugin's sources use; bodies are not the real ones.
package org.jenkinsci.plugins.workflow.steps;

import hudson.ExtensionPoint;
import hudson.model.AbstractDescribableImpl;
import io.github.parallelworktrees.standins.StandIn;

public abstract class Step extends AbstractDescribableImpl<Step> implements ExtensionPoint {
    // jenkinsci/workflow-step-api-plugin src/main/java/org/jenkinsci/plugins/workflow/steps/Step.java:66
    public abstract StepExecution start(StepContext context) throws Exception;

    // jenkinsci/workflow-step-api-plugin src/main/java/org/jenkinsci/plugins/workflow/steps/Step.java:68
    @Override
    public StepDescriptor getDescriptor() {
        return StandIn.unsupported();
    }
}
