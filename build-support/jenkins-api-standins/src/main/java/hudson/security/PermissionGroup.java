// Stand-in checked against jenkinsci/jenkins core/src/main/java/hudson/security/PermissionGroup.java (tag jenkins-2.504.3) (its supertypes Iterable and Comparable left out).
// Only the members the plugin's sources use; bodies are not the real ones.
package hudson.security;

// jenkinsci/jenkins core/src/main/java/hudson/security/PermissionGroup.java:43
public final class PermissionGroup {
    private PermissionGroup() {
    }
}
