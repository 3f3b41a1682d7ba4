package io.jenkins.plugins.parallelworktrees.report;

import io.github.parallelworktrees.engine.ledger.WaveResult;
import java.io.Serializable;
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
    /** The races mergeWave judged before this merge (racers run in parallelWorktrees bodies); null in older builds. */
    private final ArrayList<RaceRow> races;

    private WaveRow(int wave, String integration, String before, String after, List<String> landed,
            Map<String, String> leftOut, int gateRuns, boolean pushed, List<RaceRow> races) {
        this.wave = wave;
        this.integration = integration;
        this.before = before;
        this.after = after;
        this.landed = new ArrayList<>(landed);
        this.leftOut = new LinkedHashMap<>(leftOut);
        this.gateRuns = gateRuns;
        this.pushed = pushed;
        this.races = new ArrayList<>(races);
    }

    /** The same row with {@code mask} applied to why each workstream was left out. */
    public WaveRow masked(UnaryOperator<String> mask) {
        Map<String, String> masked = new LinkedHashMap<>();
        leftOut.forEach((ws, why) -> masked.put(ws, WorkstreamRow.maskOrNull(mask, why)));
        return new WaveRow(wave, integration, before, after, landed, masked, gateRuns, pushed,
                getRaces().stream().map(r -> r.masked(mask)).toList());
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
                left, result.gateRuns().size(), pushed, List.of());
    }

    /** The same row with the races judged before the merge. */
    public WaveRow withRaces(List<RaceRow> judged) {
        return new WaveRow(wave, integration, before, after, landed, leftOut, gateRuns, pushed, judged);
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

    /** The races judged before this merge, in the wave's order; empty when none (or in a build saved before). */
    public List<RaceRow> getRaces() {
        return races == null ? List.of() : List.copyOf(races);
    }
}
