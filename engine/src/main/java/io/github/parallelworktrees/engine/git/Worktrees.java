package io.github.parallelworktrees.engine.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Adds, finds and removes a repository's linked worktrees without ever losing work: an existing branch is
 * reused as it is (never deleted or reset), and a path that holds something else is refused.
 */
public final class Worktrees {

    /** One entry of {@code git worktree list --porcelain}. */
    public record Entry(Path path, String head, Optional<String> branch, boolean locked, boolean prunable) {
    }

    /** What {@link #add} did. */
    public enum Added {
        /** A new branch was made from the start point. */
        NEW_BRANCH,
        /** The branch existed (perhaps with commits): it was checked out as it is. */
        EXISTING_BRANCH,
        /** The worktree was already there on the right branch. */
        ALREADY_PRESENT
    }

    private final Git git;

    public Worktrees(Git repository) {
        this.git = repository;
    }

    public List<Entry> list() {
        List<Entry> entries = new ArrayList<>();
        Path path = null;
        String head = "";
        String branch = null;
        boolean locked = false;
        boolean prunable = false;
        for (String line : (git.run("worktree", "list", "--porcelain") + "\n").split("\n", -1)) {
            if (line.isEmpty()) {
                if (path != null) {
                    entries.add(new Entry(path, head, Optional.ofNullable(branch), locked, prunable));
                }
                path = null;
                head = "";
                branch = null;
                locked = false;
                prunable = false;
            } else if (line.startsWith("worktree ")) {
                path = Path.of(line.substring("worktree ".length()));
            } else if (line.startsWith("HEAD ")) {
                head = line.substring("HEAD ".length());
            } else if (line.startsWith("branch refs/heads/")) {
                branch = line.substring("branch refs/heads/".length());
            } else if (line.startsWith("locked")) {
                locked = true;
            } else if (line.startsWith("prunable")) {
                prunable = true;
            }
        }
        return entries;
    }

    /** The registered worktree at {@code path}, if any. */
    public Optional<Entry> at(Path path) {
        return list().stream().filter(e -> samePath(e.path(), path)).findFirst();
    }

    /** The worktree that has {@code branch} checked out, if any. */
    public Optional<Entry> holding(String branch) {
        return list().stream().filter(e -> e.branch().filter(branch::equals).isPresent()).findFirst();
    }

    /**
     * Makes {@code path} a worktree on {@code branch}. A missing branch is created from {@code startPoint};
     * an existing one is checked out untouched.
     *
     * @throws WorktreeException when the path holds something that is not this branch's worktree, or the
     *     branch is checked out elsewhere
     */
    public Added add(Path path, String branch, String startPoint) {
        Added added = git.withMetadataLock(() -> {
            List<Entry> entries = list();
            Optional<Entry> existing = entries.stream().filter(e -> samePath(e.path(), path)).findFirst();
            if (existing.isPresent() && existing.get().prunable() && !Files.exists(path)) {
                // registered but its directory is gone: forget the stale record (the branch stays)
                git.run("worktree", "prune");
                existing = Optional.empty();
            }
            Optional<String> refusal = refusal(path, branch, entries);
            if (refusal.isPresent()) {
                throw new WorktreeException(refusal.get());
            }
            if (existing.isPresent()) {
                return Added.ALREADY_PRESENT;
            }
            // --no-checkout: only the metadata change needs the repository's lock; the files are written
            // below, outside it, so several worktrees of a large repository check out in parallel
            if (git.branchExists(branch)) {
                git.run("worktree", "add", "--no-checkout", path.toString(), branch);
                return Added.EXISTING_BRANCH;
            }
            git.run("worktree", "add", "--no-checkout", "-b", branch, path.toString(), startPoint);
            return Added.NEW_BRANCH;
        });
        if (added != Added.ALREADY_PRESENT || onlyGitLink(path)) {
            populateIfUnpopulated(path);
        }
        return added;
    }

    /**
     * Checks out the files of a worktree whose index is still empty: one just added with --no-checkout, or one
     * whose checkout a killed run never finished. A worktree with any file in its index is left alone.
     */
    private static void populateIfUnpopulated(Path path) {
        Git worktree = Git.in(path);
        boolean indexEmpty = worktree.run("ls-files", "--cached").isEmpty();
        boolean treeEmpty = worktree.run("ls-tree", "--name-only", "HEAD").isEmpty();
        if (indexEmpty && !treeEmpty) {
            worktree.run("reset", "--hard", "--quiet", "HEAD");
        }
    }

    /**
     * True when the worktree holds nothing but its .git link: a checkout a killed run never started. A worktree
     * with any other file is never reset, whatever its index says, so uncommitted work in it is safe.
     */
    private static boolean onlyGitLink(Path path) {
        try (Stream<Path> children = Files.list(path)) {
            return children.allMatch(p -> p.getFileName().toString().equals(".git"));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Why {@code path} cannot be {@code branch}'s worktree, given the repository's worktrees: the path is another
     * branch's worktree, or holds something that is not a worktree, or the branch is checked out elsewhere.
     * Empty when {@link #add} may go ahead (including when the worktree is already there).
     */
    public static Optional<String> refusal(Path path, String branch, List<Entry> entries) {
        // a registration whose directory is gone holds nothing: add() prunes it
        List<Entry> live = entries.stream().filter(e -> !(e.prunable() && !Files.exists(e.path()))).toList();
        Optional<Entry> existing = live.stream().filter(e -> samePath(e.path(), path)).findFirst();
        if (existing.isPresent()) {
            if (existing.get().branch().filter(branch::equals).isPresent()) {
                return Optional.empty();
            }
            return Optional.of(path + " is already a worktree of " + existing.get().branch().orElse("a detached HEAD")
                    + ", not of branch '" + branch + "'; remove it with 'git worktree remove " + path
                    + "' or check out '" + branch + "' there");
        }
        if (Files.exists(path) && !isEmptyDirectory(path)) {
            return Optional.of(path + " exists but is not a git worktree; move it away (nothing there was touched)"
                    + " and run again");
        }
        return live.stream().filter(e -> e.branch().filter(branch::equals).isPresent()).findFirst()
                .map(holder -> "branch '" + branch + "' is already checked out at " + holder.path() + "; a branch"
                        + " can be checked out in only one worktree: switch that checkout to another branch or"
                        + " remove that worktree");
    }

    /** Removes a clean worktree; git itself refuses a dirty one. The branch is kept. */
    public void remove(Path path) {
        git.withMetadataLock(() -> git.run("worktree", "remove", path.toString()));
    }

    private static boolean isEmptyDirectory(Path path) {
        if (!Files.isDirectory(path)) {
            return false;
        }
        try (Stream<Path> children = Files.list(path)) {
            return children.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when both name the same location (symbolic links resolved where they exist). */
    public static boolean samePath(Path a, Path b) {
        return canonical(a).equals(canonical(b));
    }

    /** The path with symbolic links resolved as far as it exists (its missing tail kept as written). */
    static Path canonical(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        try {
            return absolute.toRealPath();
        } catch (IOException e) {
            Path parent = absolute.getParent();
            return parent == null ? absolute : canonical(parent).resolve(absolute.getFileName());
        }
    }
}
