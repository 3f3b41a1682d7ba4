package io.github.parallelworktrees.cli;

import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.plan.PlanParser;
import io.github.parallelworktrees.engine.plan.Suggestions;
import io.github.parallelworktrees.engine.plan.Workstream;
import io.github.parallelworktrees.engine.process.Environment;
import io.github.parallelworktrees.engine.run.Repository;
import io.github.parallelworktrees.engine.run.RunException;
import io.github.parallelworktrees.engine.ledger.RunLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The plan argument and the repository it runs in, shared by the commands that take a plan. */
final class PlanOptions {

    @Parameters(index = "0", paramLabel = "PLAN",
            description = "The plan: YAML, JSON, or a Markdown spec holding one ```yaml block.")
    Path planFile;

    @Option(names = "--repo", paramLabel = "DIR",
            description = "The git repository to work in (default: the one that holds PLAN).")
    Path repo;

    Plan plan() {
        return PlanParser.read(planFile);
    }

    /** The environment of every process pwt starts: the user's own (PATH, HOME, git identity, keys). */
    Environment environment() {
        return Environment.ofThisProcess();
    }

    Path repository() {
        return Repository.locate(planFile, repo, environment());
    }

    /** Where the plan's run keeps its files. */
    RunLayout layout(Plan plan) {
        return new RunLayout(repository(), plan.feature(), environment());
    }

    /**
     * The plan's workstream of each of {@code names}, in order; a name the plan does not have is refused, with a
     * "did you mean" and the plan's workstreams.
     */
    static List<Workstream> workstreams(Plan plan, Collection<String> names) {
        List<String> known = plan.workstreams().stream().map(Workstream::name).toList();
        List<Workstream> found = new ArrayList<>();
        for (String name : names) {
            found.add(plan.workstream(name).orElseThrow(() -> new RunException("workstream '" + name
                    + "' is not in the plan" + Suggestions.didYouMean(name, known) + "; its workstreams: "
                    + String.join(", ", known))));
        }
        return found;
    }

    /** The error for a command that needs a run when the feature has none. */
    RunException noRun(Plan plan, RunLayout layout) {
        return new RunException("feature '" + plan.feature() + "' has no run in " + layout.root()
                + "; start one with 'pwt run " + planFile + "'");
    }
}
