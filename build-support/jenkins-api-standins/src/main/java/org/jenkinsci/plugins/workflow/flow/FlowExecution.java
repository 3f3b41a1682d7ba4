// Stand-in checked against jenkinsci/workflow-api-plugin src/main/java/org/jenkinsci/plugins/workflow/flow/FlowExecution.java (HEAD cbc88d9) (FlowActionStorage and GraphLookupView left out).
// Only the members the plugin's sources use; bodies are not the real ones.
package org.jenkinsci.plugins.workflow.flow;

// jenkinsci/workflow-api-plugin src/main/java/org/jenkinsci/plugins/workflow/flow/FlowExecution.java:72
public abstract class FlowExecution {
}
