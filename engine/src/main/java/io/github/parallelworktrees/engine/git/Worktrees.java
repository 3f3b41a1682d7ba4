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
            boolean onBranch = existing.flatMap(Entry::branch).filter(branch::equals).isPresent();
            if (onBranch && !git.branchExists(branch)) {
                // a worktree on a deleted branch would make the worker's next commit an unrelated root commit, and
                // pruning a gone one would drop the only record of the branch's last commit: the user decides
                throw new WorktreeException(branchDeleted(path, branch));
            }
            if (existing.isPresent() && existing.get().prunable() && Files.exists(path)) {
                // its .git file is gone: git run there would act on the enclosing repository instead
                throw new WorktreeException("worktree damaged: " + path + " has lost its .git file; run 'git worktree"
                        + " repair " + path + "' in " + git.dir() + " and resume");
            }
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
            populateIfUnpopulated(git.at(path));
        }
        return added;
    }

    /**
     * True when {@code path} is not a working worktree (its directory, its registration or its .git file is gone),
     * so that {@link #add} has to make it again.
     */
    public boolean isMissing(Path path) {
        return !Files.isDirectory(path) || at(path).filter(e -> !e.prunable()).isEmpty();
    }

    /**
     * Refuses to let work go on in the worktree at {@code path} when its {@code branch} was deleted: commits there
     * would start an unrelated history, and the branch's last commit is known only to the worktree's HEAD log.
     *
     * @throws WorktreeException naming the branch's last commit and the ways to go on
     */
    public void requireBranch(Path path, String branch) {
        if (!git.branchExists(branch)) {
            throw new WorktreeException(branchDeleted(path, branch));
        }
    }

    private String branchDeleted(Path path, String branch) {
        boolean present = Files.exists(path);
        Optional<Path> admin = adminDir(path);
        Optional<String> last = admin.flatMap(this::lastHead);
        StringBuilder message = new StringBuilder("branch '").append(branch).append("' was deleted")
                .append(present ? ", but its worktree " + path + " is still there"
                        : " and its worktree " + path + " is gone");
        if (last.isPresent()) {
            message.append("; its last commit was ").append(last.get()).append(" (see ")
                    .append(admin.get().resolve("logs").resolve("HEAD")).append("); recreate it with 'git branch ")
                    .append(branch).append(' ').append(last.get()).append("' and resume, or ");
        } else {
            message.append("; its last commit is not recorded (look for it with 'git fsck --lost-found' and"
                    + " recreate it with 'git branch ").append(branch).append(" <commit>'), or ");
        }
        message.append(present ? "remove the worktree ('git worktree remove --force " + path
                + "', which discards its uncommitted files)" : "run 'git worktree prune'")
                .append(" to start the workstream afresh");
        return message.toString();
    }

    /** The repository's admin directory (.git/worktrees/<id>) of the worktree at {@code path}, if it has one. */
    private Optional<Path> adminDir(Path path) {
        Optional<Path> linked = gitdirOf(path).filter(Files::isDirectory);
        if (linked.isPresent()) {
            return linked;
        }
        // the worktree's directory is gone: find its admin dir by the path it records
        try (Stream<Path> dirs = Files.list(git.commonDir().resolve("worktrees"))) {
            return dirs.filter(d -> {
                try {
                    Path recorded = Path.of(Files.readString(d.resolve("gitdir")).strip());
                    return samePath(recorded, path.resolve(".git"));
                } catch (IOException e) {
                    return false;
                }
            }).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The newest commit HEAD pointed to in an admin dir's HEAD log, if that commit still exists. */
    private Optional<String> lastHead(Path admin) {
        try {
            List<String> entries = Files.readAllLines(admin.resolve("logs").resolve("HEAD"));
            for (int i = entries.size() - 1; i >= 0; i--) {
                String[] fields = entries.get(i).split(" ", 3);
                if (fields.length == 3 && !fields[1].chars().allMatch(c -> c == '0')) {
                    return git.resolveCommit(fields[1]);
                }
            }
        } catch (IOException e) {
            // no log: nothing known
        }
        return Optional.empty();
    }

    /**
     * What is wrong with the worktree directory at {@code path} when its admin dir in the repository is gone: git
     * no longer knows it, so its status and commits fail. Empty when it is fine or is no worktree at all.
     */
    public static Optional<String> damage(Path path) {
        return gitdirOf(path).filter(admin -> !Files.isDirectory(admin)).map(admin -> "worktree damaged: its admin"
                + " dir " + shortAdmin(admin) + " is missing, so git no longer knows " + path + "; move " + path
                + " aside (copy out any uncommitted files you want) and 'pwt resume': it recreates the worktree from"
                + " its branch");
    }

    /** The admin dir a worktree's .git file names ({@code gitdir: ...}), if it is such a file. */
    private static Optional<Path> gitdirOf(Path path) {
        Path link = path.resolve(".git");
        if (!Files.isRegularFile(link)) {
            return Optional.empty();
        }
        try {
            String text = Files.readString(link).strip();
            if (!text.startsWith("gitdir:")) {
                return Optional.empty();
            }
            return Optional.of(path.resolve(text.substring("gitdir:".length()).strip()).normalize());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** ".git/worktrees/<id>" for the usual layout, the whole path otherwise. */
    private static String shortAdmin(Path admin) {
        Path worktrees = admin.getParent();
        Path common = worktrees == null ? null : worktrees.getParent();
        if (common != null && common.getFileName() != null && common.getFileName().toString().equals(".git")
                && worktrees.getFileName().toString().equals("worktrees")) {
            return ".git/worktrees/" + admin.getFileName();
        }
        return admin.toString();
    }

    /**
     * Checks out the files of a worktree whose index is still empty: one just added with --no-checkout, or one
     * whose checkout a killed run never finished. A worktree with any file in its index is left alone.
     */
    private static void populateIfUnpopulated(Git worktree) {
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
        Optional<String> damaged = damage(path);
        if (damaged.isPresent()) {
            return damaged;
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
