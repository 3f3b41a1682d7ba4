// Stand-in checked against HtmlUnit/htmlunit src/main/java/org/htmlunit/html/HtmlPage.java (commit 0035b4d3; Jenkins' test harness uses it as jenkins-test-harness-htmlunit).
// Only the members the plugin's sources use; bodies are not the real ones.
package org.htmlunit.html;

import org.htmlunit.SgmlPage;

public class HtmlPage extends SgmlPage {
}
