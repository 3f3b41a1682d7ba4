package io.github.parallelworktrees.engine.report;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Code;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.DefaultUrlSanitizer;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.HtmlWriter;

/**
 * Markdown written by a worker or a reviewer (RESULTS.md, REVIEW.md) as HTML that is safe to show in a browser:
 * raw HTML in the Markdown is escaped (a {@code <script>} shows as text), links with javascript: or data: URLs are
 * dropped, and images are shown as a note naming them instead of being loaded. GitHub's pipe tables are rendered
 * as tables (commonmark's GFM tables extension): the sections agents write are mostly tables. The one renderer for
 * every Markdown pwt shows, in report.html and on the Jenkins build page.
 */
public final class SafeMarkdown {

    /** The longest image address a note shows; a data: URL can be megabytes long. */
    static final int MAX_SHOWN_ADDRESS = 120;

    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().extensions(EXTENSIONS).escapeHtml(true)
            // commonmark's default sanitizer keeps data: links (a data:text/html page runs script when opened)
            .sanitizeUrls(true).urlSanitizer(new DefaultUrlSanitizer(List.of("http", "https", "mailto")))
            .nodeRendererFactory(ImageNote::new).build();

    private SafeMarkdown() {
    }

    public static String toHtml(String markdown) {
        return RENDERER.render(PARSER.parse(markdown));
    }

    /** Text for an HTML element or attribute. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * An image as visible text, {@code [image not shown: alt, address]}, never an {@code <img>}: a remote image
     * would be fetched by every browser that opens the page (the build page in Jenkins, the run's report), telling
     * whoever the worker's Markdown names that someone looked, and from where. A relative image has nothing to
     * show either: the workstream's archived files are RESULTS.md, its log and its results, never pictures.
     */
    private static final class ImageNote implements NodeRenderer {

        private final HtmlWriter html;

        ImageNote(HtmlNodeRendererContext context) {
            this.html = context.getWriter();
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(Image.class);
        }

        @Override
        public void render(Node node) {
            Image image = (Image) node;
            StringBuilder alt = new StringBuilder();
            appendText(image, alt);
            String address = image.getDestination();
            if (address.length() > MAX_SHOWN_ADDRESS) {
                address = address.substring(0, MAX_SHOWN_ADDRESS) + "...";
            }
            html.tag("span", Map.of("class", "pwt-image-not-shown"));
            html.text("[image not shown: " + (alt.isEmpty() ? "" : alt + ", ") + address + "]");
            html.tag("/span");
        }

        private static void appendText(Node parent, StringBuilder out) {
            for (Node child = parent.getFirstChild(); child != null; child = child.getNext()) {
                if (child instanceof Text text) {
                    out.append(text.getLiteral());
                } else if (child instanceof Code code) {
                    out.append(code.getLiteral());
                } else if (child instanceof HtmlInline markup) {
                    out.append(markup.getLiteral()); // as text: the writer escapes it
                } else {
                    appendText(child, out);
                }
            }
        }
    }
}
