package io.github.parallelworktrees.engine.ledger;

import java.util.List;

/**
 * What a wave's merge did.
 *
 * @param before the integration branch's commit before the wave: where a rollback of this merge moves it back to
 * @param after where the integration branch points now (a commit whose gate passed, or {@code before})
 * @param landed workstreams merged, in merge order
 * @param leftOut workstreams not merged, each with the reason (a conflict, a failed gate)
 * @param alreadyMerged workstreams whose branch the integration branch already had
 * @param gateRuns every gate run, in order
 */
public record WaveResult(int wave, String integration, String before, String after,
        List<String> landed, List<LeftOut> leftOut, List<String> alreadyMerged, List<GateRun> gateRuns) {

    public WaveResult {
        landed = List.copyOf(landed);
        leftOut = List.copyOf(leftOut);
        alreadyMerged = List.copyOf(alreadyMerged);
        gateRuns = List.copyOf(gateRuns);
    }

    /**
     * A workstream left out of the wave, and why.
     *
     * @param tip the branch's commit that was left out (null when the branch did not exist): a later commit on the
     *     branch is a fix worth merging again
     * @param kind what the branch itself is blamed for (a gate failure isolated to it, a conflict no policy or
     *     resolver settled, or its reviewer's request for changes); null when it is not to blame (no branch, a gate that could not run, a wave that is not
     *     partial) or the merge was recorded before kinds were
     */
    public record LeftOut(String workstream, String reason, String tip, Kind kind) {

        /** What a left-out branch is blamed for: what its worker can be asked to repair. */
        public enum Kind {
            /** The gate fails with the branch merged, and passes without it. */
            CULPRIT,
            /** The branch conflicts with the integration branch, and nothing resolved it. */
            CONFLICT,
            /** Its reviewer requested changes, and the review's criticality is FAILURE. */
            REVIEW;

            @com.fasterxml.jackson.annotation.JsonValue
            public String id() {
                return name().toLowerCase(java.util.Locale.ROOT);
            }

            @com.fasterxml.jackson.annotation.JsonCreator
            public static Kind fromId(String id) {
                return valueOf(id.toUpperCase(java.util.Locale.ROOT));
            }
        }

        @com.fasterxml.jackson.annotation.JsonCreator
        public LeftOut {
        }

        /** Left out with no blame on the branch itself. */
        public LeftOut(String workstream, String reason, String tip) {
            this(workstream, reason, tip, null);
        }

        /** Left out because the gate fails with it: its worker can repair it. */
        public static LeftOut culprit(String workstream, String reason, String tip) {
            return new LeftOut(workstream, reason, tip, Kind.CULPRIT);
        }

        /** Left out because of a conflict nothing resolved: its worker can repair it. */
        public static LeftOut conflict(String workstream, String reason, String tip) {
            return new LeftOut(workstream, reason, tip, Kind.CONFLICT);
        }
    }

    /** True when this merge moved the integration branch. */
    public boolean landedSomething() {
        return !after.equals(before);
    }

    /**
     * One gate run on a candidate commit.
     *
     * @param workstreams the workstreams merged into the candidate in this wave
     * @param status the verdict's status ("passed", "failed", ...)
     * @param summary the verdict's reasons when it did not pass
     * @param round the round of gate runs it was judged in (runs of one round run at once; 0 in records written
     *     before rounds were kept)
     */
    public record GateRun(int number, String commit, List<String> workstreams, boolean passed, String status,
            String summary, int round) {
    }

    /** How many rounds of gate runs the merge took, one after another. */
    public int rounds() {
        return gateRuns.stream().mapToInt(GateRun::round).max().orElse(0);
    }
}
