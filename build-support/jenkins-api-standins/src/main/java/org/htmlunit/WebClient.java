// Stand-in checked against HtmlUnit/htmlunit src/main/java/org/htmlunit/WebClient.java (commit 0035b4d3; Jenkins' test harness uses it as jenkins-test-harness-htmlunit).
// Only the members the plugin's sources use; bodies are not the real ones.
package org.htmlunit;

import io.github.parallelworktrees.standins.StandIn;
import java.io.Serializable;

public class WebClient implements Serializable, AutoCloseable {
    private static final long serialVersionUID = 1L;

    // HtmlUnit/htmlunit src/main/java/org/htmlunit/WebClient.java
    @Override
    public void close() {
        StandIn.unsupported();
    }
}
