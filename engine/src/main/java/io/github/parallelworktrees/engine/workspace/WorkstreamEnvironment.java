package io.github.parallelworktrees.engine.workspace;

import io.github.parallelworktrees.engine.brief.TasksFile;
import io.github.parallelworktrees.engine.ledger.RunLayout;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.plan.Workstream;
import io.github.parallelworktrees.engine.process.Environment;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The variables a workstream's worker, setup commands, gate and reviewer see (docs/plans.md): the run's environment
 * with the plan's {@code env} (PORT moved by the workstream's index) and the PWT_ variables naming the workstream, its
 * branch and worktree, and the racer, when a racer works it. One place, so that a racer's reviewer sees what its
 * worker saw.
 */
public final class WorkstreamEnvironment {

    private WorkstreamEnvironment() {
    }

    /**
     * @param branch the branch it works on (the workstream's, or the racer's)
     * @param worktree its worktree
     * @param racer the racer's number (PWT_RACER), when a racer works the workstream
     */
    public static Environment of(Plan plan, RunLayout layout, Workstream ws, String branch, Path worktree,
            OptionalInt racer) {
        Map<String, String> env = new LinkedHashMap<>(DotEnv.forWorkstream(plan.env(), ws.index()));
        env.put("PWT_FEATURE", plan.feature());
        env.put("PWT_WORKSTREAM", ws.name());
        env.put("PWT_BRANCH", branch);
        env.put("PWT_WAVE", String.valueOf(ws.wave()));
        env.put("PWT_WORKTREE", worktree.toString());
        env.put("PWT_TASKS", worktree.resolve(TasksFile.NAME).toString());
        env.put("PWT_COORDINATION", layout.coordinationFile().toString());
        racer.ifPresent(n -> env.put("PWT_RACER", String.valueOf(n)));
        return layout.environment().with(env);
    }
}
