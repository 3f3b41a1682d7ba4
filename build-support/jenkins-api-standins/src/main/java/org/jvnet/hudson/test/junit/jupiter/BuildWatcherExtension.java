// Stand-in checked against jenkinsci/jenkins-test-harness src/main/java/org/jvnet/hudson/test/junit/jupiter/BuildWatcherExtension.java (HEAD 96b52f42).
// Only the members the plugin's sources use; bodies are not the real ones.
package org.jvnet.hudson.test.junit.jupiter;

import edu.umd.cs.findbugs.annotations.NonNull;
import io.github.parallelworktrees.standins.StandIn;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

public class BuildWatcherExtension implements BeforeAllCallback, AfterAllCallback {
    // jenkinsci/jenkins-test-harness src/main/java/org/jvnet/hudson/test/junit/jupiter/BuildWatcherExtension.java:51
    @Override
    public void beforeAll(@NonNull ExtensionContext extensionContext) {
        StandIn.unsupported();
    }

    // jenkinsci/jenkins-test-harness src/main/java/org/jvnet/hudson/test/junit/jupiter/BuildWatcherExtension.java:56
    @Override
    public void afterAll(@NonNull ExtensionContext extensionContext) {
        StandIn.unsupported();
    }
}
