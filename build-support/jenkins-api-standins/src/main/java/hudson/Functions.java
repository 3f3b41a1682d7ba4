// Stand-in checked against jenkinsci/jenkins core/src/main/java/hudson/Functions.java (tag jenkins-2.504.3).
// Only the members the plugin's sources use; bodies are not the real ones.
package hudson;

import io.github.parallelworktrees.standins.StandIn;

public class Functions {
    // jenkinsci/jenkins core/src/main/java/hudson/Functions.java:2321 (the system property hudson.security.ArtifactsPermission)
    public static boolean isArtifactsPermissionEnabled() {
        return StandIn.unsupported();
    }
}
