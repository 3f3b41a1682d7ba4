package io.jenkins.plugins.parallelworktrees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Job;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jenkinsci.plugins.workflow.flow.FlowExecution;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.junit.jupiter.api.Test;

/**
 * Where each step may be called. workflow-cps' DSL.invokeStep calls StepDescriptor.checkContextAvailability before
 * the step starts, which throws MissingContextVariableException for any type of getRequiredContext() that the
 * context answers with null; outside {@code node} the context (workflow-support DefaultStepContext.get) answers only
 * the types below, from the build itself: FilePath and Launcher come from an enclosing node.
 */
class RequiredContextTest {

    /** What DefaultStepContext.get answers with no enclosing node. */
    private static final Set<Class<?>> OUTSIDE_A_NODE = Set.of(Run.class, Job.class, FlowExecution.class,
            FlowNode.class, StepDescriptor.class, EnvVars.class, TaskListener.class, EnvironmentExpander.class);

    /** The DSL's check, as StepDescriptor.checkContextAvailability makes it: the first required type missing. */
    private static List<Class<?>> missingOutsideANode(StepDescriptor descriptor) {
        List<Class<?>> missing = new ArrayList<>();
        for (Class<?> type : descriptor.getRequiredContext()) {
            if (!OUTSIDE_A_NODE.contains(type)) {
                missing.add(type);
            }
        }
        return missing;
    }

    /** So the DSL starts it, and the step says itself what it needs (the two tests below). */
    @Test
    void parallelWorktreesRequiresNothingThatOnlyANodeGives() {
        assertThat(missingOutsideANode(new ParallelWorktreesStep.DescriptorImpl())).isEmpty();
    }

    @Test
    void theStepsThatWorkInTheWorkspaceRequireANode() {
        for (StepDescriptor d : List.of(new ClaudeWorkerStep.DescriptorImpl(), new MergeWaveStep.DescriptorImpl(),
                new QualityGateStep.DescriptorImpl())) {
            assertThat(missingOutsideANode(d)).as(d.getFunctionName()).contains(FilePath.class, Launcher.class);
        }
    }

    @Test
    void withABodyOutsideANodeTheStepSaysToWrapItInANode() {
        FakeStepContext outside = new FakeStepContext().with(EnvVars.class, new EnvVars());

        assertThatThrownBy(() -> new ParallelWorktreesStep("specs/plan.yaml").start(outside))
                .isInstanceOf(AbortException.class)
                .hasMessageStartingWith("parallelWorktrees with a body reads the plan from the workspace")
                .hasMessageContaining("wrap it in node { }");
    }

    @Test
    void withoutABodyOutsideANodeTheStepSaysToCallItInANode() {
        ParallelWorktreesStep step = new ParallelWorktreesStep("specs/plan.yaml");
        step.setPlanWorkers(true);
        FakeStepContext outside = new FakeStepContext().with(EnvVars.class, new EnvVars());

        assertThatThrownBy(() -> step.start(outside))
                .isInstanceOf(AbortException.class)
                .hasMessageStartingWith("parallelWorktrees without a body runs the plan's workers in this node's"
                        + " workspace: call it inside node { }");
    }
}
