package io.github.parallelworktrees.cli.model;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code pwt} command run in a JVM of its own and sent a signal after a delay, as a developer's Ctrl-C, a CI
 * agent's timeout or the OOM killer would: what happened to it.
 *
 * @param endedBeforeSignal it finished before the delay ran out, so no signal was sent
 * @param exitCode the JVM's exit status (137 after SIGKILL, 143 after SIGTERM)
 */
record KilledRun(String command, Signal signal, int delayMillis, boolean endedBeforeSignal, int exitCode,
        long millis) {

    /** How the run is stopped: SIGKILL (nothing runs after it) or SIGTERM (shutdown hooks run). */
    enum Signal { KILL, TERM }

    /** Starts {@code pwt COMMAND PLAN}, signals it after {@code delayMillis} unless it ended, waits for its end. */
    static KilledRun of(ThrowawayProject project, String command, Signal signal, int delayMillis) {
        long start = System.nanoTime();
        Process pwt = project.startSeparatePwt(command);
        try {
            boolean ended = pwt.waitFor(delayMillis, TimeUnit.MILLISECONDS);
            if (!ended) {
                if (signal == Signal.KILL) {
                    pwt.destroyForcibly();
                } else {
                    pwt.destroy();
                }
            }
            if (!pwt.waitFor(60, TimeUnit.SECONDS)) {
                pwt.destroyForcibly();
                pwt.waitFor();
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            KilledRun killed = new KilledRun(command, signal, delayMillis, ended, pwt.exitValue(), millis);
            boolean internalError = pwt.exitValue() == PwtCall.INTERNAL_ERROR;
            if (ended || internalError) {
                // a run that ended answered like any command; a stopped one must still say why, never "a bug"
                String errors = String.join(" | ", project.separatePwtOutput().lines()
                        .filter(l -> l.startsWith("pwt:")).toList());
                project.noteCall(new PwtCall(List.of(command, project.plan().getFileName().toString()),
                        pwt.exitValue(), "", internalError ? (ended ? "" : "(stopped by SIG" + signal + ") ")
                        + (errors.isEmpty() ? "(it printed no 'pwt:' line)" : errors) : ""));
            }
            return killed;
        } catch (InterruptedException e) {
            pwt.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pwt " + command + " ran", e);
        }
    }

    /** "pwt run in its own JVM, SIGKILL after 1200 ms -> exit 137" */
    String describe() {
        return "pwt " + command + " in its own JVM, SIG" + signal + " after " + delayMillis + " ms" + (endedBeforeSignal
                ? ": it had ended by itself (exit " + exitCode + ", " + millis + " ms)" : " -> exit " + exitCode);
    }
}
