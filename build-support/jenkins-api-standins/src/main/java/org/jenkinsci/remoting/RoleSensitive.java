// Stand-in checked against jenkinsci/remoting src/main/java/org/jenkinsci/remoting/RoleSensitive.java (HEAD fa5f12a8).
// Only the members the plugin's sources use; bodies are not the real ones.
package org.jenkinsci.remoting;

public interface RoleSensitive {
    // jenkinsci/remoting src/main/java/org/jenkinsci/remoting/RoleSensitive.java:40
    void checkRoles(RoleChecker checker) throws SecurityException;
}
