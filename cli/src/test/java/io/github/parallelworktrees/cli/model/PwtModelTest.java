package io.github.parallelworktrees.cli.model;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.ActionChainArbitrary;
import net.jqwik.api.state.Transformer;

/**
 * Random sequences of what a developer does with a run (run, merge a wave, roll a wave back, resume, clean up,
 * kill pwt mid-run, stop it with {@code pwt stop}, fix a left-out branch by hand) on a small real repository
 * through the real {@code pwt}, with the {@link Invariants} checked after every step. jqwik shrinks a failing
 * sequence to a short one and prints it with the seed that found it.
 */
class PwtModelTest {

    /** How long a killed run may go on before the signal: about the time a run takes in a JVM of its own. */
    private static final int MAX_KILL_DELAY_MS = 4000;
    /**
     * How long each worker, reviewer and gate of a run to be stopped pauses before its work, so that a stop lands
     * mid-work more often than between them: {@code -Dpwt.model.stopPauseMillis=600}. Off by default until a
     * defect it finds is fixed (a stopped workstream without work lets {@code pwt merge --wave 1} exit 0).
     */
    private static final Duration STOP_PAUSE = Duration.ofMillis(Long.getLong("pwt.model.stopPauseMillis", 0));
    /** How long a run works before {@code pwt stop} asks it to stop: up to about a run's length, pauses included. */
    private static final int MAX_STOP_DELAY_MS = 1000 + 5 * (int) STOP_PAUSE.toMillis();
    private static final Duration LEFTOVER_WAIT = Duration.ofSeconds(30);

    private static final Optional<String> ROLLBACK_CONFIRMATION = rollbackConfirmation();

    /** Every project not yet removed: static, since a try cut off by shrinking's time bound skips its AfterTry. */
    private static final Set<ThrowawayProject> PROJECTS = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @Property(tries = 15, shrinking = ShrinkingMode.BOUNDED)
    void whateverTheSequenceNoWorkIsLostTheIntegrationOnlyPassedItsGateAndEveryViewAgreesWithGit(
            @ForAll("sequences") ActionChain<ThrowawayProject> sequence) {
        sequence.withInvariant("the invariants", Invariants::assertHold).run();
    }

    /**
     * Every action, weighted. {@code -Dpwt.model.without=rollback,kill} leaves actions out, only to look past a
     * defect already known (and being fixed) to the next one; the suite runs them all.
     */
    @Provide
    Arbitrary<ActionChain<ThrowawayProject>> sequences() {
        Set<String> without = Set.of(System.getProperty("pwt.model.without", "").split(","));
        List<Weighted> actions = List.of(new Weighted("run", 3, new Run()), new Weighted("resume", 2, new Resume()),
                new Weighted("merge", 2, new Merge()), new Weighted("rollback", 2, new Rollback()),
                new Weighted("cleanup", 1, new Cleanup()), new Weighted("kill", 1, new Kill()),
                new Weighted("stop", 1, new Stop()), new Weighted("fix", 2, new FixByHand()));
        // each sequence's project merges wave by wave or as a queue, and a third of them race beta with two
        // reviewed racers (a share of the same tries, not more of them): the same invariants hold for all
        return variants().flatMap(variant -> {
            ActionChainArbitrary<ThrowawayProject> chain = ActionChain.startWith(() -> newProject(variant));
            for (Weighted action : actions) {
                if (!without.contains(action.name())) {
                    chain = chain.withAction(action.weight(), action.action());
                }
            }
            // 15 sequences of 6 steps: each step is real git and real processes (a run is ~100 git processes)
            return chain.withMaxTransformations(6);
        });
    }

    /**
     * The projects a sequence runs on: {@code -Dpwt.model.variants=race} (waves, queue, race, race-waves,
     * race-queue, comma-separated) draws only those, to look at one closely; the suite draws all of them.
     */
    private static Arbitrary<Variant> variants() {
        List<Variant> all = List.of(new Variant("waves", false), new Variant("queue", false),
                new Variant("waves", false), new Variant("queue", false), new Variant("waves", true),
                new Variant("queue", true));
        Set<String> only = Set.of(System.getProperty("pwt.model.variants", "").split(","));
        List<Variant> drawn = all.stream().filter(v -> only.equals(Set.of("")) || only.contains(v.name())
                || v.raced() && only.contains("race")).toList();
        return Arbitraries.of(drawn);
    }

    /** A project's merge mode, and whether beta is raced. */
    private record Variant(String mergeMode, boolean raced) {
        String name() {
            return raced ? "race-" + mergeMode : mergeMode;
        }
    }

    /** An action, the name that leaves it out, and how often it is drawn against the others. */
    private record Weighted(String name, int weight, Action<ThrowawayProject> action) {
    }

    @AfterTry
    void removeProjects() {
        removeAllProjects();
    }

    @AfterContainer
    static void removeAllProjects() {
        PROJECTS.forEach(ThrowawayProject::close);
        PROJECTS.clear();
    }

    private ThrowawayProject newProject(Variant variant) {
        ThrowawayProject project = ThrowawayProject.create(Duration.ZERO, variant.mergeMode(), variant.raced());
        PROJECTS.add(project);
        return project;
    }

    /** {@code pwt run PLAN}, with beta's worker breaking the gate or not. */
    private static final class Run implements Action.Independent<ThrowawayProject> {
        @Override
        public boolean precondition(ThrowawayProject project) {
            return !project.hasRun();
        }

        @Override
        public Arbitrary<Transformer<ThrowawayProject>> transformer() {
            return Arbitraries.of(false, true).map(broken -> Transformer.mutate("run" + beta(broken), project -> {
                project.setBroken("beta", broken);
                unstopped(project, project.pwt("run"), beta(broken));
            }));
        }
    }

    /** {@code pwt resume PLAN}, with beta's worker (if it runs again) breaking the gate or not. */
    private static final class Resume implements Action.Independent<ThrowawayProject> {
        @Override
        public boolean precondition(ThrowawayProject project) {
            return project.hasRun();
        }

        @Override
        public Arbitrary<Transformer<ThrowawayProject>> transformer() {
            return Arbitraries.of(false, true).map(broken -> Transformer.mutate("resume" + beta(broken), project -> {
                project.setBroken("beta", broken);
                unstopped(project, project.pwt("resume"), beta(broken));
            }));
        }
    }

    /** {@code pwt merge PLAN --wave N}, for a wave with a branch to merge. */
    private static final class Merge implements Action.Dependent<ThrowawayProject> {
        @Override
        public boolean precondition(ThrowawayProject project) {
            return !wavesWithBranches(project).isEmpty();
        }

        @Override
        public Arbitrary<Transformer<ThrowawayProject>> transformer(ThrowawayProject state) {
            return Arbitraries.of(wavesWithBranches(state)).map(wave -> Transformer.mutate("merge --wave " + wave,
                    project -> project.step(project.pwt("merge", "--wave", String.valueOf(wave)).describe())));
        }

        private static List<Integer> wavesWithBranches(ThrowawayProject project) {
            List<Integer> waves = new ArrayList<>();
            if (project.tip("alpha").isPresent() || project.tip("beta").isPresent()) {
                waves.add(1);
            }
            if (project.tip("gamma").isPresent()) {
                waves.add(2);
            }
            return waves;
        }
    }

    /** {@code pwt merge PLAN --wave N --rollback} of a wave that was merged, confirmed when pwt asks for it. */
    private static final class Rollback implements Action.Dependent<ThrowawayProject> {
        @Override
        public boolean precondition(ThrowawayProject project) {
            return !mergedWaves(project).isEmpty();
        }

        private static List<Integer> mergedWaves(ThrowawayProject project) {
            return List.of(1, 2).stream().filter(wave -> project.git().resolveCommit("refs/tags/pw/"
                    + ThrowawayProject.FEATURE + "/wave-" + wave + "/before").isPresent()).toList();
        }

        @Override
        public Arbitrary<Transformer<ThrowawayProject>> transformer(ThrowawayProject state) {
            return Arbitraries.of(mergedWaves(state)).map(wave -> Transformer.mutate("merge --wave " + wave
                    + " --rollback",
                    project -> {
                        List<String> args = new ArrayList<>(List.of("--wave", String.valueOf(wave), "--rollback"));
                        ROLLBACK_CONFIRMATION.ifPresent(args::add);
                        project.step(project.pwt("merge", args.toArray(String[]::new)).describe());
                    }));
        }
    }

    /** {@code pwt cleanup PLAN}, with or without {@code --archive}. */
    private static final class Cleanup implements Action.Independent<ThrowawayProject> {
        @Override
        public boolean precondition(ThrowawayProject project) {
            return project.hasRun();
        }

        @Override
        public Arbitrary<Transformer<ThrowawayProject>> transformer() {
            return Arbitraries.of(false, true).map(archive -> Transformer.mutate("cleanup" + (archive ? " --archive"
                    : ""), project -> project.step((archive ? project.pwt("cleanup", "--archive")
                    : project.pwt("cleanup")).describe())));
        }
    }

    /**
     * {@code pwt run} (or {@code resume} once there is a run) in a JVM of its own, sent SIGKILL or SIGTERM after a
     * random delay; the workers it leaves behind are let finish before the next step.
     */
    private static final class Kill implements Action.Independent<ThrowawayProject> {
        @Override
        public Arbitrary<Transformer<ThrowawayProject>> transformer() {
            Arbitrary<Integer> delays = Arbitraries.integers().between(0, MAX_KILL_DELAY_MS);
            return Arbitraries.of(KilledRun.Signal.values()).flatMap(signal -> delays.map(delay ->
                    Transformer.mutate("kill (SIG" + signal + " after " + delay + " ms)", project -> kill(project,
                    signal, delay))));
        }

        private static void kill(ThrowawayProject project, KilledRun.Signal signal, int delayMillis) {
            String command = project.hasRun() ? "resume" : "run";
            KilledRun killed = KilledRun.of(project, command, signal, delayMillis);
            project.awaitNoLeftoverProcesses(LEFTOVER_WAIT);
            project.step(killed.describe());
        }
    }

    /**
     * {@code pwt run} (or {@code resume} once there is a run) in a JVM of its own, and after a random delay
     * {@code pwt stop PLAN} from this one, of the whole run or of one workstream (the raced one too); the run's
     * end is awaited, but not its workers': a stop leaves none running, and the invariants look for them at once.
     */
    private static final class Stop implements Action.Independent<ThrowawayProject> {
        @Override
        public Arbitrary<Transformer<ThrowawayProject>> transformer() {
            // uniform: jqwik's default bias to small numbers would stop most runs in their first moments
            Arbitrary<Integer> delays = Arbitraries.integers().between(0, MAX_STOP_DELAY_MS)
                    .withDistribution(RandomDistribution.uniform());
            Arbitrary<Optional<String>> named = Arbitraries.of(ThrowawayProject.WORKSTREAMS).optional(0.5);
            return named.flatMap(ws -> delays.map(delay -> Transformer.mutate("stop" + ws.map(w -> " " + w)
                    .orElse("") + " (after " + delay + " ms)", project -> stop(project, ws, delay))));
        }

        private static void stop(ThrowawayProject project, Optional<String> workstream, int delayMillis) {
            String command = project.hasRun() ? "resume" : "run";
            StoppedRun stopped = StoppedRun.of(project, command, workstream, delayMillis, STOP_PAUSE);
            project.step(stopped.describe());
            List<String> violations = stopped.violations(project);
            if (!violations.isEmpty()) {
                throw new AssertionError(Invariants.explain(project, violations));
            }
        }
    }

    /**
     * A developer fixes a branch that breaks the gate (a workstream's, or a racer's that lost on it): a commit on it
     * that takes the broken word out.
     */
    private static final class FixByHand implements Action.Dependent<ThrowawayProject> {
        @Override
        public boolean precondition(ThrowawayProject project) {
            return project.fixable().stream().anyMatch(project::tipIsBroken);
        }

        @Override
        public Arbitrary<Transformer<ThrowawayProject>> transformer(ThrowawayProject state) {
            List<String> broken = state.fixable().stream().filter(state::tipIsBroken).toList();
            return Arbitraries.of(broken).map(ws -> Transformer.mutate("fix " + ws + " by hand", project -> {
                String commit = project.fixByHand(ws);
                project.step("fix " + ws + " by hand: commit " + commit.substring(0, 12) + " on "
                        + project.branch(ws));
            }));
        }
    }

    /**
     * Notes a run or resume no one stopped: it never ends interrupted (130), which would mean it took a stop asked
     * of an earlier run.
     */
    private static void unstopped(ThrowawayProject project, PwtCall call, String note) {
        project.step(call.describe() + note);
        if (call.exitCode() == 130) {
            throw new AssertionError(Invariants.explain(project, List.of("(stop) a run no one stopped does not end"
                    + " interrupted: " + call.describe() + "\n" + call.out().strip())));
        }
    }

    private static String beta(boolean broken) {
        return broken ? " (beta's worker, or its racer 1, writes BROKEN)" : "";
    }

    /**
     * The option that confirms a rollback, when {@code pwt merge} has one (a rollback may come to need a word
     * that says the user means it): {@code --force} or {@code --undo-later}, as its help lists.
     */
    static Optional<String> rollbackConfirmation() {
        StringWriter help = new StringWriter();
        io.github.parallelworktrees.cli.Pwt.execute(new String[] {"merge", "--help"}, new PrintWriter(help, true),
                new PrintWriter(new StringWriter(), true));
        return List.of("--force", "--undo-later").stream().filter(help.toString()::contains).findFirst();
    }
}
