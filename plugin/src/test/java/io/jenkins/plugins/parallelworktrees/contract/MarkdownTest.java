package io.jenkins.plugins.parallelworktrees.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;

/** What the contract reads of a Markdown document: the right fenced blocks, at their file lines, and one section. */
class MarkdownTest {

    @Test
    void eachFencedBlockIsFoundForItsLanguageWithTheLineOfItsOpeningFence() {
        String text = "# Title\n\n```groovy\necho 'a'\n```\n\n```bash\necho b\n```\n";

        assertThat(Markdown.fencedBlocks(text, "groovy")).containsExactly(new Snippet(3, "echo 'a'\n"));
        assertThat(Markdown.fencedBlocks(text, "bash")).containsExactly(new Snippet(7, "echo b\n"));
    }

    @Test
    void indentedTildeAndLongerFencesAreFencesAndTheLanguageIgnoresCase() {
        String text = "- step\n   ~~~Groovy title\n   node { }\n   ~~~\n````groovy\n```\ninside\n````\n";

        assertThat(Markdown.fencedBlocks(text, "groovy")).extracting(Snippet::lineOffset, Snippet::text)
                .containsExactly(tuple(2, "   node { }\n"),
                        // a shorter run of backticks does not close a four-backtick fence
                        tuple(5, "```\ninside\n"));
    }

    @Test
    void inlineCodeThatShowsAFenceIsNotAFence() {
        String text = "```` ```yaml ```` starts a block.\n\n```yaml\nkey: value\n```\n";

        assertThat(Markdown.fencedBlocks(text, "yaml")).containsExactly(new Snippet(3, "key: value\n"));
    }

    @Test
    void aSectionRunsToTheNextHeadingOfItsLevelAndKeepsItsSubsections() {
        String doc = "# Doc\n## `mergeWave`\nmerges\n### Example\n```groovy\n# not a heading\n```\n## `qualityGate`\n"
                + "judges\n";

        assertThat(Markdown.sectionAbout(doc, "`mergeWave`"))
                .isEqualTo("## `mergeWave`\nmerges\n### Example\n```groovy\n# not a heading\n```\n");
    }

    @Test
    void aSectionNoHeadingNamesIsEmpty() {
        assertThat(Markdown.sectionAbout("# Doc\ntext mentions `claudeWorker`\n", "`claudeWorker`")).isEmpty();
    }
}
