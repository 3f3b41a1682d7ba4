// Stand-in checked against jenkinsci/workflow-api-plugin src/main/java/org/jenkinsci/plugins/workflow/graph/FlowNode.java (HEAD cbc88d9).
// Only the members the plugin's sources use; bodies are not the real ones.
package org.jenkinsci.plugins.workflow.graph;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Action;
import hudson.model.Actionable;
import io.github.parallelworktrees.standins.StandIn;

public abstract class FlowNode extends Actionable {
    // jenkinsci/workflow-api-plugin src/main/java/org/jenkinsci/plugins/workflow/graph/FlowNode.java:241
    public String getId() {
        return StandIn.unsupported();
    }

    // jenkinsci/workflow-api-plugin src/main/java/org/jenkinsci/plugins/workflow/graph/FlowNode.java:373
    @CheckForNull
    public final <T extends Action> T getPersistentAction(@NonNull Class<T> type) {
        return StandIn.unsupported();
    }
}
