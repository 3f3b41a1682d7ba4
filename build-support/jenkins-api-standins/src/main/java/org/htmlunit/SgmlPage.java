// Stand-in checked against HtmlUnit/htmlunit src/main/java/org/htmlunit/SgmlPage.java (commit 0035b4d3; Jenkins' test harness uses it as jenkins-test-harness-htmlunit).
// Only the members the plugin's sources use; bodies are not the real ones.
package org.htmlunit;

import org.htmlunit.html.DomNode;

public abstract class SgmlPage extends DomNode {
}
