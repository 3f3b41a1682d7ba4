package io.jenkins.plugins.parallelworktrees;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.AbortException;
import io.github.parallelworktrees.engine.gate.GateStatus;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** How a mergeWave body's outcome judges a merge candidate. */
class MergeCandidateTest {

    private static MergeCandidate.Verdict verdict(GateStatus status, String... failures) {
        return new MergeCandidate.Verdict(status, List.of(failures), false);
    }

    @Test
    void aBodyThatCompletesWithPassingGatesPasses() {
        MergeCandidate.Judgement j = MergeCandidate.judge(List.of(verdict(GateStatus.PASSED),
                verdict(GateStatus.NOTE, "branch coverage 38.0% < 40.0%")), null);

        assertThat(j.passed()).isTrue();
        assertThat(j.status()).isEqualTo("note");
        assertThat(j.couldNotRun()).isFalse();
    }

    @Test
    void theJudgementNamesTheGateMdOfEachGateInTheBodyForTheBuildPage() {
        MergeCandidate.Judgement j = MergeCandidate.judge(List.of(
                new MergeCandidate.Verdict(GateStatus.PASSED, List.of(), false, "gates/12/gate.md"),
                new MergeCandidate.Verdict(GateStatus.ERROR, List.of("matched no file"), true),
                new MergeCandidate.Verdict(GateStatus.UNSTABLE, List.of("coverage"), false, "gates/15/gate.md")),
                new AbortException("script returned exit code 1"));

        assertThat(j.reports()).containsExactly("gates/12/gate.md", "gates/15/gate.md");
        assertThat(j.reports()).as("crosses Remoting as a collection its class filter takes")
                .isInstanceOf(java.util.ArrayList.class);
    }

    @Test
    void aBodyWithoutGatesPassesWhenItCompletes() {
        assertThat(MergeCandidate.judge(List.of(), null)).isEqualTo(new MergeCandidate.Judgement(true, "passed", "",
                false));
    }

    @Test
    void anUnstableGateFailsTheCandidateWithItsReasons() {
        MergeCandidate.Judgement j = MergeCandidate.judge(List.of(verdict(GateStatus.PASSED),
                verdict(GateStatus.UNSTABLE, "line coverage 52.0% < 55.0%")), null);

        assertThat(j.passed()).isFalse();
        assertThat(j.status()).isEqualTo("unstable");
        assertThat(j.summary()).isEqualTo("line coverage 52.0% < 55.0%");
    }

    @Test
    void aFailedBodyFailsTheCandidateAndSaysWhy() {
        MergeCandidate.Judgement j = MergeCandidate.judge(List.of(),
                new AbortException("script returned exit code 1"));

        assertThat(j.passed()).isFalse();
        assertThat(j.status()).isEqualTo("failed");
        assertThat(j.summary()).isEqualTo("the gate body failed: script returned exit code 1");
        assertThat(j.couldNotRun()).isFalse();
    }

    @Test
    void aGateThatCouldNotRunBlamesNoBranch() {
        MergeCandidate.Judgement j = MergeCandidate.judge(List.of(new MergeCandidate.Verdict(GateStatus.ERROR,
                List.of("--junit '**/*.xml' matched no file"), true)), new AbortException("matched no file"));

        assertThat(j.passed()).isFalse();
        assertThat(j.couldNotRun()).isTrue();
    }

    @Test
    void theJudgementWaitsForTheBodyAndCollectsTheGatesItReported() throws Exception {
        MergeCandidate candidate = MergeCandidate.open(1, 2, "0123456789abcdef");
        CompletableFuture<MergeCandidate.Judgement> judged = CompletableFuture.supplyAsync(() -> {
            try {
                return candidate.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        candidate.report(verdict(GateStatus.FAILED, "3 failed test(s) > 0"));
        assertThat(judged).isNotDone();
        MergeCandidate.bodyEnded(candidate.key(), null);

        assertThat(judged.get(10, TimeUnit.SECONDS)).isEqualTo(new MergeCandidate.Judgement(false, "failed",
                "3 failed test(s) > 0", false));
    }

    @Test
    void aBodyThatEndsAfterItsCandidateWasForgottenIsIgnored() {
        MergeCandidate.bodyEnded("no-such-candidate", null);
    }
}
