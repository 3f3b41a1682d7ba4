// Stand-in checked against jenkinsci/jenkins core/src/main/java/hudson/model/Actionable.java (tag jenkins-2.504.3).
// Only the members the plugin's sources use; bodies are not the real ones.
package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import io.github.parallelworktrees.standins.StandIn;

public abstract class Actionable {
    // jenkinsci/jenkins core/src/main/java/hudson/model/Actionable.java:154
    public void addAction(@NonNull Action a) {
        StandIn.unsupported();
    }

    // jenkinsci/jenkins core/src/main/java/hudson/model/Actionable.java:196
    public boolean addOrReplaceAction(@NonNull Action a) {
        return StandIn.unsupported();
    }

    // jenkinsci/jenkins core/src/main/java/hudson/model/Actionable.java:326
    public <T extends Action> T getAction(Class<T> type) {
        return StandIn.unsupported();
    }
}
