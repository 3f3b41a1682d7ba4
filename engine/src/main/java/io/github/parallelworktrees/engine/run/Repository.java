package io.github.parallelworktrees.engine.run;

import io.github.parallelworktrees.engine.git.Git;
import io.github.parallelworktrees.engine.git.RefNames;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.plan.Workstream;
import io.github.parallelworktrees.engine.process.Environment;
import io.github.parallelworktrees.engine.process.ProcessResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The git repository a plan runs in, checked before anything is changed in it. */
public final class Repository {

    private Repository() {
    }

    /**
     * The top level of the repository that holds {@code planFile} (or {@code explicit}, when given).
     *
     * @throws RunException when it is not inside a git repository
     */
    public static Path locate(Path planFile, Path explicit, Environment environment) {
        Path start = explicit != null ? explicit : planFile.toAbsolutePath().getParent();
        if (start == null || !Files.isDirectory(start)) {
            throw new RunException((explicit != null ? "--repo " + explicit : planFile.toString())
                    + ": directory does not exist");
        }
        ProcessResult top = Git.in(start, environment).tryRun("rev-parse", "--show-toplevel");
        if (!top.succeeded()) {
            throw new RunException((explicit != null ? "--repo " + explicit : planFile + " is not")
                    + (explicit != null ? " is not" : "") + " inside a git repository; put the plan in the"
                    + " repository the workstreams change, or pass --repo DIR");
        }
        return Path.of(top.stdout().strip());
    }

    /**
     * Why git could not create the branches a run of {@code workstreams} makes (theirs and the integration
     * branch), one problem per branch in the way, or empty. Checked before anything is created: git would refuse
     * only when the first worktree is added ("cannot lock ref"), after the run had begun.
     */
    public static List<String> branchConflicts(Git repo, Plan plan, List<Workstream> workstreams) {
        List<String> existing = new ArrayList<>();
        for (String ref : repo.lines("for-each-ref", "--format=%(refname)", "refs/heads/")) {
            existing.add(ref.substring("refs/heads/".length()));
        }
        List<String> planned = new ArrayList<>();
        for (Workstream ws : workstreams) {
            planned.add(plan.branchOf(ws));
            ws.race().ifPresent(race -> race.racers().forEach(r -> planned.add(plan.racerBranch(ws, r.number()))));
        }
        planned.add(plan.integration());
        Map<String, List<String>> blockedBy = new LinkedHashMap<>();
        for (String branch : planned) {
            for (String other : RefNames.blocking(branch, existing)) {
                blockedBy.computeIfAbsent(other, k -> new ArrayList<>()).add(branch);
            }
        }
        String defaultIntegration = plan.feature() + "/integration";
        List<String> problems = new ArrayList<>();
        blockedBy.forEach((other, branches) -> {
            boolean onlyIntegration = branches.equals(List.of(plan.integration()))
                    && !plan.integration().equals(defaultIntegration);
            problems.add(plan.source() + ": branch '" + other + "' exists in " + repo.dir() + ", so git cannot"
                    + " create branch " + String.join(", ", branches.stream().map(b -> "'" + b + "'").toList())
                    + " (a branch name cannot also be a folder of branches); "
                    + (onlyIntegration ? "set 'integration:' in the plan to another branch name"
                            : "set 'feature:' in the plan to a name no branch starts with")
                    + ", or rename the branch '" + other + "'");
        });
        return problems;
    }
}
