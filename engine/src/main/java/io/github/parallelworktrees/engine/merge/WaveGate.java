package io.github.parallelworktrees.engine.merge;

import java.nio.file.Path;

/** Judges a candidate merge: the wave's quality gate, or (in Jenkins) the mergeWave step's body. */
@FunctionalInterface
public interface WaveGate {

    /** The verdict on the candidate checked out in {@code tree}. */
    Judgement judge(Path tree, String commit, int run) throws InterruptedException;

    /**
     * Whether several candidates may be judged at once, each in its own checkout (a plan's gate may; a Jenkins
     * step's body runs one at a time).
     */
    default boolean concurrent() {
        return false;
    }

    /**
     * A gate's answer: pass or not, its status word, and the reasons when it did not pass.
     *
     * @param couldNotRun the gate itself failed (bad input, a missing report): no branch is to blame
     */
    record Judgement(boolean passed, String status, String summary, boolean couldNotRun) {

        public static Judgement of(boolean passed, String status, String summary) {
            return new Judgement(passed, status, summary, false);
        }
    }
}
