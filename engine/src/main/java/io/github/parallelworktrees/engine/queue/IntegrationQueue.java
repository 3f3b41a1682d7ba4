package io.github.parallelworktrees.engine.queue;

import io.github.parallelworktrees.engine.claude.Rehearsals;
import io.github.parallelworktrees.engine.ledger.Landings;
import io.github.parallelworktrees.engine.ledger.RunLayout;
import io.github.parallelworktrees.engine.ledger.RunListener;
import io.github.parallelworktrees.engine.ledger.RunState;
import io.github.parallelworktrees.engine.ledger.WaveResult;
import io.github.parallelworktrees.engine.ledger.WorkerRecord;
import io.github.parallelworktrees.engine.ledger.WorkerStatus;
import io.github.parallelworktrees.engine.merge.MergeException;
import io.github.parallelworktrees.engine.merge.WaveMerger;
import io.github.parallelworktrees.engine.plan.MergeMode;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.plan.Wave;
import io.github.parallelworktrees.engine.plan.Workstream;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How a run with {@code autoMerge} lands its finished work: which workstreams may start and what is merged when.
 * As a queue ({@code merge: {mode: queue}}), each finished branch is merged (gated by its wave's gate) as soon as
 * it is done, and a dependent starts as soon as its own dependencies are on the integration branch. Wave by wave
 * ({@code mode: waves}), a wave's workers start once every earlier wave's finished work is on the integration
 * branch, and a wave is merged once all its workers have finished. Either way what counts is what git says, so
 * landings by hand count, and a branch a merge left out is not merged again until it has new commits (a fix).
 * The runner asks; this class knows nothing of the runner.
 */
public final class IntegrationQueue {

    private final Plan plan;
    private final RunLayout layout;
    private final RunListener listener;
    private final Rehearsals rehearsals;
    private final RunState state;
    private final Set<String> tried = new HashSet<>();
    private final Repairs repairs;
    private boolean stopped;

    /**
     * @param state the run's live state: which workers have finished, and where the merges are recorded
     * @param rehearsals where a Claude conflict resolver's requests go, as for the run's workers
     */
    public IntegrationQueue(Plan plan, RunLayout layout, RunListener listener, Rehearsals rehearsals,
            RunState state) {
        this.plan = plan;
        this.layout = layout;
        this.listener = listener;
        this.rehearsals = rehearsals;
        this.state = state;
        this.repairs = new Repairs(plan, layout, listener, state);
    }

    /** Done workstreams a merge left out at their current tip: their dependents cannot build on them. */
    public Set<String> notLanded(Landings landings) {
        Set<String> out = new HashSet<>();
        for (WorkerRecord r : state.workers()) {
            if (r.status() == WorkerStatus.DONE && !landings.landed(r.branch()) && leftOutAsItIs(r, landings)
                    && !repairs.pending(r, landings)) {
                out.add(r.workstream());
            }
        }
        return out;
    }

    private boolean leftOutAsItIs(WorkerRecord r, Landings landings) {
        Optional<WaveResult.LeftOut> left = state.lastLeftOut(r.workstream());
        return left.isPresent() && (left.get().tip() == null
                || left.get().tip().equals(landings.tip(r.branch()).orElse(null)));
    }

    /** A done workstream whose branch should go onto the integration branch now. */
    private boolean toMerge(WorkerRecord r, Landings landings) {
        return r.status() == WorkerStatus.DONE && !landings.landed(r.branch()) && !leftOutAsItIs(r, landings)
                && !tried.contains(r.workstream() + "@" + landings.tip(r.branch()).orElse(""));
    }

    /** The first wave with a worker still to finish or finished work still to merge. */
    private Optional<Integer> pendingWave(Landings landings) {
        for (Wave wave : plan.waves()) {
            for (String name : wave.workstreams()) {
                WorkerRecord r = state.worker(name);
                if (!r.status().isFinal() || toMerge(r, landings) || repairs.pending(r, landings)) {
                    return Optional.of(wave.number());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Records how repairs ended and starts those that are due (see {@link Repairs}): the workstreams returned are
     * pending again, with a repair open, for the runner to run their workers.
     */
    public List<String> startRepairs(Landings landings) {
        if (!plan.autoMerge() || stopped) {
            return List.of();
        }
        return repairs.startDue(landings);
    }

    public boolean mayStart(Workstream ws, Landings landings) {
        if (!plan.autoMerge()) {
            return true;
        }
        if (plan.mergeMode() == MergeMode.QUEUE) {
            // a dependent builds on the integration branch as soon as its own dependencies are on it
            return !stopped && ws.dependsOn().stream().allMatch(dep -> landings.landed(
                    plan.branchOf(plan.workstream(dep).orElseThrow())));
        }
        return !stopped && pendingWave(landings).map(n -> ws.wave() <= n).orElse(true);
    }

    /**
     * The queue: merges every finished workstream not yet on the integration branch, each wave's with that
     * wave's gate, without waiting for the rest of its wave. False when there was nothing to merge (or the
     * plan merges wave by wave).
     */
    public boolean mergeReady(Landings landings) {
        if (!plan.autoMerge() || plan.mergeMode() != MergeMode.QUEUE || stopped) {
            return false;
        }
        for (Wave wave : plan.waves()) {
            List<String> merging = wave.workstreams().stream()
                    .filter(n -> toMerge(state.worker(n), landings)).toList();
            if (!merging.isEmpty()) {
                merge(wave.number(), merging, landings);
                return true;
            }
        }
        return false;
    }

    /** Merges the next wave if all its workers have finished; false when there is nothing to merge. */
    public boolean mergeNext(Landings landings) {
        if (!plan.autoMerge() || plan.mergeMode() == MergeMode.QUEUE || stopped) {
            return false;
        }
        Optional<Integer> next = pendingWave(landings);
        if (next.isEmpty()) {
            return false;
        }
        int number = next.get();
        List<String> members = plan.workstreams().stream().filter(w -> w.wave() == number)
                .map(Workstream::name).toList();
        if (!members.stream().allMatch(n -> state.worker(n).status().isFinal())) {
            return false;
        }
        merge(number, members.stream().filter(n -> toMerge(state.worker(n), landings)).toList(), landings);
        return true;
    }

    /** Merges {@code merging}, workstreams of wave {@code number}, gated by the wave's gate. */
    private void merge(int number, List<String> merging, Landings landings) {
        merging.forEach(n -> tried.add(n + "@" + landings.tip(state.worker(n).branch()).orElse("")));
        listener.info("wave " + number + ": merging " + String.join(", ", merging) + " into "
                + plan.integration());
        try {
            WaveMerger merger = new WaveMerger(plan, layout, listener, Optional.of(state), rehearsals);
            WaveResult result = merger.merge(number, Optional.of(merging), merger.planGate(number));
            listener.info("wave " + number + ": landed " + (result.landed().isEmpty() ? "nothing"
                    : String.join(", ", result.landed())) + (result.leftOut().isEmpty() ? ""
                    : "; left out " + String.join(", ", result.leftOut().stream()
                    .map(l -> l.workstream() + " (" + l.reason() + ")").toList())));
        } catch (MergeException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                stopped = true;
                return;
            }
            stopped = true;
            listener.warning("wave " + number + " could not be merged: " + e.getMessage()
                    + "; later waves do not start");
            for (WorkerRecord r : state.workers()) {
                if (r.status() == WorkerStatus.PENDING) {
                    listener.workerFinished(state.update(r.workstream(), x -> x.withStatus(WorkerStatus.SKIPPED,
                            "wave " + number + " could not be merged")));
                }
            }
        }
    }
}
