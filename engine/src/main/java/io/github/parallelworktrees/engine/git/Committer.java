package io.github.parallelworktrees.engine.git;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Commits in a worktree on the run's behalf, so that work a worker left uncommitted is never lost. */
public final class Committer {

    /** Used only when the repository has no identity of its own (fresh CI machines often have none). */
    private static final Map<String, String> FALLBACK_IDENTITY = Map.of(
            "GIT_AUTHOR_NAME", "Parallel Worktrees",
            "GIT_AUTHOR_EMAIL", "pwt@localhost",
            "GIT_COMMITTER_NAME", "Parallel Worktrees",
            "GIT_COMMITTER_EMAIL", "pwt@localhost");

    private Committer() {
    }

    /** Files with uncommitted changes (tracked or untracked, not ignored), as {@code git status} lists them. */
    public static List<String> uncommitted(Git worktree) {
        List<String> files = new ArrayList<>();
        for (String line : worktree.run("status", "--porcelain=v1", "--untracked-files=all").split("\n")) {
            if (line.length() > 3) {
                files.add(line.substring(3));
            }
        }
        return files;
    }

    /**
     * Commits everything uncommitted in the worktree with {@code message}; returns false when there was nothing.
     * Hooks are skipped (--no-verify): the point is to keep the work; the quality gate judges it later.
     */
    public static boolean commitAll(Git worktree, String message) {
        return commitAll(worktree, message, List.of());
    }

    /**
     * As {@link #commitAll(Git, String)}, leaving {@code leaveOut} (paths in the worktree, e.g. a nested repository
     * that would otherwise be committed as a bare gitlink) uncommitted.
     */
    public static boolean commitAll(Git worktree, String message, List<String> leaveOut) {
        if (uncommitted(worktree).isEmpty()) {
            return false;
        }
        List<String> add = new ArrayList<>(List.of("add", "--all", "--", "."));
        for (String path : leaveOut) {
            add.add(":(exclude,literal)" + (path.endsWith("/") ? path.substring(0, path.length() - 1) : path));
        }
        worktree.run(add);
        if (worktree.tryRun("diff", "--cached", "--quiet").succeeded()) {
            return false;
        }
        List<String> args = List.of("commit", "--quiet", "--no-verify", "-m", message);
        worktree.runWithEnv(identity(worktree), args);
        return true;
    }

    /**
     * Extra environment for commits by the run: a fallback for the author, the committer or both only where git
     * has no identity for that role. Git itself says: {@code git var GIT_AUTHOR_IDENT} fails exactly when a commit
     * would ("Author identity unknown"), and it counts the caller's GIT_AUTHOR_* / GIT_COMMITTER_* variables (a
     * Pipeline's {@code environment {}}) as well as the configuration, which the fallback must never override.
     */
    public static Map<String, String> identity(Git repository) {
        Map<String, String> fallback = new HashMap<>();
        for (String role : List.of("AUTHOR", "COMMITTER")) {
            if (!repository.tryRun("var", "GIT_" + role + "_IDENT").succeeded()) {
                fallback.put("GIT_" + role + "_NAME", FALLBACK_IDENTITY.get("GIT_" + role + "_NAME"));
                fallback.put("GIT_" + role + "_EMAIL", FALLBACK_IDENTITY.get("GIT_" + role + "_EMAIL"));
            }
        }
        return fallback;
    }
}
