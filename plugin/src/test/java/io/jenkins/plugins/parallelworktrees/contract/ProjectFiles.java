package io.jenkins.plugins.parallelworktrees.contract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Finds the project root and the files whose pipelines users copy: Jenkinsfile.example and docs/*.md. */
final class ProjectFiles {

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
}
