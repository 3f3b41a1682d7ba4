package io.jenkins.plugins.parallelworktrees.report;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Run;
import java.util.Collection;
import java.util.List;
import jenkins.model.TransientActionFactory;

/** The job page's link to the Parallel Worktrees page of its latest build that has one. */
public final class LatestRunLink implements Action {

    /** How many builds back the link looks: enough to skip a few builds that failed early, cheap to load. */
    static final int LOOK_BACK = 5;

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

    /** Adds the link to every job whose recent builds ran Parallel Worktrees steps. */
    @Extension
    @SuppressWarnings("rawtypes") // TransientActionFactory is keyed by the raw Job class, as in core's own factories
    public static final class Factory extends TransientActionFactory<Job> {

        @Override
        public Class<Job> type() {
            return Job.class;
        }

        @NonNull
        @Override
        public Collection<? extends Action> createFor(@NonNull Job target) {
            Run<?, ?> run = target.getLastBuild();
            for (int i = 0; run != null && i < LOOK_BACK; i++, run = run.getPreviousBuild()) {
                if (run.getAction(ParallelWorktreesAction.class) != null) {
                    return List.of(new LatestRunLink(run.getNumber()));
                }
            }
            return List.of();
        }
    }
}
