package io.github.parallelworktrees.engine.planner;

import io.github.parallelworktrees.engine.plan.WorkerSpec;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code pwt plan} was asked.
 *
 * @param repository the repository's top level, which the planner reads and must leave as it was
 * @param spec the spec (absolute)
 * @param out where the plan goes (absolute): PWT_PLAN_OUT
 * @param workstreams how many workstreams the user asked for, if they did
 * @param attempts how many plans the planner may write until one is valid (1 or more)
 * @param worker the planner: a Claude worker or a command
 * @param force replace an existing file at {@code out} that no earlier planning wrote (kept in the records)
 */
public record PlanningRequest(Path repository, Path spec, Path out, Optional<Integer> workstreams, int attempts,
        WorkerSpec worker, boolean force) {

    public PlanningRequest {
        if (!spec.isAbsolute() || !out.isAbsolute() || !repository.isAbsolute()) {
            throw new IllegalArgumentException("the repository, spec and plan paths must be absolute");
        }
        if (out.normalize().equals(spec.normalize())) {
            throw new IllegalArgumentException("--out " + out + " is the spec itself; the plan needs a file of its own"
                    + " (default: <spec name>.plan.yaml beside the spec)");
        }
        if (attempts < 1) {
            throw new IllegalArgumentException("--attempts " + attempts + ": the planner needs at least 1 attempt");
        }
        workstreams.filter(n -> n < 1).ifPresent(n -> {
            throw new IllegalArgumentException("--workstreams " + n + ": a plan needs at least 1 workstream");
        });
    }

    /**
     * Where the plan goes when nobody says: beside the spec, named after it ({@code specs/auth.md} ->
     * {@code specs/auth.plan.yaml}, whose feature is {@code auth}). {@code pwt plan} and the Jenkins step share it.
     */
    public static Path defaultOut(Path spec) {
        String name = spec.getFileName().toString();
        String stem = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
        return spec.resolveSibling(stem + ".plan.yaml");
    }
}
