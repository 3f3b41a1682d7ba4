// Stand-in checked against jenkinsci/jenkins core/src/main/java/jenkins/agents/ControllerToAgentFileCallable.java (tag jenkins-2.504.3).
// Only the members the plugin's sources use; bodies are not the real ones.
package jenkins.agents;

import hudson.FilePath;
import io.github.parallelworktrees.standins.StandIn;
import org.jenkinsci.remoting.RoleChecker;

public interface ControllerToAgentFileCallable<T> extends FilePath.FileCallable<T> {
    // jenkinsci/jenkins core/src/main/java/jenkins/agents/ControllerToAgentFileCallable.java:40
    @Override
    default void checkRoles(RoleChecker checker) throws SecurityException {
        StandIn.unsupported();
    }
}
