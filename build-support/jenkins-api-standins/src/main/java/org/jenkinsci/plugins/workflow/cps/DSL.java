// Stand-in checked against jenkinsci/workflow-cps-plugin plugin/src/main/java/org/jenkinsci/plugins/workflow/cps/DSL.java (HEAD e007b7ff).
// Only the members the plugin's sources use; bodies are not the real ones.
package org.jenkinsci.plugins.workflow.cps;

import io.github.parallelworktrees.standins.StandIn;
import groovy.lang.GroovyObjectSupport;
import java.io.Serializable;
import org.jenkinsci.plugins.workflow.flow.FlowExecutionOwner;

// jenkinsci/workflow-cps-plugin plugin/src/main/java/org/jenkinsci/plugins/workflow/cps/DSL.java:104
public class DSL extends GroovyObjectSupport implements Serializable {
    private static final long serialVersionUID = 1L;

    // jenkinsci/workflow-cps-plugin plugin/src/main/java/org/jenkinsci/plugins/workflow/cps/DSL.java:128
    public DSL(FlowExecutionOwner handle) {
    }

    // jenkinsci/workflow-cps-plugin plugin/src/main/java/org/jenkinsci/plugins/workflow/cps/DSL.java:162
    @Override
    public Object invokeMethod(String name, Object args) {
        return StandIn.unsupported();
    }
}
