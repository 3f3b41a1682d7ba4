// Stand-in checked against jenkinsci/jenkins core/src/main/java/hudson/security/AuthorizationStrategy.java (tag jenkins-2.504.3) (its supertypes left out).
// Only the members the plugin's sources use; bodies are not the real ones.
package hudson.security;

// jenkinsci/jenkins core/src/main/java/hudson/security/AuthorizationStrategy.java:74
public abstract class AuthorizationStrategy {
}
