package io.github.parallelworktrees.cli.model;

import java.util.List;

/** One {@code pwt} command the harness ran, and what it said. */
record PwtCall(List<String> args, int exitCode, String out, String err) {

    /** pwt's exit code for an internal error: a bug, never an answer. */
    static final int INTERNAL_ERROR = 70;

    PwtCall {
        args = List.copyOf(args);
    }

    /** "pwt merge model.yaml --wave 1 -> exit 0", with the first line of its error when there is one. */
    String describe() {
        String firstError = err.lines().filter(l -> !l.isBlank()).findFirst().map(l -> ": " + l).orElse("");
        return "pwt " + String.join(" ", args) + " -> exit " + exitCode + firstError;
    }
}
