package io.jenkins.plugins.parallelworktrees;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import io.github.parallelworktrees.engine.brief.TasksFile;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.plan.Workstream;
import io.github.parallelworktrees.engine.ledger.RunLayout;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;

/**
 * The variables a parallelWorktrees body sees for its workstream (PWT_WORKSTREAM, PWT_BRANCH, PWT_WAVE, PWT_TASKS,
 * PWT_FEATURE, PWT_PLAN): claudeWorker reads them, and so may the body's own steps. Paths are relative to the
 * workspace, so they hold in whatever workspace the body checks the repository out into.
 */
public final class WorkstreamEnvironment extends EnvironmentExpander {

    private static final long serialVersionUID = 1L;

    private final LinkedHashMap<String, String> variables;

    WorkstreamEnvironment(Map<String, String> variables) {
        this.variables = new LinkedHashMap<>(variables);
    }

    /** The variables of {@code ws} of {@code plan}, read from {@code planPath} (as the step was given it). */
    static WorkstreamEnvironment of(Plan plan, Workstream ws, String planPath) {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("PWT_WORKSTREAM", ws.name());
        vars.put("PWT_BRANCH", plan.branchOf(ws));
        vars.put("PWT_WAVE", String.valueOf(ws.wave()));
        vars.put("PWT_TASKS", RunLayout.WORKTREES_DIR + "/" + plan.feature() + "/" + ws.name() + "/" + TasksFile.NAME);
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
