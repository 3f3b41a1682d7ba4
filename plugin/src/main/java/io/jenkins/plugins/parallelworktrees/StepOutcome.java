package io.jenkins.plugins.parallelworktrees;

import hudson.AbortException;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.github.parallelworktrees.engine.gate.GateStatus;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;

/**
 * What a step's verdict does in Jenkins, with the meanings users know from plugin-util-api's quality gates
 * (coverage, warnings-ng): a result on the step's node (the stage shows it), a result for the build, and whether
 * the step fails.
 *
 * <ul>
 * <li>NOTE: the node UNSTABLE; the build is untouched.</li>
 * <li>UNSTABLE: the node and the build UNSTABLE.</li>
 * <li>ERROR: the node FAILURE (the stage shows failed); the build result is untouched and the Pipeline goes on.</li>
 * <li>FAILURE: the node and the build FAILURE, and the step fails, so that nothing after it runs on a failed
 *     gate (plugin-util-api only sets the result; stopping is what a gate before spending a night of workers
 *     needs).</li>
 * </ul>
 *
 * @param stage the node's result, or null for none
 * @param build the build's result, or null to leave it
 * @param failStep the step throws after marking
 */
record StepOutcome(Result stage, Result build, boolean failStep) {

    static final StepOutcome NONE = new StepOutcome(null, null, false);
    static final StepOutcome UNSTABLE = new StepOutcome(Result.UNSTABLE, Result.UNSTABLE, false);

    /** The outcome of a verdict of this status. */
    static StepOutcome of(GateStatus status) {
        return switch (status) {
            case INACTIVE, PASSED -> NONE;
            case NOTE -> new StepOutcome(Result.UNSTABLE, null, false);
            case UNSTABLE -> UNSTABLE;
            case ERROR -> new StepOutcome(Result.FAILURE, null, false);
            case FAILED -> new StepOutcome(Result.FAILURE, Result.FAILURE, true);
        };
    }

    /**
     * Marks the node and the build, and fails the step when the outcome says so.
     *
     * @throws AbortException with {@code message}, for a failing outcome
     */
    void apply(FlowNode node, Run<?, ?> run, TaskListener listener, String message) throws AbortException {
        if (stage != null) {
            WarningAction existing = node.getPersistentAction(WarningAction.class);
            // a node keeps its worst warning, as plugin-util-api's PipelineResultHandler does
            if (existing == null || existing.getResult().isBetterThan(stage)) {
                node.addOrReplaceAction(new WarningAction(stage).withMessage(message));
            }
            listener.getLogger().println("WARNING: " + message);
        }
        if (build != null) {
            run.setResult(build);
        }
        if (failStep) {
            throw new AbortException(message);
        }
    }
}
