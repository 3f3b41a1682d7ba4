// Stand-in checked against jenkinsci/workflow-api-plugin src/main/java/org/jenkinsci/plugins/workflow/graphanalysis/DepthFirstScanner.java (HEAD cbc88d9).
// Only the members the plugin's sources use; bodies are not the real ones.
package org.jenkinsci.plugins.workflow.graphanalysis;

// jenkinsci/workflow-api-plugin src/main/java/org/jenkinsci/plugins/workflow/graphanalysis/DepthFirstScanner.java:49
public class DepthFirstScanner extends AbstractFlowScanner {
}
