// Stand-in checked against jenkinsci/workflow-api-plugin src/main/java/org/jenkinsci/plugins/workflow/actions/ThreadNameAction.java (HEAD cbc88d9).
// Only the members the plugin's sources use; bodies are not the real ones.
package org.jenkinsci.plugins.workflow.actions;

import edu.umd.cs.findbugs.annotations.NonNull;

// jenkinsci/workflow-api-plugin src/main/java/org/jenkinsci/plugins/workflow/actions/ThreadNameAction.java:33
public interface ThreadNameAction extends PersistentAction {
    // jenkinsci/workflow-api-plugin src/main/java/org/jenkinsci/plugins/workflow/actions/ThreadNameAction.java:36
    @NonNull
    String getThreadName();
}
