package io.github.parallelworktrees.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A worker's Markdown shown in a browser loads nothing from anywhere: images become a visible note. */
class SafeMarkdownTest {

    @Test
    void aRemoteImageIsNamedButNotLoaded() {
        String html = SafeMarkdown.toHtml("Before.\n\n![build *status*](https://tracker.example/pixel.png?who=me)\n");

        assertThat(html).doesNotContain("<img", "src=")
                .contains("<span class=\"pwt-image-not-shown\">[image not shown: build status,"
                        + " https://tracker.example/pixel.png?who=me]</span>", "<p>Before.</p>");
    }

    @Test
    void relativeReferenceAndDataImagesAreNotLoadedEither() {
        String html = SafeMarkdown.toHtml("![diagram](docs/arch.png) ![ref][logo] ![](data:image/png;base64,"
                + "A".repeat(500) + ")\n\n[logo]: //cdn.example/logo.svg\n");

        assertThat(html).doesNotContain("<img")
                .contains("[image not shown: diagram, docs/arch.png]", "[image not shown: ref, //cdn.example/logo.svg]",
                        "[image not shown: data:image/png;base64,AAAA")
                .doesNotContain("A".repeat(SafeMarkdown.MAX_SHOWN_ADDRESS));
    }

    @Test
    void anImageNamingMarkupShowsItAsText() {
        String html = SafeMarkdown.toHtml("![<script>x</script>](\"onerror=alert(1))\n");

        assertThat(html).doesNotContain("<img", "<script>").contains("&lt;script&gt;");
    }

    @Test
    void aPipeTableIsRenderedAsATable() {
        String html = SafeMarkdown.toHtml("""
                ## Files Changed

                | file | change |
                |------|-------:|
                | `src/core.txt` | **added** |
                | src/api.txt | 12 |
                """);

        assertThat(html).contains("<table>", "<th>file</th>", "<th align=\"right\">change</th>",
                "<td><code>src/core.txt</code></td>", "<td align=\"right\"><strong>added</strong></td>",
                "<td align=\"right\">12</td>").doesNotContain("|---");
    }

    @Test
    void aTableCellIsAsSafeAsAParagraph() {
        String html = SafeMarkdown.toHtml("""
                | what | where |
                |---|---|
                | <script>alert(1)</script> | [click](javascript:alert(2)) |
                | <img src=x onerror=alert(3)> | [data](data:text/html;base64,PHNjcmlwdD4=) [ok](https://example.org/a) |
                """);

        assertThat(html).contains("<table>", "&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x",
                "href=\"https://example.org/a\">ok</a>")
                .doesNotContain("<script", "<img", "javascript:", "href=\"data:");
    }
}
