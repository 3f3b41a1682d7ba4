// Stand-in checked against jenkinsci/workflow-cps-plugin plugin/src/main/java/org/jenkinsci/plugins/workflow/cps/CpsFlowDefinition.java (HEAD e007b7ff).
// Only the members the plugin's sources use; bodies are not the real ones.
package org.jenkinsci.plugins.workflow.cps;

import hudson.model.Descriptor;
import io.github.parallelworktrees.standins.StandIn;
import org.jenkinsci.plugins.workflow.flow.FlowDefinition;

public class CpsFlowDefinition extends FlowDefinition {
    // jenkinsci/workflow-cps-plugin plugin/src/main/java/org/jenkinsci/plugins/workflow/cps/CpsFlowDefinition.java:87
    public CpsFlowDefinition(String script, boolean sandbox) throws Descriptor.FormException {
        StandIn.unsupported();
    }
}
