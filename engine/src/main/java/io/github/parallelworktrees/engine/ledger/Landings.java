package io.github.parallelworktrees.engine.ledger;

import io.github.parallelworktrees.engine.git.Git;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What has landed, as git says it: a workstream's branch has landed when it holds work of its own (commits the
 * run's base does not have) and its tip is reachable from the integration branch. Never a copy kept in a file:
 * rollbacks, merges by hand and resets all show at once.
 *
 * @param integrationTip the integration branch's commit, empty while it does not exist
 * @param landed the branches (full names, e.g. {@code feature/api}) whose tips it reaches
 * @param tips every existing branch of the feature and its tip
 */
public record Landings(Optional<String> integrationTip, Set<String> landed, java.util.Map<String, String> tips) {

    public Landings {
        landed = Set.copyOf(landed);
        tips = java.util.Map.copyOf(tips);
    }

    /** Nothing has landed (no repository, or no integration branch yet). */
    public static final Landings NONE = new Landings(Optional.empty(), Set.of(), java.util.Map.of());

    /** Asks git, in three processes, about every branch under {@code <feature>/} of {@code git}'s repository. */
    public static Landings read(Git git, String feature, String integration, String baseCommit) {
        java.util.Map<String, String> tips = new java.util.HashMap<>();
        for (String line : git.lines("for-each-ref", "--format=%(objectname) %(refname:short)",
                "refs/heads/" + feature + "/")) {
            int space = line.indexOf(' ');
            if (space > 0) {
                tips.put(line.substring(space + 1), line.substring(0, space));
            }
        }
        Optional<String> tip = git.resolveCommit("refs/heads/" + integration);
        if (tip.isEmpty()) {
            return new Landings(Optional.empty(), Set.of(), tips);
        }
        // a branch the base already holds has no work of its own: nothing of it can land
        Set<String> ownWork = new HashSet<>(git.lines("for-each-ref", "--no-merged=" + baseCommit,
                "--format=%(refname:short)", "refs/heads/" + feature + "/"));
        Set<String> landed = new HashSet<>();
        for (String line : git.lines("for-each-ref", "--merged=" + tip.get(), "--format=%(refname:short)",
                "refs/heads/" + feature + "/")) {
            if (!line.equals(integration) && ownWork.contains(line)) {
                landed.add(line);
            }
        }
        return new Landings(tip, landed, tips);
    }

    /** True when the branch has work of its own and the integration branch holds its tip. */
    public boolean landed(String branch) {
        return landed.contains(branch);
    }

    public Optional<String> tip(String branch) {
        return Optional.ofNullable(tips.get(branch));
    }
}
