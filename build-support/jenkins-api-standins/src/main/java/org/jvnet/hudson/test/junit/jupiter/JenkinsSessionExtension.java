// Stand-in checked against jenkinsci/jenkins-test-harness src/main/java/org/jvnet/hudson/test/junit/jupiter/JenkinsSessionExtension.java (HEAD 96b52f42).
// Only the members the plugin's sources use; bodies are not the real ones.
package org.jvnet.hudson.test.junit.jupiter;

import edu.umd.cs.findbugs.annotations.NonNull;
import io.github.parallelworktrees.standins.StandIn;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.jvnet.hudson.test.fixtures.JenkinsSessionFixture;

public class JenkinsSessionExtension implements BeforeEachCallback, AfterEachCallback {
    // jenkinsci/jenkins-test-harness src/main/java/org/jvnet/hudson/test/junit/jupiter/JenkinsSessionExtension.java:60
    @Override
    public void beforeEach(@NonNull ExtensionContext context) {
        StandIn.unsupported();
    }

    // jenkinsci/jenkins-test-harness src/main/java/org/jvnet/hudson/test/junit/jupiter/JenkinsSessionExtension.java:69
    @Override
    public void afterEach(@NonNull ExtensionContext context) {
        StandIn.unsupported();
    }

    // jenkinsci/jenkins-test-harness src/main/java/org/jvnet/hudson/test/junit/jupiter/JenkinsSessionExtension.java:77
    @FunctionalInterface
    public interface Step extends JenkinsSessionFixture.Step {
    }

    // jenkinsci/jenkins-test-harness src/main/java/org/jvnet/hudson/test/junit/jupiter/JenkinsSessionExtension.java:82
    public void then(Step s) throws Throwable {
        StandIn.unsupported();
    }
}
