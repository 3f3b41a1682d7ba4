package io.github.parallelworktrees.engine.git;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** git's rules for branch names (git-check-ref-format), checked before git is asked to make one. */
public final class RefNames {

    private RefNames() {
    }

    /** Why git would refuse {@code branch} as a branch name, or empty when it is acceptable. */
    public static Optional<String> problemWithBranch(String branch) {
        if (branch.isEmpty()) {
            return Optional.of("is empty");
        }
        if (branch.startsWith("-")) {
            return Optional.of("starts with '-'");
        }
        if (branch.contains("..")) {
            return Optional.of("contains '..'");
        }
        if (branch.contains("@{") || branch.equals("@")) {
            return Optional.of("contains '@{'");
        }
        if (branch.contains("//") || branch.startsWith("/") || branch.endsWith("/")) {
            return Optional.of("has an empty path component");
        }
        if (branch.endsWith(".")) {
            return Optional.of("ends with '.'");
        }
        for (String component : branch.split("/")) {
            if (component.startsWith(".")) {
                return Optional.of("has a component starting with '.'");
            }
            if (component.endsWith(".lock")) {
                return Optional.of("has a component ending with '.lock'");
            }
        }
        for (char c : branch.toCharArray()) {
            if (c < 0x20 || c == 0x7f || " ~^:?*[\\".indexOf(c) >= 0) {
                return Optional.of("contains '" + (Character.isISOControl(c) ? "\\u" + (int) c : String.valueOf(c))
                        + "', which git refuses in branch names");
            }
        }
        return Optional.empty();
    }

    /**
     * The branches of {@code existing} that keep git from creating {@code branch}: git stores a branch as a file
     * under refs/heads, so a branch cannot also be a folder of branches ('feat' blocks 'feat/a', and 'feat/a/b'
     * blocks 'feat/a'). A branch of the same name is no obstacle (it is reused).
     */
    public static List<String> blocking(String branch, Collection<String> existing) {
        return existing.stream()
                .filter(other -> branch.startsWith(other + "/") || other.startsWith(branch + "/"))
                .sorted()
                .toList();
    }
}
