package io.github.parallelworktrees.cli;

/** A command that this build does not have yet: it says so and exits 4, never pretends to succeed. */
final class NotSupportedYet extends RuntimeException {

    NotSupportedYet(String what) {
        super(what + " is not supported yet in this build");
    }
}
