// Stand-in checked against jenkinsci/workflow-cps-plugin plugin/src/main/java/org/jenkinsci/plugins/workflow/cps/Snippetizer.java (HEAD e007b7ff) (RootAction and DescriptorByNameOwner left out).
// Only the members the plugin's sources use; bodies are not the real ones.
package org.jenkinsci.plugins.workflow.cps;

import io.github.parallelworktrees.standins.StandIn;

public class Snippetizer {
    // jenkinsci/workflow-cps-plugin plugin/src/main/java/org/jenkinsci/plugins/workflow/cps/Snippetizer.java:94
    public static String object2Groovy(Object o) throws UnsupportedOperationException {
        return StandIn.unsupported();
    }
}
