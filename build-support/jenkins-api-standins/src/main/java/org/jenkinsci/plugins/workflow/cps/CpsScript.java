// Stand-in checked against jenkinsci/workflow-cps-plugin plugin/src/main/java/org/jenkinsci/plugins/workflow/cps/CpsScript.java (HEAD e007b7ff).
// Only the members the plugin's sources use; bodies are not the real ones.
package org.jenkinsci.plugins.workflow.cps;

import com.cloudbees.groovy.cps.SerializableScript;
import io.github.parallelworktrees.standins.StandIn;
import java.io.IOException;

public abstract class CpsScript extends SerializableScript {
    private static final long serialVersionUID = 1L;

    // jenkinsci/workflow-cps-plugin plugin/src/main/java/org/jenkinsci/plugins/workflow/cps/CpsScript.java:66
    public CpsScript() throws IOException {
        StandIn.unsupported();
    }
}
