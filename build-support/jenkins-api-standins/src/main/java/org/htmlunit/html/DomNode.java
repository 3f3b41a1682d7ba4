// Stand-in checked against HtmlUnit/htmlunit src/main/java/org/htmlunit/html/DomNode.java (commit 0035b4d3; Jenkins' test harness uses it as jenkins-test-harness-htmlunit).
// Only the members the plugin's sources use; bodies are not the real ones.
package org.htmlunit.html;

public abstract class DomNode {
    // HtmlUnit/htmlunit src/main/java/org/htmlunit/html/DomNode.java
    public String asNormalizedText() {
        throw new UnsupportedOperationException("stand-in");
    }

    // HtmlUnit/htmlunit src/main/java/org/htmlunit/html/DomNode.java
    public String asXml() {
        throw new UnsupportedOperationException("stand-in");
    }
}
