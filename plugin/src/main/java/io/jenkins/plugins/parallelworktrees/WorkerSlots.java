package io.jenkins.plugins.parallelworktrees;

import io.github.parallelworktrees.engine.ledger.WorkerStatus;
import io.jenkins.plugins.parallelworktrees.report.ParallelWorktreesAction;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Who may start a worker now, inside one parallelWorktrees step with a body: at most maxParallel at once, each
 * after its dependencies ended done, the most urgent (critical path) first. All bodies start at once (only bodies
 * started inside the step's start() run as parallel branches, see ParallelWorktreesStep), so the claudeWorker
 * inside a body waits here, on its own background thread, before its worker runs.
 *
 * <p>Each racer of a raced workstream has a body and a ticket of its own ({@code <ws>-racer-<n>}, see
 * {@link WorkstreamBodies}), so each racer is one worker against maxParallel, as {@code pwt run} counts it.
 *
 * <p>The pool lives in the controller's memory. After a restart it starts empty; a dependency that ended before
 * the restart is then known from the build's Parallel Worktrees rows (the {@code recorded} lookup).
 */
final class WorkerSlots {

    private static final Map<String, WorkerSlots> POOLS = new ConcurrentHashMap<>();
    private static final String DONE = WorkerStatus.DONE.id();
    /**
     * The outcome of a raced workstream once every racer's body ended: its race is judged later, by its wave's
     * mergeWave (where the racers' branches meet), so it is not done yet for those that depend on it.
     */
    static final String RACED = "raced";

    private final int max;
    private final Map<String, String> ended = new HashMap<>();
    private final List<Waiting> waiting = new ArrayList<>();
    private int running;

    private WorkerSlots(int max) {
        this.max = max;
    }

    /**
     * The body's ticket to its step's pool, handed to each body as a context object. A plain class, not a record:
     * it is saved with the Pipeline program, whose serialization sets fields by reflection.
     */
    static final class Ticket implements Serializable {
        private static final long serialVersionUID = 1L;

        private final String pool;
        private final int maxParallel;
        private final String workstream;
        private final ArrayList<String> dependsOn;
        private final ArrayList<String> dependsOnElsewhere;
        private final int urgency;
        private final int order;

        /**
         * @param dependsOnElsewhere the dependencies that have no body in this step (an earlier wave's): they must
         *     have landed on the integration branch earlier in the build
         * @param urgency how many workstreams are on the longest chain starting at this one (the critical path
         *     first); {@code order}, its place in the plan, breaks ties
         */
        Ticket(String pool, int maxParallel, String workstream, List<String> dependsOn,
                List<String> dependsOnElsewhere, int urgency, int order) {
            this.pool = pool;
            this.maxParallel = maxParallel;
            this.workstream = workstream;
            this.dependsOn = new ArrayList<>(dependsOn);
            this.dependsOnElsewhere = new ArrayList<>(dependsOnElsewhere);
            this.urgency = urgency;
            this.order = order;
        }

        String workstream() {
            return workstream;
        }

        WorkerSlots slots() {
            return of(pool, maxParallel);
        }

        /** A ticket saved by a version without dependsOnElsewhere (its Pipeline resumed after an upgrade). */
        private Object readResolve() {
            return dependsOnElsewhere != null ? this
                    : new Ticket(pool, maxParallel, workstream, dependsOn, List.of(), urgency, order);
        }

        /** True when this ticket goes before {@code other} for a free slot. */
        boolean before(Ticket other) {
            return urgency != other.urgency ? urgency > other.urgency : order < other.order;
        }
    }

    /** A worker waiting for a slot, with where its dependencies' outcomes recorded earlier are looked up. */
    private record Waiting(Ticket ticket, Function<String, Optional<String>> recorded) {
    }

    /**
     * Waits until the workstream may start: its dependencies ended done, a slot is free, and no other waiting
     * worker that could start now is more urgent (the critical path goes first, as {@code pwt run} schedules).
     *
     * @param recorded a dependency's outcome recorded before this pool knew it (after a restart, or in an earlier
     *     stage), if any
     * @return why it must not start at all (a dependency ended without finishing); empty when it holds a slot now
     */
    synchronized Optional<String> acquire(Ticket ticket, Function<String, Optional<String>> recorded)
            throws InterruptedException {
        Waiting self = new Waiting(ticket, recorded);
        waiting.add(self);
        try {
            while (true) {
                Readiness readiness = readiness(self);
                if (readiness.skip().isPresent()) {
                    return readiness.skip();
                }
                if (readiness.ready() && running < max && waiting.stream().noneMatch(
                        other -> other != self && other.ticket().before(ticket) && readiness(other).ready())) {
                    running++;
                    return Optional.empty();
                }
                wait();
            }
        } finally {
            waiting.remove(self);
            // a more urgent worker that leaves (started, or skipped) may let a less urgent one go
            notifyAll();
        }
    }

    private record Readiness(boolean ready, Optional<String> skip) {
    }

    private Readiness readiness(Waiting w) {
        boolean ready = true;
        for (String dep : w.ticket().dependsOn) {
            Optional<String> outcome = Optional.ofNullable(ended.get(dep)).or(() -> w.recorded().apply(dep));
            if (outcome.isEmpty()) {
                ready = false;
            } else if (outcome.get().equals(RACED)) {
                return new Readiness(false, Optional.of(unjudged(dep)));
            } else if (!outcome.get().equals(DONE) && !outcome.get().equals(ParallelWorktreesAction.LANDED)) {
                return new Readiness(false, Optional.of("dependency '" + dep + "' ended " + outcome.get()));
            }
        }
        // an earlier wave's work is built on from the integration branch, so it must have landed there
        for (String dep : w.ticket().dependsOnElsewhere) {
            Optional<String> outcome = w.recorded().apply(dep);
            if (outcome.isEmpty()) {
                return new Readiness(false, Optional.of("dependency '" + dep + "' has not run in this build: run"
                        + " its wave's parallelWorktrees first"));
            }
            if (outcome.get().equals(DONE)) {
                return new Readiness(false, Optional.of("dependency '" + dep + "' is done but not merged: run its"
                        + " wave's mergeWave before this wave's workers"));
            }
            if (outcome.get().equals(RACED)) {
                return new Readiness(false, Optional.of(unjudged(dep)));
            }
            if (!outcome.get().equals(ParallelWorktreesAction.LANDED)) {
                return new Readiness(false, Optional.of("dependency '" + dep + "' ended " + outcome.get()));
            }
        }
        return new Readiness(ready, Optional.empty());
    }

    private static String unjudged(String dep) {
        return "dependency '" + dep + "' is raced and its race was not judged: run its wave's mergeWave (which judges"
                + " the race and merges the winner) before the workers that depend on it";
    }

    /** How many workers wait for a slot now. */
    synchronized int waiting() {
        return waiting.size();
    }

    /** Gives the slot back, with the workstream's outcome for those that depend on it. */
    synchronized void release(String workstream, String outcome) {
        running--;
        ended(workstream, outcome);
    }

    /** Records how a workstream ended (its body may end without a worker, or fail before one started). */
    synchronized void ended(String workstream, String outcome) {
        ended.putIfAbsent(workstream, outcome);
        notifyAll();
    }

    /** The pool of one parallelWorktrees step, made on first use. */
    static WorkerSlots of(String pool, int maxParallel) {
        return POOLS.computeIfAbsent(pool, id -> new WorkerSlots(maxParallel));
    }

    /** Forgets the pool of a step that has finished. */
    static void forget(String pool) {
        POOLS.remove(pool);
    }
}
