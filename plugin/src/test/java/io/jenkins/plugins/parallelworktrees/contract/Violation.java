package io.jenkins.plugins.parallelworktrees.contract;

/** One mismatch, where a reader finds it. */
record Violation(String file, int line, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ": " + message;
    }
}
