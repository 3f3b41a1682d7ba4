package io.jenkins.plugins.parallelworktrees;

import org.jenkinsci.plugins.workflow.steps.GeneralNonBlockingStepExecution;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * A step's engine work on a background thread that a controller restart does not end: afterwards the work runs
 * again, and the engine continues from its state files (finished workstreams kept, a Claude session resumed with
 * {@code claude --resume}). So a restart need not wait for it either.
 */
abstract class ResumableExecution extends GeneralNonBlockingStepExecution {

    private static final long serialVersionUID = 1L;

    ResumableExecution(StepContext context) {
        super(context);
    }

    /** The work; it ends the step itself (getContext().onSuccess), or throws. */
    protected abstract void work() throws Exception;

    @Override
    public final boolean start() {
        run(this::work);
        return false;
    }

    @Override
    public final void onResume() {
        run(this::work);
    }

    @Override
    public boolean blocksRestart() {
        return false;
    }
}
