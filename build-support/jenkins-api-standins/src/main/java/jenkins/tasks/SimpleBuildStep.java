// Stand-in checked against jenkinsci/jenkins core/src/main/java/jenkins/tasks/SimpleBuildStep.java (tag jenkins-2.504.3) (its supertype BuildStep left out).
// Only the members the plugin's sources use; bodies are not the real ones.
package jenkins.tasks;

import hudson.model.Action;
import java.util.Collection;

// jenkinsci/jenkins core/src/main/java/jenkins/tasks/SimpleBuildStep.java:75
public interface SimpleBuildStep {

    // jenkinsci/jenkins core/src/main/java/jenkins/tasks/SimpleBuildStep.java:173
    interface LastBuildAction extends Action {
        // jenkinsci/jenkins core/src/main/java/jenkins/tasks/SimpleBuildStep.java:180
        Collection<? extends Action> getProjectActions();
    }
}
