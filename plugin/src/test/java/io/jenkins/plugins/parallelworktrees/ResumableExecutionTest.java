package io.jenkins.plugins.parallelworktrees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A step's engine work that fails while Jenkins is shutting down (its agent's channel closed, its thread
 * interrupted) leaves the step pending for the restart instead of failing it; at any other time a failure is the
 * step's.
 */
class ResumableExecutionTest {

    /** Work that fails as a callable does when Jenkins disconnects the agents on its way down. */
    private static final class FailingWork extends ResumableExecution {
        private static final long serialVersionUID = 1L;
        final AtomicInteger runs = new AtomicInteger();
        private final Exception failure;

        FailingWork(Exception failure) {
            super(null);
            this.failure = failure;
        }

        @Override
        protected void work() throws Exception {
            runs.incrementAndGet();
            throw failure;
        }
    }

    @Test
    void aFailureWhileJenkinsTerminatesLeavesTheStepPending() throws Exception {
        FailingWork execution = new FailingWork(new IOException("hudson.remoting.ChannelClosedException: Channel"
                + " \"unknown\": Remote call on agent failed. The channel is closing down or has closed down"));

        assertThat(execution.workOrLeavePending(() -> true)).isFalse();
        assertThat(execution.runs).hasValue(1);
    }

    @Test
    void anInterruptWhileJenkinsTerminatesLeavesTheStepPendingToo() throws Exception {
        FailingWork execution = new FailingWork(new InterruptedException("sleep interrupted"));

        assertThat(execution.workOrLeavePending(() -> true)).isFalse();
    }

    @Test
    void theSameFailureAtAnyOtherTimeFailsTheStep() {
        FailingWork execution = new FailingWork(new AbortException("plan specs/plan.yaml: no such file"));

        assertThatThrownBy(() -> execution.workOrLeavePending(() -> false)).isInstanceOf(AbortException.class)
                .hasMessageContaining("no such file");
    }

    @Test
    void workThatSucceedsIsReportedAsDone() throws Exception {
        ResumableExecution execution = new ResumableExecution(null) {
            private static final long serialVersionUID = 1L;

            @Override
            protected void work() {
            }
        };

        assertThat(execution.workOrLeavePending(() -> true)).isTrue();
    }
}
