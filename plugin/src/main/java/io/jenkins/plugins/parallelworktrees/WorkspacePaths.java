package io.jenkins.plugins.parallelworktrees;

import hudson.AbortException;
import hudson.FilePath;
import hudson.slaves.WorkspaceList;
import io.github.parallelworktrees.engine.git.Git;
import io.github.parallelworktrees.engine.process.Environment;
import io.github.parallelworktrees.engine.process.ProcessResult;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Resolves the paths a Pipeline names (plan, dir, baseline) and refuses any that leave the workspace: a step
 * runs with the agent's rights, so {@code plan: '../../other-job/secrets.yaml'} must not work. Checked twice: by
 * form validation on the text alone, and at run time on the agent against the real files, symbolic links included.
 *
 * <p>A relative path is relative to the step's current directory (inside {@code dir} or a mergeWave body, not the
 * workspace's top); an absolute one, such as {@code "${env.WORKSPACE}/baseline/jacoco.xml"}, is allowed when it
 * lies inside the workspace.
 */
public final class WorkspacePaths {

    private WorkspacePaths() {
    }

    /**
     * What is wrong with {@code path}, judged on the text alone as a path from the workspace's top; empty when
     * nothing is. An absolute path can only be judged at run time.
     */
    public static Optional<String> problem(String path) {
        if (path == null || path.isBlank()) {
            return Optional.of("is empty; give a path relative to the workspace");
        }
        String p = path.strip().replace('\\', '/');
        if (p.startsWith("/") || p.matches("^[A-Za-z]:/.*")) {
            return Optional.empty();
        }
        if (p.startsWith("~")) {
            return Optional.of("starts with ~, which is not expanded; give a path relative to the workspace");
        }
        int depth = 0;
        for (String part : p.split("/")) {
            if (part.equals("..")) {
                if (--depth < 0) {
                    return Optional.of("leaves the workspace; give a path inside it");
                }
            } else if (!part.isEmpty() && !part.equals(".")) {
                depth++;
            }
        }
        return Optional.empty();
    }

    /**
     * The workspace a step's paths must stay in: the node's workspace ({@code WORKSPACE}) when the current
     * directory lies inside it (a {@code dir} block, a mergeWave body), else the current directory itself.
     */
    public static Path root(Path cwd, String workspaceVariable) {
        if (workspaceVariable == null || workspaceVariable.isBlank()) {
            return realPath(cwd);
        }
        Path workspace = realPath(Path.of(workspaceVariable));
        return realPath(cwd).startsWith(workspace) ? workspace : realPath(cwd);
    }

    /**
     * {@code path} resolved from {@code cwd}, refused when it lies outside {@code root}, also through a symbolic
     * link.
     *
     * @param what the parameter's name, for the message ("plan", "dir")
     * @throws AbortException naming the parameter and its value
     */
    public static Path resolve(Path root, Path cwd, String path, String what) throws AbortException {
        if (path == null || path.isBlank()) {
            throw new AbortException(what + " is empty; give a path relative to the workspace");
        }
        Path given = Path.of(path.strip());
        Path resolved = (given.isAbsolute() ? given : cwd.resolve(given)).normalize();
        if (!realPath(resolved).startsWith(realPath(root))) {
            throw new AbortException(what + " '" + path + "' leads outside the workspace " + root
                    + "; give a path inside it");
        }
        return resolved;
    }

    /**
     * The top level of the git repository that holds {@code start}, which must lie inside {@code root}.
     *
     * @throws AbortException when {@code start} is not in a git repository, or the repository is larger than the
     *     workspace (a step must not change files outside it)
     */
    public static Path repository(Path root, Path start, Environment environment) throws AbortException {
        Path dir = Files.isDirectory(start) ? start : start.getParent();
        ProcessResult top = Git.in(dir, environment).tryRun("rev-parse", "--show-toplevel");
        if (!top.succeeded()) {
            throw new AbortException(dir + " is not inside a git repository; check the repository out into the"
                    + " workspace first (checkout scm, or git clone)");
        }
        Path repository = realPath(Path.of(top.stdout().strip()));
        if (!repository.startsWith(realPath(root))) {
            throw new AbortException("the git repository of " + start + " is " + repository + ", which is larger"
                    + " than the workspace " + root + "; check the repository out into the workspace itself");
        }
        return repository;
    }

    /** A plan file inside the workspace, and the git repository that holds it. */
    record PlanFile(Path path, Path repository) {
    }

    /**
     * The plan a step names, from its directory {@code dir} on the agent: {@link #resolve resolved} inside the
     * workspace ({@link #root}), with its {@link #repository}.
     */
    static PlanFile planFile(File dir, String workspaceVariable, String plan, Environment environment)
            throws IOException {
        Path cwd = dir.toPath().toRealPath();
        Path root = root(cwd, workspaceVariable);
        Path planFile = resolve(root, cwd, plan, "plan");
        return new PlanFile(planFile, repository(root, planFile, environment));
    }

    /**
     * The temporary directory Jenkins keeps beside {@code workspace} ({@code <workspace>@tmp}), for files a step
     * must not leave in the workspace itself.
     *
     * @throws AbortException when the workspace has no directory above it ({@code dir('/')}, an agent whose remote
     *     root is {@code /}), naming it and saying where to run the step instead
     */
    static FilePath tempDir(FilePath workspace) throws AbortException {
        // jenkins 2.504.3 hudson/slaves/WorkspaceList.java:311-314, tempDir is @CheckForNull: it is
        // ws.sibling(name + "@tmp"), null when FilePath.getParent() is (FilePath.java:1517-1520, 1543-1551).
        FilePath tmp = WorkspaceList.tempDir(workspace);
        if (tmp == null) {
            throw new AbortException(noTempDir(workspace.getRemote()));
        }
        return tmp;
    }

    /** Why a step cannot run in {@code workspace}, a path with no directory above it, and what to do. */
    static String noTempDir(String workspace) {
        return "the workspace '" + workspace + "' has no directory above it, so Jenkins keeps no temporary directory"
                + " beside it (" + workspace + "@tmp); run the step in a directory below it, for example inside"
                + " dir('build') { ... } or ws('/var/tmp/pwt') { ... }";
    }

    /** The path with every symbolic link of its existing part resolved. */
    static Path realPath(Path path) {
        Path existing = path.toAbsolutePath().normalize();
        Path rest = existing.getFileSystem().getPath("");
        while (existing != null && !Files.exists(existing)) {
            Path name = existing.getFileName();
            if (name == null) {
                // a root that does not exist (a Windows drive that is not there): nothing to resolve
                return path.toAbsolutePath().normalize();
            }
            rest = name.resolve(rest);
            existing = existing.getParent();
        }
        if (existing == null) {
            return path.toAbsolutePath().normalize();
        }
        try {
            return existing.toRealPath().resolve(rest).normalize();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }
}
