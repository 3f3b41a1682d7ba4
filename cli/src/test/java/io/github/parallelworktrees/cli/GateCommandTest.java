package io.github.parallelworktrees.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.parallelworktrees.engine.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pwt gate}: exit codes 0 passed, 1 failed, 2 unstable, 3 usage or input error. */
class GateCommandTest {

    private static final Path REAL = Path.of("../engine/src/test/resources/gate/real").toAbsolutePath();

    @TempDir
    Path dir;

    @BeforeEach
    void reports() throws Exception {
        Files.createDirectories(dir.resolve("target/surefire-reports"));
        Files.copy(REAL.resolve("surefire/TEST-sample.GraderTest.xml"),
                dir.resolve("target/surefire-reports/TEST-sample.GraderTest.xml"));
        Files.copy(REAL.resolve("jacoco/jacoco.xml"), dir.resolve("jacoco.xml"));
    }

    private PwtRunner gate(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "gate";
        all[1] = "--dir";
        all[2] = dir.toString();
        System.arraycopy(args, 0, all, 3, args.length);
        return PwtRunner.pwt(all);
    }

    @Test
    void passedIsExitZeroAndPrintsTheVerdict() {
        PwtRunner result = gate("--coverage", "jacoco.xml", "--min-line", "50", "--min-branch", "40",
                "--json", dir.resolve("out/gate.json").toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("## Quality gate: PASSED", "| line coverage | PASSED | 50.0% | >= 50.0% |");
        assertThat(TestRepo.json(dir.resolve("out/gate.json")).path("status").asText()).isEqualTo("passed");
    }

    @Test
    void aFailedTestWithFailureCriticalityIsExitOne() {
        PwtRunner result = gate("--junit", "**/surefire-reports/*.xml", "--criticality", "FAILURE");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(result.out()).contains("## Quality gate: FAILED", "1 failed test(s) > 0");
    }

    @Test
    void aMissedThresholdWithUnstableCriticalityIsExitTwo() {
        PwtRunner result = gate("--coverage", "jacoco.xml", "--min-line", "60");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.UNSTABLE);
        assertThat(result.out()).contains("line coverage 50.0% < 60.0%");
    }

    @Test
    void aNoteIsExitZero() {
        assertThat(gate("--coverage", "jacoco.xml", "--min-line", "60", "--criticality", "NOTE").exitCode())
                .isZero();
    }

    @Test
    void inputErrorsAreExitThreeWithAClearMessage() {
        PwtRunner nothing = gate("--junit", "build/*.xml");
        assertThat(nothing.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(nothing.err()).contains("--junit 'build/*.xml' matched no file under");

        PwtRunner range = gate("--coverage", "jacoco.xml", "--min-line", "120");
        assertThat(range.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(range.err()).contains("--min-line must be a percentage from 0 to 100, got 120.0");

        PwtRunner level = gate("--coverage", "jacoco.xml", "--min-line", "10", "--criticality", "FATAL");
        assertThat(level.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);

        PwtRunner empty = gate();
        assertThat(empty.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(empty.err()).contains("nothing to gate");

        PwtRunner missingDir = PwtRunner.pwt("gate", "--dir", dir.resolve("nope").toString(), "--command", "true");
        assertThat(missingDir.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    }

    @Test
    void aMalformedReportNamesTheFileAndLine() throws Exception {
        Files.writeString(dir.resolve("target/surefire-reports/TEST-broken.xml"),
                "<?xml version=\"1.0\"?>\n<testsuite>\n  <testcase name=\"a\">\n");

        PwtRunner result = gate("--junit", "**/surefire-reports/*.xml");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.err()).contains("TEST-broken.xml:");
    }

    @Test
    void leavesNoTemporaryFolderBehindAndPrintsAFailedCommandsLastLines() throws Exception {
        Path temp = Files.createDirectories(dir.resolve("java-tmp"));

        // a JVM of its own, so that its temporary folder is one this test can look into
        ProcessRun run = ProcessRun.pwt(dir, List.of("-Djava.io.tmpdir=" + temp), "gate", "--dir", dir.toString(),
                "--command", "echo first; echo the-last-words; exit 1", "--criticality", "FAILURE");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out()).contains("its log is removed; pass --output DIR to keep it", "| the-last-words");
        try (Stream<Path> left = Files.list(temp)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith("pwt-gate-"));
        }
    }

    @Test
    void keepsTheCommandsOutputInTheFolderTheUserNamed() throws Exception {
        Path logs = dir.resolve("logs");

        PwtRunner result = gate("--command", "echo kept-output", "--output", logs.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(logs.resolve("gate-command-1.log")).content().contains("kept-output");
    }
}
