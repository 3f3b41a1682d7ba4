// Stand-in checked against jenkinsci/jenkins core/src/main/java/jenkins/util/BuildListenerAdapter.java (tag jenkins-2.504.3).
// Only the members the plugin's sources use; bodies are not the real ones.
package jenkins.util;

import hudson.model.BuildListener;
import hudson.model.TaskListener;
import io.github.parallelworktrees.standins.StandIn;
import java.io.PrintStream;

public final class BuildListenerAdapter implements BuildListener {
    private static final long serialVersionUID = 1L;

    // jenkinsci/jenkins core/src/main/java/jenkins/util/BuildListenerAdapter.java:43
    public BuildListenerAdapter(TaskListener delegate) {
        StandIn.unsupported();
    }

    // jenkinsci/jenkins core/src/main/java/jenkins/util/BuildListenerAdapter.java:47
    @Override
    public PrintStream getLogger() {
        return StandIn.unsupported();
    }
}
