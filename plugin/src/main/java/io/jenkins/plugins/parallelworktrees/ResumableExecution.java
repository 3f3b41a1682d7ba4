package io.jenkins.plugins.parallelworktrees;

import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.steps.GeneralNonBlockingStepExecution;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * A step's engine work on a background thread that a controller restart does not end: afterwards the work runs
 * again, and the engine continues from its state files (finished workstreams kept, a Claude session resumed with
 * {@code claude --resume}). So a restart need not wait for it either.
 *
 * <p>A restart must not fail the step on its way down. Jenkins.cleanUp (jenkins core
 * {@code jenkins/model/Jenkins.java:3635-3650} at jenkins-2.504.3) runs the terminators, among them workflow-cps'
 * CpsFlowExecution.suspendAll (which waits at most 10 s, {@code CpsFlowExecution.java:1803}), then sets
 * {@code terminating} and only then disconnects the agents; so the work then fails with a closed channel or an
 * interrupt, and GeneralNonBlockingStepExecution.run would report that as the step's failure
 * ({@code getContext().onFailure(x)}, workflow-step-api {@code GeneralNonBlockingStepExecution.java:79-81}),
 * which the resumed build would then show as "failed". While Jenkins is terminating, a failure of the work therefore
 * leaves the step pending: {@link #onResume} runs the work again after the restart, and a real failure shows then.
 */
abstract class ResumableExecution extends GeneralNonBlockingStepExecution {

    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(ResumableExecution.class.getName());

    ResumableExecution(StepContext context) {
        super(context);
    }

    /** The work; it ends the step itself (getContext().onSuccess), or throws. */
    protected abstract void work() throws Exception;

    @Override
    public final boolean start() {
        run(() -> workOrLeavePending(ResumableExecution::jenkinsTerminating));
        return false;
    }

    @Override
    public final void onResume() {
        run(() -> workOrLeavePending(ResumableExecution::jenkinsTerminating));
    }

    @Override
    public boolean blocksRestart() {
        return false;
    }

    /**
     * Runs the work; a failure ends the step, except while {@code terminating} says Jenkins is shutting down.
     *
     * @return false when the work failed during a shutdown and the step was left pending
     */
    final boolean workOrLeavePending(BooleanSupplier terminating) throws Exception {
        try {
            work();
            return true;
        } catch (Exception e) {
            if (!terminating.getAsBoolean()) {
                throw e;
            }
            LOGGER.log(Level.INFO, "Jenkins is shutting down: the step's work stopped (" + e
                    + "); it continues after the restart", e);
            return false;
        }
    }

    /** Jenkins.isTerminating ({@code Jenkins.java:2984}); no Jenkins at all is later still in the same shutdown. */
    static boolean jenkinsTerminating() {
        Jenkins jenkins = Jenkins.getInstanceOrNull();
        return jenkins == null || jenkins.isTerminating();
    }
}
