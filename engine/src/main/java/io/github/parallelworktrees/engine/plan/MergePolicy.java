package io.github.parallelworktrees.engine.plan;

import java.util.Optional;

/** How conflicts in files matching {@code path} are resolved when waves merge. */
public record MergePolicy(String path, String strategy, Optional<String> owner) {
}
