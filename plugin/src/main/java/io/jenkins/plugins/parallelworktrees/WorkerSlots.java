package io.jenkins.plugins.parallelworktrees;

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
 * after its dependencies ended done. All bodies start at once (only bodies started inside the step's start() run
 * as parallel branches, see ParallelWorktreesStep), so the claudeWorker inside a body waits here, on its own
 * background thread, before its worker runs.
 *
 * <p>The pool lives in the controller's memory. After a restart it starts empty; a dependency that ended before
 * the restart is then known from the build's Parallel Worktrees rows (the {@code recorded} lookup).
 */
final class WorkerSlots {

    private static final Map<String, WorkerSlots> POOLS = new ConcurrentHashMap<>();

    private final int max;
    private final Map<String, String> ended = new HashMap<>();
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

        Ticket(String pool, int maxParallel, String workstream, List<String> dependsOn) {
            this.pool = pool;
            this.maxParallel = maxParallel;
            this.workstream = workstream;
            this.dependsOn = new ArrayList<>(dependsOn);
        }

        String workstream() {
            return workstream;
        }

        List<String> dependsOn() {
            return List.copyOf(dependsOn);
        }

        WorkerSlots slots() {
            return of(pool, maxParallel);
        }
    }

    /**
     * Waits until the workstream may start.
     *
     * @param recorded a dependency's outcome recorded before this pool knew it (after a restart), if any
     * @return why it must not start at all (a dependency ended without finishing); empty when it holds a slot now
     */
    synchronized Optional<String> acquire(Ticket ticket, Function<String, Optional<String>> recorded)
            throws InterruptedException {
        while (true) {
            boolean depsEnded = true;
            for (String dep : ticket.dependsOn()) {
                Optional<String> outcome = Optional.ofNullable(ended.get(dep)).or(() -> recorded.apply(dep));
                if (outcome.isEmpty()) {
                    depsEnded = false;
                } else if (!outcome.get().equals("done")) {
                    return Optional.of("dependency '" + dep + "' ended " + outcome.get());
                }
            }
            if (depsEnded && running < max) {
                running++;
                return Optional.empty();
            }
            wait();
        }
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
