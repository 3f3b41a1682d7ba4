package io.github.parallelworktrees.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.parallelworktrees.engine.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {

    @TempDir
    Path tmp;

    @Test
    void helpListsTheCommandsAndWhatExitCodesMean() {
        PwtRunner result = PwtRunner.pwt("--help");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("run", "status", "resume", "gate", "merge", "report", "cleanup", "demo")
                .containsPattern("(?m)^\\s+3\\s+bad input or refused")
                .containsPattern("(?m)^\\s+130\\s+stopped by Ctrl-C or SIGTERM");
        assertThat(result.out()).contains("plan", "stop", "sync", "ask");
    }

    private static final java.util.List<String> COMMANDS = java.util.List.of("plan", "run", "status", "watch", "logs", "stop",
            "steer", "retry", "resume", "sync", "ask", "gate", "merge", "report", "cleanup", "demo");

    @Test
    void everyCommandsHelpSaysWhatItsExitCodesMeanAndBreaksNoPathOrFileNameAcrossLines() {
        for (String command : COMMANDS) {
            PwtRunner help = PwtRunner.pwt(command, "--help");
            assertThat(help.exitCode()).as(command).isZero();
            assertThat(help.out()).as(command).contains("Exit codes:").containsPattern("(?m)^\\s+0\\s+\\S");
            // picocli's own wrapping broke ".worktrees/x" into "." and "worktrees/x", and "RESULTS." and "md"
            assertThat(help.out()).as(command).doesNotContainPattern("(?m)\\.\\s*$\\n\\s*(worktrees|md\\b|html\\b"
                    + "|json\\b|jsonl\\b|yaml\\b|env\\b)");
            assertThat(help.out().lines()).as(command).allSatisfy(line -> assertThat(line.length())
                    .isLessThanOrEqualTo(HelpText.WIDTH));
        }
    }

    @Test
    void versionNamesTheBuildsVersionAndCommitForPwtAndEveryCommand() {
        PwtRunner version = PwtRunner.pwt("--version");
        assertThat(version.out()).containsPattern("^pwt \\d+\\.\\d+\\.\\d+\\S*, commit [0-9a-f]{7,}");
        for (String command : COMMANDS) {
            assertThat(PwtRunner.pwt(command, "--version").out()).as(command).isEqualTo(version.out());
        }
    }

    @Test
    void aMalformedPlanIsOneClearLineWithFileAndLineAndExitThree() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Path plan = repo.write("plan.yaml", "workstreams:\n  - name: a\n    prompt: [oops\n");

        PwtRunner result = PwtRunner.pwt("run", plan.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.err()).startsWith("pwt: " + plan + ":").contains("malformed YAML");
    }

    @Test
    void aPlanOutsideARepositoryIsRefused() throws Exception {
        Path plan = Files.writeString(tmp.resolve("plan.yaml"), "workstreams: [{name: a, prompt: x}]\n");

        PwtRunner result = PwtRunner.pwt("run", plan.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.err()).contains("is not inside a git repository");
    }

    @Test
    void runWithWorkstreamRunsOnlyThatOneAndRefusesANameNotInThePlan() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Path plan = repo.write("plan.yaml", """
                worker: {type: command, run: 'echo "# R" > RESULTS.md'}
                workstreams: [{name: a, prompt: x}, {name: b, prompt: y, dependsOn: [a]}]
                """);

        PwtRunner one = PwtRunner.pwt("run", plan.toString(), "--workstream", "b");
        PwtRunner unknown = PwtRunner.pwt("run", plan.toString(), "--workstream", "c");

        assertThat(one.exitCode()).isZero();
        assertThat(repo.git().branchExists("plan/b")).isTrue();
        assertThat(repo.git().branchExists("plan/a")).isFalse();
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(unknown.err()).contains("workstream 'c' is not in the plan", "a, b");
    }

    @Test
    void reportWritesReportHtmlForARunAndRefusesWithoutOne() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Path plan = repo.write("plan.yaml", """
                worker: {type: command, run: 'echo "# R" > RESULTS.md'}
                workstreams: [{name: a, prompt: x}]
                """);
        assertThat(PwtRunner.pwt("report", plan.toString()).exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(PwtRunner.pwt("run", plan.toString()).exitCode()).isZero();

        PwtRunner report = PwtRunner.pwt("report", plan.toString());

        assertThat(report.exitCode()).isZero();
        assertThat(report.out().strip()).endsWith("report.html");
        assertThat(Path.of(report.out().strip())).content().contains("Parallel Worktrees: plan");
    }

    @Test
    void runFailingAWorkstreamExitsOneAndStatusShowsWhy() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Path plan = repo.write("plan.yaml", """
                worker: {type: command, run: 'echo "it broke" >&2; exit 2'}
                workstreams: [{name: a, prompt: x}]
                """);

        PwtRunner run = PwtRunner.pwt("run", plan.toString());
        PwtRunner status = PwtRunner.pwt("status", plan.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out()).contains("a                failed", "command exited with 2", "pwt resume");
        assertThat(status.exitCode()).isZero();
        assertThat(status.out()).contains("Feature plan: run failed").contains("| it broke");
    }

    @Test
    void statusOfAFeatureWithoutARunSaysHowToStartOne() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Path plan = repo.write("plan.yaml", "workstreams: [{name: a, prompt: x}]\n");

        PwtRunner status = PwtRunner.pwt("status", plan.toString());

        assertThat(status.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(status.err()).contains("has no run", "pwt run");
    }

    @Test
    void cleanupKeepsUnmergedWorkAndExitsOne() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Path plan = repo.write("plan.yaml", """
                worker: {type: command, run: 'echo x > x.txt && git add x.txt && git commit -qm x && echo "# R" > RESULTS.md'}
                workstreams: [{name: a, prompt: x}]
                """);
        assertThat(PwtRunner.pwt("run", plan.toString()).exitCode()).isZero();

        PwtRunner kept = PwtRunner.pwt("cleanup", plan.toString());
        PwtRunner archived = PwtRunner.pwt("cleanup", plan.toString(), "--archive");

        assertThat(kept.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(kept.out()).contains("a                KEPT", "not merged into main");
        assertThat(archived.exitCode()).isZero();
        assertThat(archived.out()).contains("a                archived");
        assertThat(repo.git().branchExists("plan/a")).isTrue();
    }
}
