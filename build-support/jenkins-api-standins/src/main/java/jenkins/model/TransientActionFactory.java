// Stand-in checked against jenkinsci/jenkins core/src/main/java/jenkins/model/TransientActionFactory.java (tag jenkins-2.504.3).
// Only the members the plugin's sources use; bodies are not the real ones.
package jenkins.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.ExtensionPoint;
import hudson.model.Action;
import java.util.Collection;

public abstract class TransientActionFactory<T> implements ExtensionPoint {
    // jenkinsci/jenkins core/src/main/java/jenkins/model/TransientActionFactory.java:57
    public abstract Class<T> type();

    // jenkinsci/jenkins core/src/main/java/jenkins/model/TransientActionFactory.java:79
    public abstract @NonNull Collection<? extends Action> createFor(@NonNull T target);
}
