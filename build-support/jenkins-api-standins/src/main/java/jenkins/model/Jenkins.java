// Stand-in checked against jenkinsci/jenkins core/src/main/java/jenkins/model/Jenkins.java (tag jenkins-2.504.3).
// Only the members the plugin's sources use; bodies are not the real ones.
package jenkins.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Item;
import io.github.parallelworktrees.standins.StandIn;

public class Jenkins {
    // jenkinsci/jenkins core/src/main/java/jenkins/model/Jenkins.java:3130
    public @CheckForNull <T extends Item> T getItemByFullName(@NonNull String fullName, Class<T> type) {
        return StandIn.unsupported();
    }
}
