// Stand-in checked against jenkinsci/jenkins core/src/main/java/hudson/security/AccessControlled.java (tag jenkins-2.504.3).
// Only the members the plugin's sources use; bodies are not the real ones.
package hudson.security;

import io.github.parallelworktrees.standins.StandIn;
import edu.umd.cs.findbugs.annotations.NonNull;

// jenkinsci/jenkins core/src/main/java/hudson/security/AccessControlled.java:37
public interface AccessControlled {
    // jenkinsci/jenkins core/src/main/java/hudson/security/AccessControlled.java:43
    @NonNull ACL getACL();

    // jenkinsci/jenkins core/src/main/java/hudson/security/AccessControlled.java:68
    default boolean hasPermission(@NonNull Permission permission) {
        return StandIn.unsupported();
    }
}
