package io.github.parallelworktrees.engine.race;

import java.nio.file.Path;

/**
 * A gate of the caller's for a race's racers, in place of the plan's wave gate: the Jenkins body form's
 * {@code mergeWave} body, which gates the wave's merges and, through this, each racer before the race is judged.
 * It is asked once per finished racer that merges cleanly onto the integration branch, with the race's gate
 * checkout holding that merge.
 */
@FunctionalInterface
public interface RacerGate {

    /**
     * What the gate said of one racer.
     *
     * @param passed the racer may win (a merge would go ahead)
     * @param verdict the verdict's word, as a gate's (passed, unstable, failed, error)
     * @param reason why it did not pass, or null
     */
    record Judgement(boolean passed, String verdict, String reason) {
    }

    /**
     * Gates racer {@code racer} of {@code workstream}.
     *
     * @param tree the race's gate checkout, at {@code commit}
     * @param commit the racer's branch merged onto the integration branch
     */
    Judgement judge(Path tree, String commit, String workstream, int racer) throws InterruptedException;
}
