package io.github.parallelworktrees.cli.model;

import io.github.parallelworktrees.engine.ledger.RunLock;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A {@code pwt} run (or resume) in a JVM of its own, asked by {@code pwt stop PLAN [WS]} from another process to
 * stop after a delay, as a developer in a second terminal would: what happened, and what of a stop broke.
 *
 * @param workstream the one workstream named, or none for the whole run
 * @param endedBeforeStop it finished before the delay ran out, so no stop was asked
 * @param stop the {@code pwt stop} call, when one was made
 * @param exitCode the run's JVM's exit status (130 after a stop it acted on)
 */
record StoppedRun(String command, Optional<String> workstream, int delayMillis, boolean endedBeforeStop,
        Optional<PwtCall> stop, int exitCode, long millis) {

    /** Exit codes of a run that ended by itself: succeeded, failed, unstable. */
    private static final Set<Integer> NORMAL_EXITS = Set.of(0, 1, 2);
    private static final int INTERRUPTED = 130;
    /** Worker states after which nothing of the workstream runs in this run. */
    private static final Set<String> NOT_ENDED = Set.of("pending", "preparing", "running");

    /**
     * Starts {@code pwt COMMAND PLAN}, waits until it works on its run (holds the lock with a run recorded), then
     * {@code delayMillis} more; unless it ended by then, asks {@code pwt stop} and waits for the run's end. Its
     * workers, reviewers and gates each pause {@code pause} first (the other actions' do not), so that the stop
     * lands while one of them works more often than between them.
     */
    static StoppedRun of(ThrowawayProject project, String command, Optional<String> workstream, int delayMillis,
            Duration pause) {
        long start = System.nanoTime();
        project.pauseWork(pause);
        Process pwt = project.startSeparatePwt(command);
        try {
            // from the moment the run works: a stop asked of a JVM still starting would only be told "no run"
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (pwt.isAlive() && System.nanoTime() < deadline && !(RunLock.isHeld(project.layout())
                    && Files.exists(project.layout().runFile()))) {
                pwt.waitFor(20, TimeUnit.MILLISECONDS);
            }
            boolean ended = pwt.waitFor(delayMillis, TimeUnit.MILLISECONDS);
            Optional<PwtCall> stop = Optional.empty();
            if (!ended) {
                List<String> args = new ArrayList<>();
                workstream.ifPresent(args::add);
                args.addAll(List.of("--wait", "60"));
                stop = Optional.of(project.pwt("stop", args.toArray(String[]::new)));
            }
            if (!pwt.waitFor(90, TimeUnit.SECONDS)) {
                pwt.destroyForcibly();
                pwt.waitFor();
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            project.noteCall(new PwtCall(List.of(command, project.plan().getFileName().toString()), pwt.exitValue(),
                    "", pwt.exitValue() == PwtCall.INTERNAL_ERROR ? String.join(" | ", project.separatePwtOutput()
                    .lines().filter(l -> l.startsWith("pwt:")).toList()) : ""));
            return new StoppedRun(command, workstream, delayMillis, ended, stop, pwt.exitValue(), millis);
        } catch (InterruptedException e) {
            pwt.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pwt " + command + " ran", e);
        } finally {
            project.pauseWork(Duration.ZERO);
        }
    }

    /**
     * What must hold after a stop, beyond the {@link Invariants}: the stop was acted on in time; the run exits 130,
     * or its normal code when it had ended everything before the stop arrived (and then stopped nothing); run.json
     * says interrupted iff it exited 130; a named workstream it was asked to stop is stopped or had ended.
     */
    List<String> violations(ThrowawayProject project) {
        List<String> violations = new ArrayList<>();
        stop.filter(s -> s.exitCode() != 0).ifPresent(s -> violations.add("(stop) pwt stop answers 0 while a run"
                + " works: " + s.describe() + "\n" + s.out().strip()));
        if (exitCode != INTERRUPTED && !NORMAL_EXITS.contains(exitCode)) {
            violations.add("(stop) the run exits 130 after a stop, or its normal 0/1/2: pwt " + command + " exited "
                    + exitCode + "\n" + tail(project.separatePwtOutput()));
        }
        Optional<ViewClaims> run = Views.runJson(project.layout());
        String status = run.flatMap(ViewClaims::runStatus).orElse("(no run.json)");
        if ((exitCode == INTERRUPTED) != status.equals("interrupted")) {
            violations.add("(stop) run.json says interrupted iff the run exited 130: it says " + status + ", pwt "
                    + command + " exited " + exitCode);
        }
        List<String> stopped = run.map(r -> r.states().entrySet().stream().filter(e -> e.getValue().equals("stopped"))
                .map(java.util.Map.Entry::getKey).sorted().toList()).orElse(List.of());
        if (!stopped.isEmpty() && exitCode != INTERRUPTED) {
            violations.add("(stop) a run that stopped a worker ends interrupted (130): " + stopped + " stopped, but"
                    + " pwt " + command + " exited " + exitCode);
        }
        boolean asked = stop.map(s -> s.out().contains("Asked the run")).orElse(false);
        if (asked && workstream.isPresent()) {
            String state = run.map(r -> r.states().getOrDefault(workstream.get(), "(not listed)")).orElse("(none)");
            if (NOT_ENDED.contains(state) || state.equals("(not listed)")) {
                violations.add("(stop) a workstream named to pwt stop is stopped or had ended: run.json says "
                        + workstream.get() + " " + state + "; pwt stop said:\n" + stop.get().out().strip());
            }
        }
        List<String> interrupted = run.map(r -> r.states().entrySet().stream().filter(e -> e.getValue()
                .equals("interrupted")).map(java.util.Map.Entry::getKey).sorted().toList()).orElse(List.of());
        // docs/plans.md: a whole-run pwt stop records what it stopped `stopped`; a raced workstream stopped while its
        // race is judged is recorded `interrupted` (known, not yet fixed): checked only when asked for
        if (asked && !interrupted.isEmpty() && Boolean.getBoolean("pwt.model.strictStop")) {
            violations.add("(stop) a workstream pwt stop cut short is recorded stopped, not interrupted: run.json"
                    + " says " + interrupted + " interrupted; pwt stop said:\n" + stop.get().out().strip());
        }
        return violations;
    }

    private static String tail(String output) {
        List<String> lines = output.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
    }

    /** "pwt run in its own JVM, pwt stop beta 800 ms after it began working -> stop exit 0, run exit 130" */
    String describe() {
        String what = "pwt stop" + workstream.map(ws -> " " + ws).orElse("");
        return "pwt " + command + " in its own JVM, " + what + " " + delayMillis + " ms after it began working"
                + (endedBeforeStop ? ": it had ended by itself (exit " + exitCode + ", " + millis + " ms)"
                : " -> stop exit " + stop.map(PwtCall::exitCode).map(String::valueOf).orElse("?") + ", " + command
                + " exit " + exitCode + " (" + millis + " ms)");
    }
}
