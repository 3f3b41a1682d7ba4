package io.github.parallelworktrees.engine.planner;

import io.github.parallelworktrees.engine.git.Git;
import io.github.parallelworktrees.engine.process.ProcessResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What {@code git status} and HEAD say about a repository, with the content of every file they name, so that
 * anything a planner changed is found, even in a file the user had already changed: a path that was clean
 * before and is listed after, or listed before and clean (or different) after, was touched. Ignored files are
 * not looked at, as git status does not list them.
 */
final class WorkingTreeSnapshot {

    private static final String CLEAN = "(unchanged from HEAD)";
    private static final String ABSENT = "(absent)";

    private final Optional<String> head;
    private final String branch;
    private final Map<String, String> listed;

    private WorkingTreeSnapshot(Optional<String> head, String branch, Map<String, String> listed) {
        this.head = head;
        this.branch = branch;
        this.listed = listed;
    }

    static WorkingTreeSnapshot take(Git git) {
        Map<String, String> listed = new TreeMap<>();
        for (String path : listedPaths(git)) {
            listed.put(path, fingerprint(git.dir().resolve(path)));
        }
        ProcessResult symbolic = git.tryRun("symbolic-ref", "--quiet", "HEAD");
        return new WorkingTreeSnapshot(git.resolveCommit("HEAD"),
                symbolic.succeeded() ? symbolic.stdout().strip() : "(detached)", listed);
    }

    /**
     * What changed since this snapshot, as paths relative to the repository (and "HEAD ..." when a commit was
     * made or the branch switched), leaving out {@code allowed} (the plan file).
     */
    List<String> changesSince(Git git, Optional<String> allowed) {
        WorkingTreeSnapshot now = take(git);
        TreeSet<String> changed = new TreeSet<>();
        TreeSet<String> paths = new TreeSet<>(listed.keySet());
        paths.addAll(now.listed.keySet());
        for (String path : paths) {
            String before = listed.getOrDefault(path, CLEAN);
            String after = now.listed.getOrDefault(path, CLEAN);
            if (!before.equals(after) && allowed.filter(path::equals).isEmpty()) {
                changed.add(path);
            }
        }
        List<String> result = new java.util.ArrayList<>(changed);
        if (!now.head.equals(head) || !now.branch.equals(branch)) {
            result.add(0, "HEAD (was " + head.orElse("no commit") + " on " + branch + ", is "
                    + now.head.orElse("no commit") + " on " + now.branch + ")");
        }
        return result;
    }

    /** Every path git status lists (untracked files one by one; both sides of a rename). */
    private static List<String> listedPaths(Git git) {
        String out = git.run("-c", "core.quotePath=false", "status", "--porcelain=v1", "-z",
                "--untracked-files=all", "--ignore-submodules=none");
        List<String> paths = new java.util.ArrayList<>();
        String[] entries = out.split("\0");
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i];
            if (entry.length() < 4) {
                continue;
            }
            paths.add(entry.substring(3));
            char x = entry.charAt(0);
            if ((x == 'R' || x == 'C') && i + 1 < entries.length) {
                paths.add(entries[++i]);
            }
        }
        return paths;
    }

    private static String fingerprint(Path file) {
        try {
            if (Files.isSymbolicLink(file)) {
                return "link:" + Files.readSymbolicLink(file);
            }
            if (!Files.exists(file)) {
                return ABSENT;
            }
            if (Files.isDirectory(file)) {
                return "directory";
            }
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " to see whether the planner changed it", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
