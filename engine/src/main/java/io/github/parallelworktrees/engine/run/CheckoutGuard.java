package io.github.parallelworktrees.engine.run;

import io.github.parallelworktrees.engine.git.Git;
import io.github.parallelworktrees.engine.ledger.RunLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Notices when the user's main checkout (HEAD, the index, tracked and untracked files) changed between two
 * moments, such as before and after a worker ran: the one place a worker must never write. It only reads:
 * {@code git status} runs without taking the index lock, and nothing is ever undone.
 */
final class CheckoutGuard {

    private static final int NAMES_SHOWN = 5;

    /**
     * The main checkout at one moment.
     *
     * @param branch the branch HEAD names, or "(detached)"
     * @param commit the commit HEAD points to, or "(initial)" before the first commit
     * @param files per changed, staged or untracked file, its status line and, where the working tree differs
     *     from the index, the file's size and modification time (a write changes them without reading the file)
     */
    record Snapshot(String branch, String commit, Map<String, String> files) {
    }

    private final Git git;

    /** @param git git in the repository's main checkout */
    CheckoutGuard(Git git) {
        this.git = git;
    }

    /** Reads the main checkout's state; throws {@link io.github.parallelworktrees.engine.git.GitException}. */
    Snapshot snapshot() {
        String branch = "(detached)";
        String commit = "(initial)";
        Map<String, String> files = new TreeMap<>();
        // --no-renames: a rename is its two paths, each compared on its own
        String out = git.run("status", "--porcelain=v2", "--branch", "-z", "--untracked-files=all", "--no-renames");
        for (String entry : out.split("\0")) {
            if (entry.startsWith("# branch.oid ")) {
                commit = entry.substring("# branch.oid ".length());
            } else if (entry.startsWith("# branch.head ")) {
                branch = entry.substring("# branch.head ".length());
            } else if (entry.startsWith("1 ") || entry.startsWith("u ") || entry.startsWith("? ")) {
                // "1 XY sub mH mI mW hH hI path", "u XY sub m1 m2 m3 mW h1 h2 h3 path", "? path"
                int fields = entry.charAt(0) == '1' ? 8 : entry.charAt(0) == 'u' ? 10 : 1;
                int at = nthSpace(entry, fields);
                String path = entry.substring(at + 1);
                if (path.startsWith(RunLayout.WORKTREES_DIR + "/")) {
                    continue;
                }
                String status = entry.substring(0, at);
                boolean workingTreeDiffers = entry.charAt(0) == '?' || status.charAt(3) != '.';
                files.put(path, workingTreeDiffers ? status + " " + written(path) : status);
            }
        }
        return new Snapshot(branch, commit, files);
    }

    /**
     * How the checkout changed from {@code before} to {@code after}, e.g. "HEAD (main) moved from 1a2b3c4d5e6f
     * to 7a8b9c0d1e2f; files a.txt, b.txt changed", or empty when it did not.
     */
    Optional<String> changes(Snapshot before, Snapshot after) {
        List<String> parts = new ArrayList<>();
        Set<String> changed = new TreeSet<>();
        if (!before.branch().equals(after.branch()) || !before.commit().equals(after.commit())) {
            parts.add(before.branch().equals(after.branch())
                    ? "HEAD (" + after.branch() + ") moved from " + shortId(before.commit()) + " to "
                            + shortId(after.commit())
                    : "HEAD moved from " + before.branch() + " at " + shortId(before.commit()) + " to "
                            + after.branch() + " at " + shortId(after.commit()));
            if (git.resolveCommit(before.commit()).isPresent() && git.resolveCommit(after.commit()).isPresent()) {
                changed.addAll(git.lines("diff", "--name-only", "--no-renames", before.commit(), after.commit()));
            }
        }
        Set<String> paths = new HashSet<>(before.files().keySet());
        paths.addAll(after.files().keySet());
        for (String path : paths) {
            if (!String.valueOf(before.files().get(path)).equals(String.valueOf(after.files().get(path)))) {
                changed.add(path);
            }
        }
        if (!changed.isEmpty()) {
            List<String> names = new ArrayList<>(changed);
            String shown = String.join(", ", names.subList(0, Math.min(NAMES_SHOWN, names.size())))
                    + (names.size() > NAMES_SHOWN ? " and " + (names.size() - NAMES_SHOWN) + " more" : "");
            parts.add((names.size() == 1 ? "file " : "files ") + shown + " changed");
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", parts));
    }

    /** The file's size and modification time, or "gone" when it is not there (any more). */
    private String written(String path) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(git.dir().resolve(path), BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            return attributes.size() + "@" + attributes.lastModifiedTime().toInstant();
        } catch (IOException e) {
            return "gone";
        }
    }

    private static int nthSpace(String entry, int n) {
        int at = -1;
        for (int i = 0; i < n; i++) {
            at = entry.indexOf(' ', at + 1);
        }
        return at;
    }

    private static String shortId(String commit) {
        return commit.length() > 12 && commit.chars().allMatch(c -> Character.digit(c, 16) >= 0)
                ? commit.substring(0, 12) : commit;
    }
}
