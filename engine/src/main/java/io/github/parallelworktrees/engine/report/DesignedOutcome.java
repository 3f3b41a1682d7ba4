package io.github.parallelworktrees.engine.report;

import java.util.Set;

/**
 * The outcome a run was built to have, for a run made to show something (the demo): which workstreams it leaves
 * out on purpose, as culprits of the gate, and why. The report then says whether the run went as designed, instead
 * of a bare "failed" for a demo that did exactly what it shows, and without hiding a run that did not.
 *
 * @param what the run's name in the headline ("the demo")
 * @param leftOutOnPurpose workstreams the gate is meant to catch; the run goes as designed when these (or none of
 *     them: a scripted agent may not break anything) are left out as culprits and every other workstream lands
 * @param why one sentence on why they are left out
 */
public record DesignedOutcome(String what, Set<String> leftOutOnPurpose, String why) {

    public DesignedOutcome {
        leftOutOnPurpose = Set.copyOf(leftOutOnPurpose);
    }
}
