// Stand-in checked against jenkinsci/jenkins core/src/main/java/hudson/security/Permission.java (tag jenkins-2.504.3).
// Only the members the plugin's sources use; bodies are not the real ones.
package hudson.security;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;

// jenkinsci/jenkins core/src/main/java/hudson/security/Permission.java:49
public final class Permission {
    // jenkinsci/jenkins core/src/main/java/hudson/security/Permission.java:189. The stand-ins' permission constants
    // are made with it (with no group), one object each; unlike other stand-in bodies it does not throw, so that
    // loading Run or Item does not fail.
    @Deprecated
    public Permission(@NonNull PermissionGroup group, @NonNull String name, @CheckForNull Permission impliedBy) {
    }
}
