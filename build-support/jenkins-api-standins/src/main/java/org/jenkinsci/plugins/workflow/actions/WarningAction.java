// Stand-in checked against jenkinsci/workflow-api-plugin src/main/java/org/jenkinsci/plugins/workflow/actions/WarningAction.java (HEAD cbc88d9).
// Only the members the plugin's sources use; bodies are not the real ones.
package org.jenkinsci.plugins.workflow.actions;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Result;

public class WarningAction implements PersistentAction {
    // jenkinsci/workflow-api-plugin src/main/java/org/jenkinsci/plugins/workflow/actions/WarningAction.java:19
    public WarningAction(@NonNull Result result) {
        throw new UnsupportedOperationException("stand-in");
    }

    // jenkinsci/workflow-api-plugin src/main/java/org/jenkinsci/plugins/workflow/actions/WarningAction.java:23
    public WarningAction withMessage(String message) {
        throw new UnsupportedOperationException("stand-in");
    }

    // jenkinsci/workflow-api-plugin src/main/java/org/jenkinsci/plugins/workflow/actions/WarningAction.java:32
    public @NonNull Result getResult() {
        throw new UnsupportedOperationException("stand-in");
    }

    // jenkinsci/workflow-api-plugin src/main/java/org/jenkinsci/plugins/workflow/actions/WarningAction.java:37
    @Override
    public String getDisplayName() {
        throw new UnsupportedOperationException("stand-in");
    }

    // jenkinsci/workflow-api-plugin src/main/java/org/jenkinsci/plugins/workflow/actions/WarningAction.java:42
    @Override
    public String getIconFileName() {
        throw new UnsupportedOperationException("stand-in");
    }

    // jenkinsci/workflow-api-plugin src/main/java/org/jenkinsci/plugins/workflow/actions/WarningAction.java:47
    @Override
    public String getUrlName() {
        throw new UnsupportedOperationException("stand-in");
    }
}
