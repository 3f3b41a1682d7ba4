// Stand-in checked against jenkinsci/jenkins core/src/main/java/jenkins/model/Jenkins.java (tag jenkins-2.504.3).
// Only the members the plugin's sources use; bodies are not the real ones.
package jenkins.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Item;

public class Jenkins {
    // jenkinsci/jenkins core/src/main/java/jenkins/model/Jenkins.java:3130
    public @CheckForNull <T extends Item> T getItemByFullName(@NonNull String fullName, Class<T> type) {
        throw new UnsupportedOperationException("stand-in");
    }

    // jenkinsci/jenkins core/src/main/java/jenkins/model/Jenkins.java:836
    public static @CheckForNull Jenkins getInstanceOrNull() {
        throw new UnsupportedOperationException("stand-in");
    }

    // jenkinsci/jenkins core/src/main/java/jenkins/model/Jenkins.java:2984
    public boolean isTerminating() {
        throw new UnsupportedOperationException("stand-in");
    }
}
