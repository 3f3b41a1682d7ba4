package io.github.parallelworktrees.engine.run;

import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.plan.Workstream;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which ready workstream goes first: the one on the longest remaining dependency path (the critical path),
 * then plan order. Starting the critical path early shortens the whole run when slots are scarce. The Jenkins
 * plugin gives its bodies' workers their slots in the same order.
 */
public final class Schedule {

    private final Map<String, Integer> remainingPath = new HashMap<>();
    private final Plan plan;

    public Schedule(Plan plan) {
        this.plan = plan;
        plan.workstreams().forEach(this::pathLength);
    }

    /** Number of workstreams on the longest chain that starts at {@code ws} and follows its dependents. */
    public int remainingPath(String workstream) {
        return remainingPath.get(workstream);
    }

    /** Orders the ready workstreams, most urgent first. */
    List<Workstream> order(List<Workstream> ready) {
        return ready.stream()
                .sorted(Comparator.comparingInt((Workstream w) -> -remainingPath(w.name()))
                        .thenComparingInt(Workstream::index))
                .toList();
    }

    /** True when every dependency of {@code ws} is in {@code done}. */
    static boolean ready(Workstream ws, Set<String> done) {
        return done.containsAll(ws.dependsOn());
    }

    private int pathLength(Workstream ws) {
        Integer known = remainingPath.get(ws.name());
        if (known != null) {
            return known;
        }
        int longest = 0;
        for (Workstream dependent : plan.workstreams()) {
            if (dependent.dependsOn().contains(ws.name())) {
                longest = Math.max(longest, pathLength(dependent));
            }
        }
        remainingPath.put(ws.name(), longest + 1);
        return longest + 1;
    }
}
