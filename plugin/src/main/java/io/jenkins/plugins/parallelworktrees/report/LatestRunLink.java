package io.jenkins.plugins.parallelworktrees.report;

import hudson.model.Action;

/**
 * The job page's link to the Parallel Worktrees page of its last successful (or unstable) build, when that build
 * ran Parallel Worktrees steps: the build's {@link ParallelWorktreesAction} offers it as a project action.
 */
public final class LatestRunLink implements Action {

    private final int build;

    LatestRunLink(int build) {
        this.build = build;
    }

    @Override
    public String getIconFileName() {
        return "symbol-list";
    }

    @Override
    public String getDisplayName() {
        return "Parallel Worktrees (#" + build + ")";
    }

    /** Relative to the job's URL: {@code <number>/parallel-worktrees}. */
    @Override
    public String getUrlName() {
        return build + "/" + ParallelWorktreesAction.URL_NAME;
    }
}
