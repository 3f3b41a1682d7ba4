package io.jenkins.plugins.parallelworktrees;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import io.github.parallelworktrees.engine.brief.TasksFile;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.plan.RaceSpec;
import io.github.parallelworktrees.engine.plan.Workstream;
import io.github.parallelworktrees.engine.ledger.RunLayout;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;

/**
 * The variables a parallelWorktrees body sees for its workstream (PWT_WORKSTREAM, PWT_BRANCH, PWT_WAVE,
 * PWT_WORKTREE, PWT_TASKS, PWT_FEATURE, PWT_PLAN; a racer's body also PWT_RACER): claudeWorker reads them, and so
 * may the body's own steps. Paths are relative to the workspace, so they hold in whatever workspace the body checks
 * the repository out into.
 */
public final class WorkstreamEnvironment extends EnvironmentExpander {

    private static final long serialVersionUID = 1L;

    private final LinkedHashMap<String, String> variables;

    WorkstreamEnvironment(Map<String, String> variables) {
        this.variables = new LinkedHashMap<>(variables);
    }

    /** The variables of {@code ws} of {@code plan}, read from {@code planPath} (as the step was given it). */
    static WorkstreamEnvironment of(Plan plan, Workstream ws, String planPath) {
        return of(plan, ws, ws.name(), plan.branchOf(ws), Map.of(), planPath);
    }

    /**
     * The variables of racer {@code racer} of the raced workstream {@code ws}: the workstream's, with the racer's
     * own branch, worktree and TASKS.md, and PWT_RACER (as docs/racing.md gives a racer's worker).
     */
    static WorkstreamEnvironment ofRacer(Plan plan, Workstream ws, int racer, String planPath) {
        return of(plan, ws, RaceSpec.racerName(ws.name(), racer), plan.racerBranch(ws, racer),
                Map.of("PWT_RACER", String.valueOf(racer)), planPath);
    }

    /** @param worktree the name of the worktree's folder: the workstream's, or the racer's */
    private static WorkstreamEnvironment of(Plan plan, Workstream ws, String worktree, String branch,
            Map<String, String> more, String planPath) {
        String folder = RunLayout.WORKTREES_DIR + "/" + plan.feature() + "/" + worktree;
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("PWT_WORKSTREAM", ws.name());
        vars.putAll(more);
        vars.put("PWT_BRANCH", branch);
        vars.put("PWT_WAVE", String.valueOf(ws.wave()));
        vars.put("PWT_WORKTREE", folder);
        vars.put("PWT_TASKS", folder + "/" + TasksFile.NAME);
        vars.put("PWT_FEATURE", plan.feature());
        vars.put("PWT_PLAN", planPath);
        return new WorkstreamEnvironment(vars);
    }

    /** The variables, in the order they are documented. */
    public Map<String, String> variables() {
        return Collections.unmodifiableMap(variables);
    }

    @Override
    public void expand(@NonNull EnvVars env) {
        variables.forEach(env::override);
    }
}
