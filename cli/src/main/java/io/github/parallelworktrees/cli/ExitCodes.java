package io.github.parallelworktrees.cli;

/** What pwt's exit codes mean (also listed in {@code pwt --help}). */
final class ExitCodes {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int UNSTABLE = 2;
    static final int BAD_INPUT = 3;
    static final int INTERNAL = 70;
    /** A signal (Ctrl-C, SIGTERM) stopped the run after its workers were stopped and recorded as interrupted. */
    static final int INTERRUPTED = 130;

    private ExitCodes() {
    }
}
