package io.github.parallelworktrees.engine.git;

import io.github.parallelworktrees.engine.process.ProcessTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Recovers from the lock files a killed git leaves behind, which make every later git command on the same index or
 * ref fail ("Unable to create '.../index.lock': File exists"). Only pwt's own are looked at: the admin directories
 * of the worktrees under {@code .worktrees/<feature>/} ({@code index.lock}, {@code HEAD.lock}, ..., and the
 * "initializing" lock of an interrupted {@code git worktree add}) and the refs of the feature's branches. A lock is
 * stale only when no git process is running in the repository (any of its worktrees) and it is older than
 * {@link #MIN_AGE}; otherwise it is left alone and said so.
 */
public final class StaleLocks {

    /** A younger lock may belong to a git that is just starting, which a scan of processes could miss. */
    static final Duration MIN_AGE = Duration.ofSeconds(5);

    /** What {@code git worktree add} writes into its {@code locked} file until its checkout is done. */
    private static final String INITIALIZING = "initializing";

    /** A linked worktree's admin directory ({@code .git/worktrees/<id>}) and the worktree it names. */
    private record AdminDir(Path dir, Path worktree) {
    }

    private final Git repo;
    private final Path repository;
    private final Consumer<String> say;

    private StaleLocks(Git repo, Path repository, Consumer<String> say) {
        this.repo = repo;
        this.repository = repository;
        this.say = say;
    }

    /**
     * Removes the stale locks of the feature's worktrees and of {@code branches} (its workstream branches and its
     * integration branch), unlocks an interrupted {@code git worktree add} whose checkout is complete and removes
     * one that holds no files of its own. Each thing done, or left and why, is said in one line.
     *
     * @param repository the repository's top level
     * @param runRoot the feature's run folder, under which its worktrees are
     * @return the lines said
     */
    public static List<String> recover(Git repo, Path repository, Path runRoot, Collection<String> branches,
            Consumer<String> say) {
        List<String> said = new ArrayList<>();
        new StaleLocks(repo, repository, line -> {
            said.add(line);
            say.accept(line);
        }).recover(Worktrees.canonical(runRoot), branches);
        return said;
    }

    private void recover(Path scope, Collection<String> branches) {
        Path common = repo.commonDir();
        List<AdminDir> admins = adminDirs(common);
        List<AdminDir> ours = admins.stream().filter(a -> Worktrees.canonical(a.worktree()).startsWith(scope))
                .toList();
        List<Path> locks = new ArrayList<>();
        for (AdminDir admin : ours) {
            locks.addAll(lockFiles(admin.dir()));
        }
        for (String branch : new LinkedHashSet<>(branches)) {
            Path lock = common.resolve("refs").resolve("heads").resolve(branch + ".lock");
            if (Files.isRegularFile(lock)) {
                locks.add(lock);
            }
        }
        List<AdminDir> initializing = ours.stream().filter(StaleLocks::initializing).toList();
        if (locks.isEmpty() && initializing.isEmpty()) {
            return;
        }
        Set<Path> roots = new LinkedHashSet<>();
        roots.add(Worktrees.canonical(repository));
        roots.add(Worktrees.canonical(common));
        admins.forEach(a -> roots.add(Worktrees.canonical(a.worktree())));
        Optional<ProcessTable.Entry> owner = liveGit(roots);
        if (owner.isPresent()) {
            say.accept("left git's lock files in place (" + names(locks, initializing) + "): git is running in this"
                    + " repository (pid " + owner.get().pid() + ": " + owner.get().commandLine()
                    + "); if a later git command fails on one of them, wait for that git to end and run again");
            return;
        }
        for (Path lock : locks) {
            if (oldEnough(lock)) {
                delete(lock);
                say.accept("removed the stale git lock " + shown(lock) + " (left by a killed git; no git is running"
                        + " in this repository)");
            }
        }
        for (AdminDir admin : initializing) {
            if (oldEnough(admin.dir().resolve("locked"))) {
                recoverInterruptedAdd(admin);
            }
        }
    }

    /**
     * An interrupted {@code git worktree add} left its worktree locked "initializing": unlocked when its checkout
     * is complete, removed when it holds no files of its own (the branch stays), left locked otherwise.
     */
    private void recoverInterruptedAdd(AdminDir admin) {
        Path tree = admin.worktree();
        String name = shown(tree);
        if (checkoutComplete(admin)) {
            repo.withMetadataLock(() -> repo.run("worktree", "unlock", tree.toString()));
            say.accept("unlocked the worktree " + name + ": its 'git worktree add' was interrupted after its checkout"
                    + " was complete");
            return;
        }
        List<String> own = filesOfItsOwn(tree);
        if (!own.isEmpty()) {
            say.accept("left the worktree " + name + " locked ('initializing': its 'git worktree add' was"
                    + " interrupted): its checkout is not complete and it holds files of its own ("
                    + String.join(", ", own.subList(0, Math.min(3, own.size()))) + (own.size() > 3 ? ", ..." : "")
                    + "); keep what you need, then run 'git worktree unlock " + tree + "'");
            return;
        }
        removeHalfMade(tree);
        say.accept("removed the half-made worktree " + name + " (its 'git worktree add' was interrupted; it held no"
                + " files of its own; its branch, if any, is kept)");
    }

    /** HEAD names a commit, the index exists and the tracked files match HEAD. */
    private boolean checkoutComplete(AdminDir admin) {
        Path tree = admin.worktree();
        if (!Files.isRegularFile(tree.resolve(".git")) || !Files.isRegularFile(admin.dir().resolve("index"))) {
            return false;
        }
        Git git = repo.at(tree);
        return git.resolveCommit("HEAD").isPresent()
                && git.tryRun("status", "--porcelain", "--untracked-files=no").stdout().isBlank();
    }

    /**
     * The files in {@code tree} that are not copies of HEAD's (a half-made checkout writes only those). Without
     * its .git link git cannot tell, so then every file counts.
     */
    private List<String> filesOfItsOwn(Path tree) {
        List<Path> files = files(tree);
        if (files.isEmpty()) {
            return List.of();
        }
        Git git = repo.at(tree);
        Map<String, String> head = new HashMap<>();
        if (Files.isRegularFile(tree.resolve(".git")) && git.resolveCommit("HEAD").isPresent()) {
            for (String entry : git.run("ls-tree", "-r", "-z", "--full-tree", "HEAD").split("\0")) {
                int tab = entry.indexOf('\t');
                String[] meta = tab < 0 ? new String[0] : entry.substring(0, tab).split(" ");
                if (meta.length == 3) {
                    head.put(entry.substring(tab + 1), meta[2]);
                }
            }
        }
        List<String> own = new ArrayList<>();
        for (Path file : files) {
            String relative = tree.relativize(file).toString();
            String blob = head.get(relative);
            if (blob == null || Files.isSymbolicLink(file)
                    || !blob.equals(git.run("hash-object", "--", relative))) {
                own.add(relative);
            }
        }
        return own;
    }

    private void removeHalfMade(Path tree) {
        repo.withMetadataLock(() -> {
            if (Files.isRegularFile(tree.resolve(".git"))
                    && repo.tryRun("worktree", "remove", "--force", "--force", tree.toString()).succeeded()) {
                return null;
            }
            // no .git link (killed before git wrote it): git cannot remove it, but forgets it once it is gone
            repo.run("worktree", "unlock", tree.toString());
            deleteTree(tree);
            repo.run("worktree", "prune");
            return null;
        });
    }

    /** The first live git process whose working directory, arguments or GIT_DIR lie in one of {@code roots}. */
    static Optional<ProcessTable.Entry> liveGit(Set<Path> roots) {
        for (ProcessTable.Entry process : ProcessTable.snapshot()) {
            if (process.isGit() && process.pid() != ProcessHandle.current().pid()
                    && pathsOf(process).stream().anyMatch(p -> roots.stream().anyMatch(p::startsWith))) {
                return Optional.of(process);
            }
        }
        return Optional.empty();
    }

    private static List<Path> pathsOf(ProcessTable.Entry process) {
        List<String> texts = new ArrayList<>();
        for (String arg : process.args()) {
            // --git-dir=PATH, --work-tree=PATH, -C PATH, or a path argument
            texts.add(arg.startsWith("--") && arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : arg);
        }
        Map<String, String> env = ProcessTable.environment(process.pid());
        for (String key : List.of("GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR", "GIT_INDEX_FILE")) {
            if (env.containsKey(key)) {
                texts.add(env.get(key));
            }
        }
        List<Path> paths = new ArrayList<>();
        process.cwd().ifPresent(paths::add);
        for (String text : texts) {
            try {
                Path path = Path.of(text);
                if (path.isAbsolute()) {
                    paths.add(Worktrees.canonical(path));
                } else if (process.cwd().isPresent() && !text.isEmpty()) {
                    paths.add(Worktrees.canonical(process.cwd().get().resolve(path)));
                }
            } catch (RuntimeException notAPath) {
                // an argument that is no path at all (a message, a revision)
            }
        }
        return paths;
    }

    private static List<AdminDir> adminDirs(Path common) {
        List<AdminDir> admins = new ArrayList<>();
        Path worktrees = common.resolve("worktrees");
        if (!Files.isDirectory(worktrees)) {
            return admins;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(worktrees, Files::isDirectory)) {
            for (Path dir : dirs) {
                Path gitdir = dir.resolve("gitdir");
                if (Files.isRegularFile(gitdir)) {
                    // gitdir holds the path of the worktree's .git link, relative to the admin dir if not absolute
                    Path link = dir.resolve(Files.readString(gitdir, StandardCharsets.UTF_8).strip()).normalize();
                    if (link.getParent() != null) {
                        admins.add(new AdminDir(dir, link.getParent()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read git's worktree records in " + worktrees, e);
        }
        return admins;
    }

    private static List<Path> lockFiles(Path adminDir) {
        try (Stream<Path> files = Files.list(adminDir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".lock") && Files.isRegularFile(f))
                    .sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static boolean initializing(AdminDir admin) {
        Path locked = admin.dir().resolve("locked");
        try {
            return Files.isRegularFile(locked)
                    && Files.readString(locked, StandardCharsets.UTF_8).strip().equals(INITIALIZING);
        } catch (IOException e) {
            return false;
        }
    }

    private boolean oldEnough(Path file) {
        try {
            FileTime modified = Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS);
            Duration age = Duration.between(modified.toInstant(), Instant.now());
            if (age.compareTo(MIN_AGE) >= 0) {
                return true;
            }
            say.accept("left the git lock " + shown(file) + " in place: it is only " + Math.max(0, age.toMillis())
                    + " ms old, so its git may be starting; if a later git command fails on it, run again");
            return false;
        } catch (IOException gone) {
            return false; // its git removed it meanwhile
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the stale git lock " + file + "; remove it by hand", e);
        }
    }

    private static List<Path> files(Path tree) {
        if (!Files.isDirectory(tree)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(tree)) {
            return walk.filter(p -> !p.equals(tree) && !p.startsWith(tree.resolve(".git"))
                    && !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + tree, e);
        }
    }

    private static void deleteTree(Path tree) {
        if (!Files.exists(tree, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(tree)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the half-made worktree " + tree, e);
        }
    }

    private String names(List<Path> locks, List<AdminDir> initializing) {
        List<String> names = new ArrayList<>();
        locks.forEach(l -> names.add(shown(l)));
        initializing.forEach(a -> names.add(shown(a.dir().resolve("locked"))));
        return String.join(", ", names);
    }

    /** A path as the user knows it: relative to the repository when inside it. */
    private String shown(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(repository) ? repository.relativize(absolute).toString() : absolute.toString();
    }
}
