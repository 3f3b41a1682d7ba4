package io.github.parallelworktrees.engine.cleanup;

import io.github.parallelworktrees.engine.brief.TasksFile;
import io.github.parallelworktrees.engine.git.Git;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a worktree holds that no commit keeps, so that removing the worktree would lose it without a word from git:
 * git-ignored files (pwt's own briefs and reports aside), nested git repositories (git sees only a directory, or
 * commits a bare gitlink), changes to files marked skip-worktree or assume-unchanged (git status hides them), and
 * a .env that is not the one pwt wrote (the user's settings).
 *
 * @param ignored git-ignored files, relative to the worktree
 * @param nested nested repositories (not submodules), relative to the worktree, each ending in "/"
 * @param hidden changed files that git status does not show (skip-worktree or assume-unchanged)
 * @param dotEnv ".env" when it differs from the one pwt wrote
 */
record Leftovers(List<String> ignored, List<String> nested, List<String> hidden, Optional<String> dotEnv) {

    private static final String DOT_ENV = ".env";

    /** Files pwt itself writes into a worktree and keeps elsewhere (results are collected, the brief is the plan's). */
    private static final Set<String> PWTS_OWN = Set.of(TasksFile.NAME, TasksFile.RESULTS, TasksFile.COMPLETE_MARKER,
            DOT_ENV);

    /**
     * Looks through the worktree {@code git} runs in.
     *
     * @param expectedDotEnv the .env pwt writes there, if it writes one
     */
    static Leftovers in(Git git, Optional<String> expectedDotEnv) {
        Path worktree = git.dir();
        List<String> ignored = new ArrayList<>();
        List<String> nested = new ArrayList<>();
        // git does not descend into a nested repository: it lists it as one directory, "path/"
        for (String path : nul(git.run("ls-files", "-z", "--others", "--exclude-standard"))) {
            if (path.endsWith("/")) {
                nested.add(path);
            }
        }
        for (String path : nul(git.run("ls-files", "-z", "--others", "--ignored", "--exclude-standard"))) {
            if (path.endsWith("/")) {
                nested.add(path);
            } else if (!PWTS_OWN.contains(path)) {
                ignored.add(path);
            }
        }
        return new Leftovers(ignored, nested, hidden(git), editedDotEnv(worktree, expectedDotEnv));
    }

    /** True when the worktree holds nothing git would not keep. */
    boolean none() {
        return ignored.isEmpty() && nested.isEmpty() && hidden.isEmpty() && dotEnv.isEmpty();
    }

    /** Every path this names, relative to the worktree. */
    List<String> paths() {
        List<String> paths = new ArrayList<>(ignored);
        paths.addAll(nested);
        paths.addAll(hidden);
        dotEnv.ifPresent(paths::add);
        return paths;
    }

    /** One clause per kind found, e.g. "2 git-ignored file(s) (config.local, build/out.txt)". */
    List<String> describe() {
        List<String> clauses = new ArrayList<>();
        if (!ignored.isEmpty()) {
            clauses.add(ignored.size() + " git-ignored file(s) (" + some(ignored) + ")");
        }
        if (!nested.isEmpty()) {
            clauses.add(nested.size() + " nested git repository(ies) (" + some(nested) + "), not submodules, so no"
                    + " commit of this branch holds them");
        }
        if (!hidden.isEmpty()) {
            clauses.add(hidden.size() + " changed file(s) marked skip-worktree or assume-unchanged, which git status"
                    + " does not show (" + some(hidden) + ")");
        }
        dotEnv.ifPresent(env -> clauses.add(env + " differs from what pwt wrote there (your settings)"));
        return clauses;
    }

    /** Copies everything named into {@code archive}, at the same relative paths (a nested repository whole). */
    void copyInto(Path worktree, Path archive) {
        try {
            for (String path : paths()) {
                Path from = worktree.resolve(path);
                if (!Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                try (Stream<Path> walk = Files.walk(from)) {
                    for (Path source : walk.toList()) {
                        Path target = archive.resolve(worktree.relativize(source).toString());
                        if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
                            Files.createDirectories(target);
                        } else {
                            Files.createDirectories(target.getParent());
                            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING,
                                    StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy what " + worktree + " holds outside git into " + archive
                    + "; nothing was removed", e);
        }
    }

    /**
     * Files marked skip-worktree ("S") or assume-unchanged (a lower-case tag) whose content differs from the index.
     * A skip-worktree file that is absent is how sparse checkouts look, not a change.
     */
    private static List<String> hidden(Git git) {
        List<String> flagged = new ArrayList<>();
        for (String entry : nul(git.run("ls-files", "-z", "-v"))) {
            char tag = entry.charAt(0);
            if (entry.length() > 2 && (tag == 'S' || Character.isLowerCase(tag))) {
                flagged.add(entry.substring(2));
            }
        }
        if (flagged.isEmpty()) {
            return List.of();
        }
        Map<String, String> blobs = new HashMap<>();
        for (String entry : nul(git.run("ls-files", "-z", "-s"))) {
            int tab = entry.indexOf('\t');
            String[] meta = entry.substring(0, Math.max(tab, 0)).split(" ");
            if (tab > 0 && meta.length == 3) {
                blobs.put(entry.substring(tab + 1), meta[1]);
            }
        }
        List<String> changed = new ArrayList<>();
        for (String path : flagged) {
            Path file = git.dir().resolve(path);
            if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                    && !git.run("hash-object", "--", path).equals(blobs.get(path))) {
                changed.add(path);
            }
        }
        return changed;
    }

    private static Optional<String> editedDotEnv(Path worktree, Optional<String> expected) {
        Path env = worktree.resolve(DOT_ENV);
        try {
            if (!Files.isRegularFile(env, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            boolean pwts = expected.isPresent() && Files.readString(env).equals(expected.get());
            return pwts ? Optional.empty() : Optional.of(DOT_ENV);
        } catch (IOException e) {
            return Optional.of(DOT_ENV); // unreadable as text: not known to be pwt's
        }
    }

    private static List<String> nul(String output) {
        List<String> items = new ArrayList<>();
        for (String item : output.split("\0")) {
            if (!item.isEmpty()) {
                items.add(item);
            }
        }
        return items;
    }

    private static String some(List<String> items) {
        return String.join(", ", items.subList(0, Math.min(3, items.size()))) + (items.size() > 3 ? ", ..." : "");
    }
}
