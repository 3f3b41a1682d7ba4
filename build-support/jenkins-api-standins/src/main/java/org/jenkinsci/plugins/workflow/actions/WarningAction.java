// Stand-in checked against jenkinsci/workflow-api-plugin src/main/java/org/jenkinsci/plugins/workflow/actions/WarningAction.java (HEAD cbc88d9).
// Only the members the plugin's sources use; bodies are not the real ones.
package org.jenkinsci.plugins.workflow.actions;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Result;
import io.github.parallelworktrees.standins.StandIn;

public class WarningAction implements PersistentAction {
    // jenkinsci/workflow-api-plugin src/main/java/org/jenkinsci/plugins/workflow/actions/WarningAction.java:19
    public WarningAction(@NonNull Result result) {
        StandIn.unsupported();
    }

    // jenkinsci/workflow-api-plugin src/main/java/org/jenkinsci/plugins/workflow/actions/WarningAction.java:23
    public WarningAction withMessage(String message) {
        return StandIn.unsupported();
    }

    // jenkinsci/workflow-api-plugin src/main/java/org/jenkinsci/plugins/workflow/actions/WarningAction.java:32
    public @NonNull Result getResult() {
        return StandIn.unsupported();
    }

    // jenkinsci/workflow-api-plugin src/main/java/org/jenkinsci/plugins/workflow/actions/WarningAction.java:37
    @Override
    public String getDisplayName() {
        return StandIn.unsupported();
    }

    // jenkinsci/workflow-api-plugin src/main/java/org/jenkinsci/plugins/workflow/actions/WarningAction.java:42
    @Override
    public String getIconFileName() {
        return StandIn.unsupported();
    }

    // jenkinsci/workflow-api-plugin src/main/java/org/jenkinsci/plugins/workflow/actions/WarningAction.java:47
    @Override
    public String getUrlName() {
        return StandIn.unsupported();
    }
}
