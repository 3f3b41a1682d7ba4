package io.jenkins.plugins.parallelworktrees.report;

import io.github.parallelworktrees.engine.ledger.WaveResult;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** What a wave's gated merge did, as the build's Parallel Worktrees page shows it. */
public final class WaveRow implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int wave;
    private final String integration;
    private final String before;
    private final String after;
    private final ArrayList<String> landed;
    private final LinkedHashMap<String, String> leftOut;
    private final int gateRuns;
    private final boolean pushed;
    /** Which of its wave's merges in the run it was (1 for the first); 0 in a record kept before it was. */
    private final int merge;
    /** When it was recorded, in epoch milliseconds; 0: not kept. */
    private final long mergedAt;
    /**
     * Its gate runs, with their times and gate.md; null in a record kept before they were. Jenkins reads build.xml
     * with XStream2's RobustReflectionConverter over {@code JVM.newReflectionProvider()} (jenkins core
     * {@code hudson/util/XStream2.java}, {@code setupConverters()}), which makes the object without running a
     * constructor or a field's initializer: a field the record lacks stays null (0, false), so the getters say what
     * that means.
     */
    private final ArrayList<GateRunRow> gates;
    /** The races mergeWave judged before this merge (racers run in parallelWorktrees bodies); null in older builds. */
    private final ArrayList<RaceRow> races;

    private WaveRow(int wave, String integration, String before, String after, List<String> landed,
            Map<String, String> leftOut, int gateRuns, boolean pushed, int merge, long mergedAt,
            List<GateRunRow> gates, List<RaceRow> races) {
        this.wave = wave;
        this.integration = integration;
        this.before = before;
        this.after = after;
        this.landed = new ArrayList<>(landed);
        this.leftOut = new LinkedHashMap<>(leftOut);
        this.gateRuns = gateRuns;
        this.pushed = pushed;
        this.merge = merge;
        this.mergedAt = mergedAt;
        this.gates = new ArrayList<>(gates);
        this.races = new ArrayList<>(races);
    }

    /** The same row with {@code mask} applied to why each workstream was left out, and why its gates failed. */
    public WaveRow masked(UnaryOperator<String> mask) {
        Map<String, String> masked = new LinkedHashMap<>();
        leftOut.forEach((ws, why) -> masked.put(ws, WorkstreamRow.maskOrNull(mask, why)));
        return new WaveRow(wave, integration, before, after, landed, masked, gateRuns, pushed, merge, mergedAt,
                getGates().stream().map(g -> g.masked(mask)).toList(),
                getRaces().stream().map(r -> r.masked(mask)).toList());
    }

    /**
     * The same row as the merge's place in its run: its number among its wave's merges (what its gate runs' folders
     * are named after), when it was recorded, and its gate runs with their times and archived gate.md.
     */
    public WaveRow timed(int mergeNumber, Instant at, List<GateRunRow> gateRows) {
        return new WaveRow(wave, integration, before, after, landed, leftOut, gateRuns, pushed, mergeNumber,
                at == null ? 0 : at.toEpochMilli(), gateRows, getRaces());
    }

    /**
     * The row of an engine merge result.
     *
     * @param notMerged workstreams the step did not hand to the merge, with why (their workers did not finish)
     */
    public static WaveRow of(WaveResult result, Map<String, String> notMerged, boolean pushed) {
        Map<String, String> left = new LinkedHashMap<>(notMerged);
        result.leftOut().forEach(l -> left.put(l.workstream(), l.reason()));
        return new WaveRow(result.wave(), result.integration(), result.before(), result.after(), result.landed(),
                left, result.gateRuns().size(), pushed, 1, 0, List.of(), List.of());
    }

    /**
     * Where a gate run's gate.md is archived: {@code waves/<wave>/merge-<m>/gate-<k>/gate.md}, the run folder's
     * {@code merges/wave-<wave>/merge-<m>/gate-<k>/} (WaveMerger's) under the build's {@code waves/}.
     */
    public static String gateReport(int wave, int merge, int run) {
        return "waves/" + wave + "/merge-" + merge + "/gate-" + run + "/gate.md";
    }

    /** The same row with the races judged before the merge. */
    public WaveRow withRaces(List<RaceRow> judged) {
        return new WaveRow(wave, integration, before, after, landed, leftOut, gateRuns, pushed, merge, mergedAt,
                getGates(), judged);
    }

    public int getWave() {
        return wave;
    }

    public String getIntegration() {
        return integration;
    }

    /** Whether the integration branch moved (something landed and its gate passed). */
    public boolean isMoved() {
        return !before.equals(after);
    }

    public String getAfter() {
        return after;
    }

    public String getBefore() {
        return before;
    }

    public List<String> getLanded() {
        return List.copyOf(landed);
    }

    /** Workstream to the reason it was left out, in the order the merge found them. */
    public Map<String, String> getLeftOut() {
        return java.util.Collections.unmodifiableMap(leftOut);
    }

    public int getGateRuns() {
        return gateRuns;
    }

    public boolean isPushed() {
        return pushed;
    }

    /** Which of its wave's merges it was: 1 for the first, and for a record kept before the number was. */
    public int getMerge() {
        return Math.max(1, merge);
    }

    /** When it was recorded, or null when that was not kept. */
    public Instant getMergedAt() {
        return mergedAt == 0 ? null : Instant.ofEpochMilli(mergedAt);
    }

    /** When it was recorded, as the page says it: "14:03:12 CEST" (the controller's zone); "-": unknown. */
    public String getMerged() {
        return ParallelWorktreesAction.TIME.clock(getMergedAt());
    }

    /** Its gate runs in order; empty in a record kept before they were. */
    public List<GateRunRow> getGates() {
        return gates == null ? List.of() : List.copyOf(gates);
    }

    /** The races judged before this merge, in the wave's order; empty when none (or in a build saved before). */
    public List<RaceRow> getRaces() {
        return races == null ? List.of() : List.copyOf(races);
    }
}
