// Stand-in checked against jenkinsci/workflow-cps-plugin plugin/src/main/java/org/jenkinsci/plugins/workflow/cps/CpsBodyInvoker.java (HEAD e007b7ff).
// Only the members the plugin's sources use; bodies are not the real ones. The real start() returns the
// package-private CpsBodyExecution; the plugin only ever sees it as a BodyExecution.
package org.jenkinsci.plugins.workflow.cps;

import io.github.parallelworktrees.standins.StandIn;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Action;
import org.jenkinsci.plugins.workflow.steps.BodyExecution;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.BodyInvoker;

// jenkinsci/workflow-cps-plugin plugin/src/main/java/org/jenkinsci/plugins/workflow/cps/CpsBodyInvoker.java:56
public final class CpsBodyInvoker extends BodyInvoker {
    private CpsBodyInvoker() {
    }

    // jenkinsci/workflow-cps-plugin plugin/src/main/java/org/jenkinsci/plugins/workflow/cps/CpsBodyInvoker.java:101
    public CpsBodyInvoker withStartAction(Action a) {
        return StandIn.unsupported();
    }

    // jenkinsci/workflow-cps-plugin plugin/src/main/java/org/jenkinsci/plugins/workflow/cps/CpsBodyInvoker.java:107
    @Override
    public CpsBodyInvoker withCallback(BodyExecutionCallback callback) {
        return StandIn.unsupported();
    }

    // jenkinsci/workflow-cps-plugin plugin/src/main/java/org/jenkinsci/plugins/workflow/cps/CpsBodyInvoker.java:113
    @Override
    public CpsBodyInvoker withDisplayName(@NonNull String name) {
        return StandIn.unsupported();
    }

    // jenkinsci/workflow-cps-plugin plugin/src/main/java/org/jenkinsci/plugins/workflow/cps/CpsBodyInvoker.java:124
    @Override
    public BodyExecution start() {
        return StandIn.unsupported();
    }
}
