// Stand-in checked against jenkinsci/workflow-cps-plugin plugin/src/main/java/org/jenkinsci/plugins/workflow/cps/GroovySourceFileAllowlist.java (HEAD e007b7ff).
// Only the members the plugin's sources use; bodies are not the real ones.
package org.jenkinsci.plugins.workflow.cps;

import hudson.ExtensionPoint;

// jenkinsci/workflow-cps-plugin plugin/src/main/java/org/jenkinsci/plugins/workflow/cps/GroovySourceFileAllowlist.java:58
public abstract class GroovySourceFileAllowlist implements ExtensionPoint {
    // jenkinsci/workflow-cps-plugin plugin/src/main/java/org/jenkinsci/plugins/workflow/cps/GroovySourceFileAllowlist.java:69
    public abstract boolean isAllowed(String groovySourceFileUrl);
}
