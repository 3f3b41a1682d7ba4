// Stand-in checked against jenkinsci/jenkins-test-harness src/main/java/org/jvnet/hudson/test/MockAuthorizationStrategy.java (HEAD 96b52f42).
// Only the members the plugin's sources use; bodies are not the real ones.
package org.jvnet.hudson.test;

import io.github.parallelworktrees.standins.StandIn;
import hudson.security.AuthorizationStrategy;
import hudson.security.Permission;

// jenkinsci/jenkins-test-harness src/main/java/org/jvnet/hudson/test/MockAuthorizationStrategy.java:53
public class MockAuthorizationStrategy extends AuthorizationStrategy {
    // jenkinsci/jenkins-test-harness src/main/java/org/jvnet/hudson/test/MockAuthorizationStrategy.java:58
    public MockAuthorizationStrategy() {
    }

    // jenkinsci/jenkins-test-harness src/main/java/org/jvnet/hudson/test/MockAuthorizationStrategy.java:65
    public Grant grant(Permission... permissions) {
        return StandIn.unsupported();
    }

    // jenkinsci/jenkins-test-harness src/main/java/org/jvnet/hudson/test/MockAuthorizationStrategy.java:88
    public class Grant {
        // jenkinsci/jenkins-test-harness src/main/java/org/jvnet/hudson/test/MockAuthorizationStrategy.java:99
        public GrantOn everywhere() {
            return StandIn.unsupported();
        }

        // jenkinsci/jenkins-test-harness src/main/java/org/jvnet/hudson/test/MockAuthorizationStrategy.java:158
        public class GrantOn {
            // jenkinsci/jenkins-test-harness src/main/java/org/jvnet/hudson/test/MockAuthorizationStrategy.java:167
            public MockAuthorizationStrategy to(String... sids) {
                return StandIn.unsupported();
            }
        }
    }
}
