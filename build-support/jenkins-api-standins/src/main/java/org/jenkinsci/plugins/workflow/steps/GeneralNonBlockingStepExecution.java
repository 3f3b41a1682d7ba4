// Stand-in checked against jenkinsci/workflow-step-api-plugin src/main/java/org/jenkinsci/plugins/workflow/steps/GeneralNonBlockingStepExecution.java (HEAD 0773c3c).
// Only the members the plugin's sources use; bodies are not the real ones.
package org.jenkinsci.plugins.workflow.steps;

import io.github.parallelworktrees.standins.StandIn;

public abstract class GeneralNonBlockingStepExecution extends StepExecution {
    private static final long serialVersionUID = 1L;

    // jenkinsci/workflow-step-api-plugin src/main/java/org/jenkinsci/plugins/workflow/steps/GeneralNonBlockingStepExecution.java:48
    protected GeneralNonBlockingStepExecution(StepContext context) {
        super(context);
    }

    // jenkinsci/workflow-step-api-plugin src/main/java/org/jenkinsci/plugins/workflow/steps/GeneralNonBlockingStepExecution.java:58
    @FunctionalInterface
    protected interface Block {
        // jenkinsci/workflow-step-api-plugin src/main/java/org/jenkinsci/plugins/workflow/steps/GeneralNonBlockingStepExecution.java:59
        void run() throws Exception;
    }

    // jenkinsci/workflow-step-api-plugin src/main/java/org/jenkinsci/plugins/workflow/steps/GeneralNonBlockingStepExecution.java:68
    protected final void run(Block block) {
        StandIn.unsupported();
    }

    // jenkinsci/workflow-step-api-plugin src/main/java/org/jenkinsci/plugins/workflow/steps/GeneralNonBlockingStepExecution.java:96
    @Override
    public void stop(Throwable cause) throws Exception {
        StandIn.unsupported();
    }

    // jenkinsci/workflow-step-api-plugin src/main/java/org/jenkinsci/plugins/workflow/steps/GeneralNonBlockingStepExecution.java:105
    @Override
    public void onResume() {
        StandIn.unsupported();
    }

    // jenkinsci/workflow-step-api-plugin src/main/java/org/jenkinsci/plugins/workflow/steps/GeneralNonBlockingStepExecution.java:120
    @Override
    public boolean blocksRestart() {
        return StandIn.unsupported();
    }
}
