// Stand-in checked against HtmlUnit/htmlunit src/main/java/org/htmlunit/html/DomNode.java (commit 0035b4d3; Jenkins' test harness uses it as jenkins-test-harness-htmlunit).
// Only the members the plugin's sources use; bodies are not the real ones.
package org.htmlunit.html;

import io.github.parallelworktrees.standins.StandIn;

public abstract class DomNode {
    // HtmlUnit/htmlunit src/main/java/org/htmlunit/html/DomNode.java
    public String asNormalizedText() {
        return StandIn.unsupported();
    }

    // HtmlUnit/htmlunit src/main/java/org/htmlunit/html/DomNode.java
    public String asXml() {
        return StandIn.unsupported();
    }
}
