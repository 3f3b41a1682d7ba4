package io.github.parallelworktrees.engine.plan;

import io.github.parallelworktrees.engine.git.Git;
import io.github.parallelworktrees.engine.git.GitException;
import io.github.parallelworktrees.engine.process.ProcessResult;
import java.util.List;

/** The branch (or commit) a plan's workstreams start from, and the commit it names. */
public final class Bases {

    private Bases() {
    }

    /**
     * The commit the workstreams start from.
     *
     * @param base the plan's base branch, or null for the default ({@link #defaultName})
     */
    public static String commit(Git repo, String base) {
        if (repo.resolveCommit("HEAD").isEmpty()) {
            throw noCommits(repo);
        }
        String name = base != null ? base : defaultName(repo);
        return repo.resolveCommit("refs/heads/" + name).or(() -> repo.resolveCommit(name)).orElseThrow(() -> {
            List<String> branches = repo.lines("for-each-ref", "--format=%(refname:short)", "refs/heads/");
            return new PlanException("base branch '" + name + "' does not exist in " + repo.dir()
                    + Suggestions.didYouMean(name, branches) + "; set 'base:' in the plan to one of: "
                    + String.join(", ", branches));
        });
    }

    /**
     * The plan's default base: the branch the main checkout is on, or, on a detached HEAD, the commit checked out.
     * CI checkouts (Jenkins' {@code checkout scm}) detach HEAD at the commit being built, which is then the base.
     */
    public static String defaultName(Git repo) {
        ProcessResult result = repo.tryRun("symbolic-ref", "--quiet", "--short", "HEAD");
        if (result.succeeded()) {
            return result.stdout().strip();
        }
        return repo.resolveCommit("HEAD").orElseThrow(() -> noCommits(repo));
    }

    private static GitException noCommits(Git repo) {
        return new GitException(List.of("rev-parse", "HEAD"), "repository " + repo.dir()
                + " has no commits yet; workstreams branch from a commit: make a first one (git commit --allow-empty -m init) and run again", "");
    }
}
