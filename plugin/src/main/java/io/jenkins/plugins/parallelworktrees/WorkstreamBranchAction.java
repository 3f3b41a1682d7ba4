package io.jenkins.plugins.parallelworktrees;

import edu.umd.cs.findbugs.annotations.NonNull;
import org.jenkinsci.plugins.workflow.actions.ThreadNameAction;
import org.jenkinsci.plugins.workflow.cps.CpsBodyInvoker;
import org.jenkinsci.plugins.workflow.steps.BodyInvoker;

/**
 * Marks the start node of a parallelWorktrees body as a parallel branch named after its workstream, as the
 * {@code parallel} step marks its branches: workflow-cps' ParallelStepExecution.start starts each branch with
 * {@code withStartAction(new ParallelLabelAction(name))}, a private ThreadNameAction, and workflow-api's ForkScanner
 * (getNodeType: a BlockStartNode with a ThreadNameAction is a PARALLEL_BRANCH_START) and the views built on it
 * (Stage View, Blue Ocean, the graph view) find branches only by that action. Invisible: the body's LabelAction
 * (withDisplayName) names the node in the Pipeline Steps view.
 */
public final class WorkstreamBranchAction implements ThreadNameAction {

    private final String workstream;

    WorkstreamBranchAction(String workstream) {
        this.workstream = workstream;
    }

    /**
     * Gives a body about to start its branch name. Only workflow-cps' CpsBodyInvoker (what a CPS step's
     * newBodyInvoker returns) takes a start action; BodyInvoker has no such method.
     */
    static BodyInvoker mark(BodyInvoker invoker, String workstream) {
        if (invoker instanceof CpsBodyInvoker cps) {
            cps.withStartAction(new WorkstreamBranchAction(workstream));
        }
        return invoker.withDisplayName(workstream);
    }

    @NonNull
    @Override
    public String getThreadName() {
        return workstream;
    }

    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return null;
    }

    @Override
    public String getUrlName() {
        return null;
    }
}
