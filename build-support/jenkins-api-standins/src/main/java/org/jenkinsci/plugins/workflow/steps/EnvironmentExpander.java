// Stand-in checked against jenkinsci/workflow-step-api-plugin src/main/java/org/jenkinsci/plugins/workflow/steps/EnvironmentExpander.java (HEAD 0773c3c).
// Only the members the plugin's sources use; bodies are not the real ones.
package org.jenkinsci.plugins.workflow.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import io.github.parallelworktrees.standins.StandIn;
import java.io.IOException;
import java.io.Serializable;
import java.util.Map;

public abstract class EnvironmentExpander implements Serializable {
    private static final long serialVersionUID = 1L;

    // jenkinsci/workflow-step-api-plugin src/main/java/org/jenkinsci/plugins/workflow/steps/EnvironmentExpander.java:53
    public abstract void expand(@NonNull EnvVars env) throws IOException, InterruptedException;

    // jenkinsci/workflow-step-api-plugin src/main/java/org/jenkinsci/plugins/workflow/steps/EnvironmentExpander.java:72
    public static EnvironmentExpander constant(@NonNull Map<String, String> env) {
        return StandIn.unsupported();
    }

    // jenkinsci/workflow-step-api-plugin src/main/java/org/jenkinsci/plugins/workflow/steps/EnvironmentExpander.java:96
    public static EnvironmentExpander merge(@CheckForNull EnvironmentExpander original,
            @NonNull EnvironmentExpander subsequent) {
        return StandIn.unsupported();
    }
}
