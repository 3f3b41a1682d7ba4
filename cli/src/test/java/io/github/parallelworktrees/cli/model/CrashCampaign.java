package io.github.parallelworktrees.cli.model;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * A crash campaign: trial after trial, a two-wave autoMerge run of a plan with no culprit starts in a JVM of its
 * own, is sent SIGKILL or SIGTERM at a random moment of its typical duration, and is resumed (at most twice)
 * until it ends. A trial survives when, after that, the {@link Invariants} hold, the run ended succeeded with
 * every workstream landed, no worker is left running and no lock is left behind.
 *
 * <p>{@code bench/run crash-campaign [--trials N] [--seed S] [--max-delay-ms MS]}; its last line is
 * {@code RESULT crash campaign: S survived / N}.
 */
public final class CrashCampaign {

    /** Workers pause this long before they commit, so that a signal can find them running. */
    static final Duration WORKER_PAUSE = Duration.ofMillis(300);

    private final PrintStream out;

    CrashCampaign(PrintStream out) {
        this.out = out;
    }

    /** One trial: how the run was stopped, how it was recovered and what broke (nothing, when it survived). */
    record Trial(int number, KilledRun killed, List<String> recovery, List<String> broken) {

        boolean survived() {
            return broken.isEmpty();
        }

        String describe() {
            return "trial " + number + ": " + killed.describe() + "; then " + (recovery.isEmpty() ? "nothing"
                    : String.join(", then ", recovery)) + (survived() ? ": survived" : ": BROKEN");
        }
    }

    /** Every trial of a campaign, and the typical duration its delays were drawn from. */
    record Result(long seed, long typicalRunMillis, List<Trial> trials) {

        long survived() {
            return trials.stream().filter(Trial::survived).count();
        }

        String summary() {
            return "crash campaign: " + survived() + " survived / " + trials.size();
        }

        /** Each failed trial with its signal, delay and what broke, for a report or an assertion message. */
        String failures() {
            StringBuilder s = new StringBuilder();
            for (Trial t : trials) {
                if (!t.survived()) {
                    s.append(t.describe()).append('\n');
                    t.broken().forEach(b -> s.append("    - ").append(b.replace("\n", "\n      ")).append('\n'));
                }
            }
            return s.toString();
        }
    }

    public static void main(String[] args) {
        int trials = 20;
        long seed = new Random().nextLong();
        Optional<Integer> maxDelay = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--trials" -> trials = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--max-delay-ms" -> maxDelay = Optional.of(Integer.parseInt(args[++i]));
                case "--help", "-h" -> {
                    System.out.println("crash-campaign [--trials N (20)] [--seed S (random)] [--max-delay-ms MS"
                            + " (default: the measured duration of one run)]");
                    return;
                }
                default -> {
                    System.err.println("crash-campaign: unknown option '" + args[i] + "'; see --help");
                    System.exit(3);
                }
            }
        }
        Result result = new CrashCampaign(System.out).run(trials, seed, maxDelay);
        System.out.println();
        System.out.print(result.failures());
        System.out.println("RESULT " + result.summary());
    }

    /**
     * Runs the campaign.
     *
     * @param maxDelay the latest moment for the signal; measured from one run left to finish when empty
     */
    Result run(int trials, long seed, Optional<Integer> maxDelay) {
        Random random = new Random(seed);
        long typical = maxDelay.map(Integer::longValue).orElseGet(this::measureTypicalRun);
        out.println("crash campaign: " + trials + " trials, seed " + seed + ", signals within " + typical + " ms"
                + (maxDelay.isPresent() ? " (given)" : " (one whole run's duration, measured)"));
        List<Trial> done = new ArrayList<>();
        for (int n = 1; n <= trials; n++) {
            KilledRun.Signal signal = random.nextBoolean() ? KilledRun.Signal.KILL : KilledRun.Signal.TERM;
            int delay = random.nextInt((int) typical + 1);
            Trial trial = trial(n, signal, delay);
            out.println(trial.describe());
            done.add(trial);
        }
        Result result = new Result(seed, typical, done);
        out.println(result.summary());
        return result;
    }

    private long measureTypicalRun() {
        try (ThrowawayProject project = ThrowawayProject.create(WORKER_PAUSE)) {
            KilledRun whole = KilledRun.of(project, "run", KilledRun.Signal.KILL, (int) Duration.ofMinutes(5)
                    .toMillis());
            if (!whole.endedBeforeSignal() || whole.exitCode() != 0) {
                throw new IllegalStateException("the measuring run did not succeed (" + whole.describe() + "):\n"
                        + project.separatePwtOutput());
            }
            out.println("calibration: a whole run took " + whole.millis() + " ms in a JVM of its own");
            return whole.millis();
        }
    }

    private Trial trial(int number, KilledRun.Signal signal, int delay) {
        try (ThrowawayProject project = ThrowawayProject.create(WORKER_PAUSE)) {
            KilledRun killed = KilledRun.of(project, "run", signal, delay);
            project.step(killed.describe());
            List<String> recovery = new ArrayList<>();
            for (int attempt = 0; attempt < 2; attempt++) {
                // killed before the run was recorded, there is nothing to resume: the user starts it again
                PwtCall call = project.hasRun() ? project.pwt("resume") : project.pwt("run");
                recovery.add(call.describe());
                project.step(call.describe());
                if (call.exitCode() == 0) {
                    break;
                }
            }
            List<String> broken = new ArrayList<>();
            try {
                broken.addAll(Invariants.check(project));
                broken.addAll(Invariants.runSucceeded(project));
            } catch (RuntimeException e) {
                broken.add("the invariants could not be read: " + e.getMessage());
            }
            if (!broken.isEmpty()) {
                project.keep();
                broken.add("the project is kept for a look: " + project.dir());
                broken.add("what the killed pwt printed:\n" + tail(project.separatePwtOutput(), 12));
            }
            return new Trial(number, killed, recovery, broken);
        }
    }

    private static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        if (all.isEmpty()) {
            return "(nothing: it was stopped before it printed a line)";
        }
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
