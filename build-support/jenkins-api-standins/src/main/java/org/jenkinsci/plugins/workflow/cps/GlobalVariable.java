// Stand-in checked against jenkinsci/workflow-cps-plugin plugin/src/main/java/org/jenkinsci/plugins/workflow/cps/GlobalVariable.java (HEAD e007b7ff).
// Only the members the plugin's sources use; bodies are not the real ones.
package org.jenkinsci.plugins.workflow.cps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.ExtensionPoint;

public abstract class GlobalVariable implements ExtensionPoint {
    // jenkinsci/workflow-cps-plugin plugin/src/main/java/org/jenkinsci/plugins/workflow/cps/GlobalVariable.java:65
    public abstract @NonNull String getName();

    // jenkinsci/workflow-cps-plugin plugin/src/main/java/org/jenkinsci/plugins/workflow/cps/GlobalVariable.java:76
    public abstract @NonNull Object getValue(@NonNull CpsScript script) throws Exception;
}
