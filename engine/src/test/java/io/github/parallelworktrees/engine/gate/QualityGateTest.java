package io.github.parallelworktrees.engine.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.parallelworktrees.engine.gate.report.Metric;
import io.github.parallelworktrees.engine.process.Environment;
import io.github.parallelworktrees.engine.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate on reports real tools wrote (see src/test/resources/gate/README.md): the sample Maven project's
 * Surefire report (3 tests, 1 failed, 1 skipped) and JaCoCo report (lines 2/4, branches 1/2, instructions 5/12).
 */
class QualityGateTest {

    private static final Path REAL = Path.of("src/test/resources/gate/real").toAbsolutePath();

    @TempDir
    Path dir;

    private final QualityGate gate = new QualityGate(Environment.ofThisProcess(), Duration.ofMinutes(1));

    @BeforeEach
    void reports() throws Exception {
        Files.createDirectories(dir.resolve("target/surefire-reports"));
        Files.createDirectories(dir.resolve("target/site/jacoco"));
        Files.createDirectories(dir.resolve("coverage"));
        Files.copy(REAL.resolve("surefire/TEST-sample.GraderTest.xml"),
                dir.resolve("target/surefire-reports/TEST-sample.GraderTest.xml"));
        Files.copy(REAL.resolve("jacoco/jacoco.xml"), dir.resolve("target/site/jacoco/jacoco.xml"));
        Files.copy(REAL.resolve("istanbul/lcov.info"), dir.resolve("coverage/lcov.info"));
    }

    private Verdict evaluate(GateSpec spec) throws InterruptedException {
        return gate.evaluate(spec, dir, dir.resolve("out"));
    }

    private static GateSpec spec(List<String> junit, List<String> coverage, Gate... gates) {
        return new GateSpec(junit, coverage, Optional.empty(), false, List.of(gates));
    }

    @Test
    void judgesTestsAndCoverageWithTheMeasuredValueThresholdAndReason() throws Exception {
        Verdict verdict = evaluate(spec(List.of("**/surefire-reports/*.xml"), List.of("**/jacoco.xml"),
                new Gate.MaxFailures(0, Criticality.FAILURE),
                new Gate.MinTests(3, Criticality.FAILURE),
                new Gate.MinCoverage(Metric.LINE, 60, Criticality.UNSTABLE),
                new Gate.MinCoverage(Metric.BRANCH, 50, Criticality.UNSTABLE)));

        assertThat(verdict.status()).isEqualTo(GateStatus.FAILED);
        assertThat(verdict.results()).extracting(GateResult::status).containsExactly(GateStatus.FAILED,
                GateStatus.PASSED, GateStatus.UNSTABLE, GateStatus.PASSED);
        GateResult failed = verdict.results().get(0);
        assertThat(failed.measured()).isEqualTo("1 failed");
        assertThat(failed.threshold()).isEqualTo("<= 0");
        assertThat(failed.reason()).startsWith("1 failed test(s) > 0: sample.GraderTest#");
        assertThat(verdict.results().get(2).reason()).isEqualTo("line coverage 50.0% < 60.0%");
        assertThat(verdict.results().get(3).reason()).isEqualTo("branch coverage 50.0% >= 50.0%");
        assertThat(verdict.tests().orElseThrow().skipped()).isEqualTo(1);
    }

    @Test
    void eachCriticalityHasItsJenkinsMeaning() throws Exception {
        for (Criticality criticality : Criticality.values()) {
            Verdict verdict = evaluate(spec(List.of(), List.of("**/jacoco.xml"),
                    new Gate.MinCoverage(Metric.LINE, 90, criticality)));
            assertThat(verdict.status()).as(criticality.name()).isEqualTo(switch (criticality) {
                case NOTE -> GateStatus.NOTE;
                case UNSTABLE -> GateStatus.UNSTABLE;
                case ERROR -> GateStatus.ERROR;
                case FAILURE -> GateStatus.FAILED;
            });
        }
        assertThat(GateStatus.NOTE.allowsMerge()).isTrue();
        assertThat(GateStatus.UNSTABLE.allowsMerge()).isFalse();
    }

    @Test
    void aMetricTheReportsDoNotHaveIsInactiveNotPassedNorFailed() throws Exception {
        Verdict verdict = evaluate(spec(List.of(), List.of("coverage/lcov.info"),
                new Gate.MinCoverage(Metric.INSTRUCTION, 80, Criticality.FAILURE)));

        assertThat(verdict.status()).isEqualTo(GateStatus.INACTIVE);
        assertThat(verdict.results().get(0).measured()).isEqualTo("n/a");
        assertThat(verdict.results().get(0).reason()).contains("n/a: the coverage reports have no instruction");
    }

    @Test
    void aGlobThatMatchesNothingIsAnInputErrorUnlessAllowed() throws Exception {
        GateSpec strict = spec(List.of("build/test-results/*.xml"), List.of(),
                new Gate.MaxFailures(0, Criticality.FAILURE));
        assertThatThrownBy(() -> evaluate(strict)).isInstanceOf(GateException.class)
                .hasMessageContaining("--junit 'build/test-results/*.xml' matched no file under " + dir);

        GateSpec lenient = new GateSpec(List.of("build/test-results/*.xml"), List.of(), Optional.empty(), true,
                List.of(new Gate.MaxFailures(0, Criticality.FAILURE)));
        assertThat(evaluate(lenient).status()).isEqualTo(GateStatus.INACTIVE);
    }

    @Test
    void aMissingDirectoryIsAnInputError() {
        assertThatThrownBy(() -> gate.evaluate(spec(List.of(), List.of(), new Gate.Command("true",
                Criticality.FAILURE)), dir.resolve("nope"), dir)).isInstanceOf(GateException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void commandGatesRunFirstPassOnExitZeroAndKeepTheirOutput() throws Exception {
        Verdict verdict = evaluate(spec(List.of("build/*.xml"), List.of(),
                new Gate.Command("mkdir -p build && cp target/surefire-reports/*.xml build/ && echo made reports",
                        Criticality.FAILURE),
                new Gate.Command("echo type errors >&2; exit 3", Criticality.ERROR),
                new Gate.MinTests(1, Criticality.FAILURE)));

        assertThat(verdict.results()).extracting(GateResult::status).containsExactly(GateStatus.PASSED,
                GateStatus.ERROR, GateStatus.PASSED);
        GateResult lint = verdict.results().get(1);
        assertThat(lint.reason()).startsWith("command 'echo type errors >&2; exit 3' exited with 3 (output: ");
        assertThat(Path.of(lint.output().orElseThrow())).content().contains("type errors");
        assertThat(verdict.status()).isEqualTo(GateStatus.ERROR);
    }

    @Test
    void coverageMayNotDropMoreThanAllowedAgainstTheBaseline() throws Exception {
        Files.writeString(dir.resolve("base.info"), "TN:\nSF:a.js\nLF:100\nLH:80\nend_of_record\n");
        Files.writeString(dir.resolve("now.info"), "TN:\nSF:a.js\nLF:100\nLH:78\nend_of_record\n");
        GateSpec spec = new GateSpec(List.of(), List.of("now.info"), Optional.of("base.info"), false,
                List.of(new Gate.CoverageDelta(Metric.LINE, 5.0, Criticality.FAILURE),
                        new Gate.CoverageDelta(Metric.LINE, 0.5, Criticality.UNSTABLE)));

        Verdict verdict = evaluate(spec);

        assertThat(verdict.results()).extracting(GateResult::status).containsExactly(GateStatus.PASSED,
                GateStatus.UNSTABLE);
        assertThat(verdict.results().get(1).reason()).isEqualTo("line coverage change -2.0 points (80.0% -> 78.0%),"
                + " more than the 0.5 allowed");
    }

    @Test
    void severalReportsMergeByCountersNotByAveragingPercentages() throws Exception {
        Files.writeString(dir.resolve("a.info"), "TN:\nSF:a.js\nLF:10\nLH:10\nend_of_record\n");
        Files.writeString(dir.resolve("b.info"), "TN:\nSF:b.js\nLF:90\nLH:0\nend_of_record\n");

        Verdict verdict = evaluate(spec(List.of(), List.of("*.info"),
                new Gate.MinCoverage(Metric.LINE, 50, Criticality.FAILURE)));

        assertThat(verdict.results().get(0).measured()).as("10 of 100 lines, not the mean of 100% and 0%")
                .isEqualTo("10.0%");
    }

    @Test
    void writesGateJsonAndMarkdown() throws Exception {
        Verdict verdict = evaluate(spec(List.of("**/surefire-reports/*.xml"), List.of("**/jacoco.xml"),
                new Gate.MaxFailures(0, Criticality.FAILURE), new Gate.MinCoverage(Metric.LINE, 40,
                        Criticality.UNSTABLE)));

        Path json = VerdictReport.write(verdict, dir.resolve("out"));

        JsonNode gateJson = TestRepo.json(json);
        assertThat(gateJson.path("status").asText()).isEqualTo("failed");
        assertThat(gateJson.path("gates").get(1).path("reason").asText()).isEqualTo("line coverage 50.0% >= 40.0%");
        assertThat(gateJson.path("coverage").path("LINE").path("covered").asInt()).isEqualTo(2);
        assertThat(gateJson.path("tests").path("failures").asInt()).isEqualTo(1);
        assertThat(dir.resolve("out/gate.md")).content().contains("## Quality gate: FAILED",
                "| line coverage | PASSED | 50.0% | >= 50.0% |".replace(">= 50.0%", ">= 40.0%"));
    }

    @Test
    void aGateWithoutTheReportsItNeedsIsRefusedWhenDefined() {
        assertThatThrownBy(() -> spec(List.of(), List.of(), new Gate.MinCoverage(Metric.LINE, 50,
                Criticality.FAILURE))).isInstanceOf(GateException.class).hasMessageContaining("needs coverage reports");
        assertThatThrownBy(() -> GateSpecs.checkPercent("--min-line", 101)).isInstanceOf(GateException.class)
                .hasMessage("--min-line must be a percentage from 0 to 100, got 101.0");
        assertThatThrownBy(() -> GateSpecs.checkPercent("--min-line", -1)).isInstanceOf(GateException.class);
    }
}
