package io.github.parallelworktrees.engine.radar;

import io.github.parallelworktrees.engine.git.Git;
import io.github.parallelworktrees.engine.git.MergeTrial;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which workstream branches would conflict, with the integration branch or with each other, found before anything
 * merges: each pair is merged off-tree by {@code git merge-tree --write-tree} (git 2.38+), which touches no
 * worktree, index or ref, so it runs while workers work. A pair is only asked about when both sides have commits
 * the other lacks; a branch with no work of its own conflicts with nothing.
 */
public final class ConflictRadar {

    /** A pair that would conflict, and the files it would conflict in. */
    public record Conflict(String one, String other, List<String> files) {
        public Conflict {
            files = List.copyOf(files);
        }

        /** True when {@code name} is one of the two sides. */
        public boolean involves(String name) {
            return one.equals(name) || other.equals(name);
        }

        /** The side that is not {@code name}. */
        public String otherThan(String name) {
            return one.equals(name) ? other : one;
        }
    }

    private final Git git;

    /** @param git git in the run's repository */
    public ConflictRadar(Git git) {
        this.git = git;
    }

    /**
     * Looks at every pair of {@code branches} (name to branch ref) that has not landed, and each of them against
     * {@code integration} when that branch exists.
     *
     * @param base the run's base commit: a branch still at it has no work to conflict with
     */
    public List<Conflict> scan(Map<String, String> branches, Optional<String> integration, String base) {
        Optional<String> integrationTip = integration.flatMap(i -> git.resolveCommit("refs/heads/" + i));
        Map<String, String> tips = new LinkedHashMap<>();
        // A landed branch (its tip on the integration branch) is looked at through the integration branch: what
        // would conflict with it conflicts with that branch, so it is left out of the pairs. This keeps a look
        // cheap late in a run, when most branches have landed, and keeps landed pairs out of the findings.
        branches.forEach((name, branch) -> git.resolveCommit("refs/heads/" + branch)
                .filter(tip -> !tip.equals(base) && !git.isAncestor(tip, base))
                .filter(tip -> integrationTip.isEmpty() || !git.isAncestor(tip, integrationTip.get()))
                .ifPresent(tip -> tips.put(name, tip)));
        List<Conflict> found = new ArrayList<>();
        List<String> names = new ArrayList<>(tips.keySet());
        for (String name : names) {
            if (integrationTip.isPresent()) {
                conflict(name, tips.get(name), integration.get(), integrationTip.get()).ifPresent(found::add);
            }
        }
        for (int i = 0; i < names.size(); i++) {
            for (int j = i + 1; j < names.size(); j++) {
                conflict(names.get(i), tips.get(names.get(i)), names.get(j), tips.get(names.get(j)))
                        .ifPresent(found::add);
            }
        }
        return found;
    }

    private Optional<Conflict> conflict(String one, String oneTip, String other, String otherTip) {
        if (git.isAncestor(oneTip, otherTip) || git.isAncestor(otherTip, oneTip)) {
            return Optional.empty(); // one already holds the other: a fast-forward, nothing to conflict
        }
        MergeTrial trial = MergeTrial.of(git, oneTip, otherTip);
        // a clean merge, or one git could not tell about (no merge base, say), is no finding
        return trial.conflicting() ? Optional.of(new Conflict(one, other, trial.conflicts())) : Optional.empty();
    }
}
