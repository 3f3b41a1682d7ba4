package io.jenkins.plugins.parallelworktrees;

import static org.assertj.core.api.Assertions.assertThat;

import org.jenkinsci.plugins.workflow.actions.ThreadNameAction;
import org.junit.jupiter.api.Test;

/**
 * A parallelWorktrees body's start action: what workflow-api's ForkScanner.getNodeType needs to see a parallel branch
 * (a ThreadNameAction on the body's BlockStartNode; its getThreadName is the branch's name in the graph views).
 */
class WorkstreamBranchActionTest {

    @Test
    void itIsAThreadNameActionNamedAfterTheWorkstream() {
        ThreadNameAction action = new WorkstreamBranchAction("api");

        assertThat(action.getThreadName()).isEqualTo("api");
    }
}
