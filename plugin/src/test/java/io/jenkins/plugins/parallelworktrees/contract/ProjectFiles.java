package io.jenkins.plugins.parallelworktrees.contract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the project root and the files whose pipelines users copy: Jenkinsfile.example, docs/*.md, and the examples
 * of the plugin's help pages (what Jenkins shows under the steps and global variables in Pipeline Syntax).
 */
final class ProjectFiles {

    /** Where the help pages are, from the project root. */
    static final String RESOURCES = "plugin/src/main/resources";

    private static final Pattern PRE = Pattern.compile("<pre[^>]*>(.*?)</pre>", Pattern.DOTALL);

    private ProjectFiles() {
    }

    /** The folder holding Jenkinsfile.example, looked for from the working directory upwards. */
    static Path root() {
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("Jenkinsfile.example"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no Jenkinsfile.example in " + start + " or any folder above it: "
                + "run the tests from inside the Parallel Worktrees repository");
    }

    static List<PipelineFile> pipelineFiles(Path root) throws IOException {
        List<PipelineFile> files = new ArrayList<>();
        String jenkinsfile = Files.readString(root.resolve("Jenkinsfile.example"));
        files.add(new PipelineFile("Jenkinsfile.example", List.of(new Snippet(0, jenkinsfile)), jenkinsfile));
        files.addAll(markdownFiles(root));
        return files;
    }

    static List<PipelineFile> markdownFiles(Path root) throws IOException {
        List<PipelineFile> files = new ArrayList<>();
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            for (Path doc : docs.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().toList()) {
                files.add(markdown("docs/" + doc.getFileName(), Files.readString(doc)));
            }
        }
        return files;
    }

    /** The file with its {@code ```groovy} blocks as snippets. */
    static PipelineFile markdown(String name, String text) {
        return new PipelineFile(name, Markdown.fencedBlocks(text, "groovy"), text);
    }

    /** The help pages (help*.html of the steps, help.jelly of the global variables) that show an example. */
    static List<PipelineFile> helpPages(Path root) throws IOException {
        Path resources = root.resolve(RESOURCES);
        List<PipelineFile> files = new ArrayList<>();
        try (Stream<Path> all = Files.walk(resources)) {
            for (Path page : all.filter(ProjectFiles::isHelpPage).sorted().toList()) {
                String name = root.relativize(page).toString().replace(page.getFileSystem().getSeparator(), "/");
                PipelineFile file = helpPage(name, Files.readString(page));
                if (!file.snippets().isEmpty()) {
                    files.add(file);
                }
            }
        }
        return files;
    }

    private static boolean isHelpPage(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith("help") && (name.endsWith(".html") || name.endsWith(".jelly"));
    }

    /**
     * The page with its {@code <pre>} blocks as snippets, the markup's entities decoded as the browser shows them;
     * a block's first line is the line of its {@code <pre>}.
     */
    static PipelineFile helpPage(String name, String text) {
        List<Snippet> blocks = new ArrayList<>();
        for (Matcher pre = PRE.matcher(text); pre.find(); ) {
            int line = (int) text.substring(0, pre.start()).chars().filter(c -> c == '\n').count();
            String code = pre.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                    .replace("&apos;", "'").replace("&amp;", "&");
            blocks.add(new Snippet(line, code));
        }
        return new PipelineFile(name, blocks, text);
    }
}
