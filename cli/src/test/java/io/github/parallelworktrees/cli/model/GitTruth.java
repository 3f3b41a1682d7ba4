package io.github.parallelworktrees.cli.model;

import io.github.parallelworktrees.engine.git.Git;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What git says of the project right now: the facts every view must agree with. A workstream landed when its
 * branch holds work of its own (a commit by its worker, by pwt for it, or by a hand fixing it) and its tip is
 * reachable from the integration branch. A racer's branch is only its tip (when it exists): racers never land.
 */
record GitTruth(Optional<String> integration, Map<String, Branch> branches, Map<String, Optional<String>> racers) {

    /** One workstream's branch as git has it. */
    record Branch(String workstream, String name, Optional<String> tip, boolean hasWork, boolean reachable) {

        boolean landed() {
            return hasWork && reachable;
        }

        /** "model/beta (1a2b3c4d5e6f, 2 commits of its own) is not reachable from model/integration" */
        String describe(Optional<String> integration) {
            if (tip.isEmpty()) {
                return "branch " + name + " does not exist";
            }
            String where = integration.map(i -> ThrowawayProject.INTEGRATION + " (" + i.substring(0, 12) + ")")
                    .orElse(ThrowawayProject.INTEGRATION + " (which does not exist)");
            return name + " (" + tip.get().substring(0, 12) + (hasWork ? "" : ", no work of its own yet") + ") is "
                    + (reachable ? "" : "not ") + "reachable from " + where;
        }
    }

    static GitTruth read(ThrowawayProject project) {
        Git git = project.git();
        String prefix = "refs/heads/" + ThrowawayProject.FEATURE + "/";
        Map<String, String> tips = new HashMap<>();
        for (String line : git.lines("for-each-ref", "--format=%(refname) %(objectname)", prefix)) {
            String[] refAndCommit = line.split(" ");
            tips.put(refAndCommit[0], refAndCommit[1]);
        }
        Optional<String> integration = Optional.ofNullable(tips.get("refs/heads/" + ThrowawayProject.INTEGRATION));
        // one git call for every branch's reachability: the refs whose tip the integration branch contains
        Set<String> merged = integration.isEmpty() ? Set.of() : new HashSet<>(git.lines("for-each-ref",
                "--format=%(refname)", "--merged=" + integration.get(), prefix));
        Map<String, Branch> branches = new LinkedHashMap<>();
        for (String ws : ThrowawayProject.WORKSTREAMS) {
            String ref = "refs/heads/" + project.branch(ws);
            Optional<String> tip = Optional.ofNullable(tips.get(ref));
            boolean hasWork = tip.isPresent() && project.hasWorkOf(ws, tip.get());
            branches.put(ws, new Branch(ws, project.branch(ws), tip, hasWork, merged.contains(ref)));
        }
        Map<String, Optional<String>> racers = new LinkedHashMap<>();
        for (String racer : project.racers()) {
            racers.put(racer, Optional.ofNullable(tips.get("refs/heads/" + project.branch(racer))));
        }
        return new GitTruth(integration, branches, racers);
    }

    Branch branch(String workstream) {
        return branches.get(workstream);
    }
}
