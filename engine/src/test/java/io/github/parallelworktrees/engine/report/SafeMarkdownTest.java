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
}
