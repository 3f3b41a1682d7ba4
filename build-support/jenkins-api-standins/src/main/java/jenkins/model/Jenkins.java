// Stand-in checked against jenkinsci/jenkins core/src/main/java/jenkins/model/Jenkins.java (tag jenkins-2.504.3).
// Only the members the plugin's sources use; bodies are not the real ones.
package jenkins.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Item;
import hudson.security.AuthorizationStrategy;
import hudson.security.Permission;
import hudson.security.SecurityRealm;
import io.github.parallelworktrees.standins.StandIn;

public class Jenkins {
    // jenkinsci/jenkins core/src/main/java/jenkins/model/Jenkins.java:5868 (the real one is made with Jenkins.PERMISSIONS)
    @SuppressWarnings("deprecation")
    public static final Permission READ = new Permission(null, "Read", null);

    // jenkinsci/jenkins core/src/main/java/jenkins/model/Jenkins.java:2725
    public void setSecurityRealm(@CheckForNull SecurityRealm securityRealm) {
        StandIn.unsupported();
    }

    // jenkinsci/jenkins core/src/main/java/jenkins/model/Jenkins.java:2768
    public void setAuthorizationStrategy(@CheckForNull AuthorizationStrategy a) {
        StandIn.unsupported();
    }

    // jenkinsci/jenkins core/src/main/java/jenkins/model/Jenkins.java:3130
    public @CheckForNull <T extends Item> T getItemByFullName(@NonNull String fullName, Class<T> type) {
        return StandIn.unsupported();
    }

    // jenkinsci/jenkins core/src/main/java/jenkins/model/Jenkins.java:836
    public static @CheckForNull Jenkins getInstanceOrNull() {
        return StandIn.unsupported();
    }

    // jenkinsci/jenkins core/src/main/java/jenkins/model/Jenkins.java:2984
    public boolean isTerminating() {
        return StandIn.unsupported();
    }
}
