package io.github.parallelworktrees.cli;

/** What pwt's exit codes mean (also listed in {@code pwt --help}). */
final class ExitCodes {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int UNSTABLE = 2;
    static final int BAD_INPUT = 3;
    static final int INTERNAL = 70;

    private ExitCodes() {
    }
}
