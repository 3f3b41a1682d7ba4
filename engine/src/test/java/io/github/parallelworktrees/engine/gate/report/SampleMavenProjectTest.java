package io.github.parallelworktrees.engine.gate.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds the sample project under test resources gate/sample-maven with real Maven, Surefire and JaCoCo, and
 * reads what they wrote. Not offline: a fresh CI machine may not have the JaCoCo plugin cached yet.
 */
class SampleMavenProjectTest {

    private static final long TIMEOUT_MINUTES = 5;

    @TempDir
    Path temp;

    @Test
    void readersAgreeWithSurefireAndJacocosCsv() throws Exception {
        Path project = temp.resolve("sample-maven");
        copy(Fixtures.path("sample-maven"), project);
        Path log = temp.resolve("mvn.log");

        Process mvn = new ProcessBuilder("mvn", "-B", "-q", "-Dmaven.test.failure.ignore=true", "verify")
                .directory(project.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = mvn.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES);
        if (!finished) {
            mvn.destroyForcibly().waitFor();
        }
        assertThat(finished).as("mvn verify finished within %d minutes; log:%n%s", TIMEOUT_MINUTES, tail(log))
                .isTrue();
        assertThat(mvn.exitValue()).as("mvn verify exit code; log:%n%s", tail(log)).isZero();

        List<Path> testReports = Reports.glob(project, "target/surefire-reports/*.xml");
        TestSummary tests = Reports.readTests(testReports);
        assertThat(testReports).isNotEmpty();
        assertThat(tests.tests()).isEqualTo(3);
        assertThat(tests.failures()).isEqualTo(1);
        assertThat(tests.errors()).isZero();
        assertThat(tests.skipped()).isEqualTo(1);
        assertThat(tests.failed()).singleElement().asString().startsWith("sample.GraderTest#failsOnPurpose: ");

        Path csv = project.resolve("target/site/jacoco/jacoco.csv");
        Coverage coverage = Reports.readCoverage(Reports.glob(project, "target/site/jacoco/jacoco.xml"));
        assertThat(coverage.counter(Metric.LINE)).contains(JacocoCsv.sum(csv, "LINE"));
        assertThat(coverage.counter(Metric.BRANCH)).contains(JacocoCsv.sum(csv, "BRANCH"));
        assertThat(coverage.counter(Metric.INSTRUCTION)).contains(JacocoCsv.sum(csv, "INSTRUCTION"));
        assertThat(coverage.counter(Metric.METHOD)).contains(JacocoCsv.sum(csv, "METHOD"));
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            paths.forEach(source -> {
                Path target = to.resolve(from.relativize(source).toString());
                try {
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "(no output)";
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }
}
