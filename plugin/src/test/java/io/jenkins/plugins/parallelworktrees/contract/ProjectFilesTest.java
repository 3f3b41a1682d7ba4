package io.jenkins.plugins.parallelworktrees.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The examples of a help page are read as the browser shows them, at the lines of the page. */
class ProjectFilesTest {

    @Test
    void aHelpPagesPreBlockIsASnippetAtItsLineWithItsEntitiesDecoded() {
        String page = "<div>\n    <p>Runs a plan:</p>\n<pre>\nif (a &amp;&amp; b) { echo 'x &lt; y' }\n</pre>\n</div>\n";

        assertThat(ProjectFiles.helpPage("help.html", page).snippets())
                .containsExactly(new Snippet(2, "\nif (a && b) { echo 'x < y' }\n"));
    }

    @Test
    void aMisspeltParameterInAHelpPageIsReportedAtItsLine() {
        PipelineFile page = ProjectFiles.helpPage("help.jelly", "<j:jelly>\n<p>x</p>\n<pre>\nnode {\n"
                + "    mergeWave(plan: 'p.yaml', wave: 1, psh: true)\n}\n</pre>\n</j:jelly>\n");

        assertThat(new PipelineChecker(StepCatalog.plugin()).check(page)).extracting(Violation::toString)
                .singleElement().satisfies(v -> assertThat(v).startsWith("help.jelly:5: mergeWave"));
    }
}
