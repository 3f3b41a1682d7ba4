package io.jenkins.plugins.parallelworktrees;

import hudson.AbortException;
import io.github.parallelworktrees.engine.git.Git;
import io.github.parallelworktrees.engine.process.ProcessResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Carries a branch from one workspace to another as a git bundle archived with the build: a worker's branch
 * made on a {@code claude} agent reaches the merge on another agent without a push. A bundle holds only the
 * commits the workspace's checkout (HEAD) lacks, so it stays small and any checkout of the same commit can
 * fetch it.
 */
final class BranchBundles {

    private BranchBundles() {
    }

    /**
     * Writes the commits of {@code branch} that HEAD does not have into {@code file}.
     *
     * @return false, and no file, when the branch has no such commits (there is nothing to carry)
     */
    static boolean create(Git repository, String branch, Path file) throws IOException {
        Path folder = file.getParent();
        if (folder != null) { // a bare file name lies in the current directory, which exists
            Files.createDirectories(folder);
        }
        Files.deleteIfExists(file);
        ProcessResult result = repository.tryRun("bundle", "create", "--quiet", file.toString(),
                "HEAD..refs/heads/" + branch);
        if (result.succeeded()) {
            return true;
        }
        if (result.stderr().contains("empty bundle")) {
            return false;
        }
        throw new AbortException("cannot bundle branch " + branch + ": " + firstLine(result.stderr()));
    }

    /**
     * Fetches {@code branch} from {@code bundle} into the repository's branch of the same name; a branch that
     * exists already only moves forward (fetch refuses anything else, so no local commit is lost).
     */
    static void fetch(Git repository, Path bundle, String branch) throws IOException {
        String ref = "refs/heads/" + branch;
        ProcessResult result = repository.tryRun("fetch", "--quiet", bundle.toString(), ref + ":" + ref);
        if (!result.succeeded()) {
            throw new AbortException("cannot bring branch " + branch + " from the build's " + bundle.getFileName()
                    + ": " + firstLine(result.stderr()) + (result.stderr().contains("prerequisite")
                    ? " (the bundle was made from another commit: check out the same commit as the step that"
                    + " made it)" : ""));
        }
    }

    private static String firstLine(String text) {
        String stripped = text.strip();
        int newline = stripped.indexOf('\n');
        return newline < 0 ? stripped : stripped.substring(0, newline);
    }
}
