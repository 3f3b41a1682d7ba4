package io.jenkins.plugins.parallelworktrees.contract;

import java.util.List;
import java.util.stream.Collectors;

/** A file shown to users and the Groovy in it; {@code text} is the whole file, where other blocks are looked for. */
record PipelineFile(String name, List<Snippet> snippets, String text) {

    PipelineFile(String name, List<Snippet> snippets) {
        this(name, snippets, snippets.stream().map(Snippet::text).collect(Collectors.joining("\n")));
    }
}
