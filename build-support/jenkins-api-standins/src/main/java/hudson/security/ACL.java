// Stand-in checked against jenkinsci/jenkins core/src/main/java/hudson/security/ACL.java (tag jenkins-2.504.3).
// Only the members the plugin's sources use; bodies are not the real ones.
package hudson.security;

// jenkinsci/jenkins core/src/main/java/hudson/security/ACL.java:61
public abstract class ACL {
}
