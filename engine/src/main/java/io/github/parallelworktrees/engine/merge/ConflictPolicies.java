package io.github.parallelworktrees.engine.merge;

import io.github.parallelworktrees.engine.plan.MergePolicy;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The plan's per-path conflict protocol: the first policy whose glob matches a conflicted path decides. */
final class ConflictPolicies {

    private record Rule(PathMatcher matcher, MergePolicy policy) {
    }

    private final List<Rule> rules = new ArrayList<>();

    ConflictPolicies(List<MergePolicy> policies) {
        for (MergePolicy policy : policies) {
            rules.add(new Rule(FileSystems.getDefault().getPathMatcher("glob:" + policy.path()), policy));
        }
    }

    Optional<MergePolicy> forPath(String path) {
        Path p = Path.of(path);
        return rules.stream().filter(r -> r.matcher().matches(p)).map(Rule::policy).findFirst();
    }
}
