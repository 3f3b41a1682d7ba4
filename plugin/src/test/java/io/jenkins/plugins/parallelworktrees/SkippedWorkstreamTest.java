package io.jenkins.plugins.parallelworktrees;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.AbortException;
import hudson.EnvVars;
import io.jenkins.plugins.parallelworktrees.report.ParallelWorktreesAction;
import io.jenkins.plugins.parallelworktrees.report.WorkstreamRow;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A body's workstream whose dependency did not finish gets no worker; it is recorded as skipped, so that every view
 * of the build agrees: its row, the outcome parallelWorktrees returns, claudeWorker's map, and mergeWave.
 */
class SkippedWorkstreamTest {

    private static final String WHY = "dependency 'core' ended failed";

    /** What the body of workstream api sees (WorkstreamEnvironment). */
    private static EnvVars body() {
        EnvVars env = new EnvVars();
        env.put("PWT_WORKSTREAM", "api");
        env.put("PWT_BRANCH", "shop/api");
        env.put("PWT_WAVE", "2");
        return env;
    }

    @Test
    void theRowOfASkippedWorkstreamSaysSkippedAndWhyOnItsBranchAndWave() {
        WorkstreamRow row = ClaudeWorkerStep.Execution.skipped("api", body(), WHY);

        assertThat(row.getStatus()).isEqualTo("skipped");
        assertThat(row.isDone()).isFalse();
        assertThat(row.getReason()).isEqualTo(WHY);
        assertThat(row.getBranch()).isEqualTo("shop/api");
        assertThat(row.getWave()).isEqualTo(2);
        assertThat(row.getDuration()).isEqualTo("-");
    }

    @Test
    void onceRecordedEveryViewOfTheBuildSaysSkipped() {
        ParallelWorktreesAction action = new ParallelWorktreesAction();
        WorkstreamRow row = ClaudeWorkerStep.Execution.skipped("api", body(), WHY);

        action.put(List.of(row));

        assertThat(action.statusOf("api")).hasValue("skipped");
        assertThat(ParallelWorktreesStep.ResultHandler.outcome(action, "api", null)).isEqualTo("skipped");
        assertThat(ClaudeWorkerStep.Execution.result(row, text -> text)).containsEntry("workstream", "api")
                .containsEntry("status", "skipped").containsEntry("reason", WHY).containsEntry("branch", "shop/api");
        assertThat(MergeWaveStep.unfinished(action.getWorkstreams()))
                .containsEntry("api", "it ended skipped in this build (" + WHY + ")");
    }

    /** What a body that recorded no row is: before, a skipped workstream was one of these. */
    @Test
    void aBodyWithoutARowEndedCompletedOrFailed() {
        ParallelWorktreesAction action = new ParallelWorktreesAction();

        assertThat(ParallelWorktreesStep.ResultHandler.outcome(action, "api", null)).isEqualTo("completed");
        assertThat(ParallelWorktreesStep.ResultHandler.outcome(null, "api", new AbortException("x")))
                .isEqualTo("failed");
        assertThat(MergeWaveStep.unfinished(action.getWorkstreams())).isEmpty();
    }

    @Test
    void aBodyWhoseWaveVariableWasChangedStillGetsARow() {
        EnvVars env = body();
        env.put("PWT_WAVE", "two");

        assertThat(ClaudeWorkerStep.Execution.skipped("api", env, WHY).getWave()).isZero();
    }
}
