// Stand-in checked against jenkinsci/jenkins core/src/main/java/hudson/model/Actionable.java (tag jenkins-2.504.3).
// Only the members the plugin's sources use; bodies are not the real ones.
package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;

public abstract class Actionable {
    // jenkinsci/jenkins core/src/main/java/hudson/model/Actionable.java:154
    public void addAction(@NonNull Action a) {
        throw new UnsupportedOperationException("stand-in");
    }

    // jenkinsci/jenkins core/src/main/java/hudson/model/Actionable.java:196
    public boolean addOrReplaceAction(@NonNull Action a) {
        throw new UnsupportedOperationException("stand-in");
    }

    // jenkinsci/jenkins core/src/main/java/hudson/model/Actionable.java:326
    public <T extends Action> T getAction(Class<T> type) {
        throw new UnsupportedOperationException("stand-in");
    }
}
