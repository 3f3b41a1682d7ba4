package io.jenkins.plugins.parallelworktrees.contract;

/** A piece of Groovy (or YAML) and the file line just before its first line (0 for a whole file). */
record Snippet(int lineOffset, String text) {
}
