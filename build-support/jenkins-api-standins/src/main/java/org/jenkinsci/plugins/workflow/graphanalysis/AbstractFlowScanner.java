// Stand-in checked against jenkinsci/workflow-api-plugin src/main/java/org/jenkinsci/plugins/workflow/graphanalysis/AbstractFlowScanner.java (HEAD cbc88d9) (Iterable and Filterator left out).
// Only the members the plugin's sources use; bodies are not the real ones.
package org.jenkinsci.plugins.workflow.graphanalysis;

import io.github.parallelworktrees.standins.StandIn;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.List;
import org.jenkinsci.plugins.workflow.flow.FlowExecution;
import org.jenkinsci.plugins.workflow.graph.FlowNode;

// jenkinsci/workflow-api-plugin src/main/java/org/jenkinsci/plugins/workflow/graphanalysis/AbstractFlowScanner.java:94
public abstract class AbstractFlowScanner {
    // jenkinsci/workflow-api-plugin src/main/java/org/jenkinsci/plugins/workflow/graphanalysis/AbstractFlowScanner.java:325
    @NonNull
    public List<FlowNode> allNodes(@CheckForNull FlowExecution exec) {
        return StandIn.unsupported();
    }
}
