package io.github.parallelworktrees.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.parallelworktrees.engine.git.Git;
import io.github.parallelworktrees.engine.process.Environment;
import io.github.parallelworktrees.engine.testing.TestRepo;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

    @TempDir
    Path tmp;

    @Test
    void runsTheDemoPlanEndToEndWithEveryWorkstreamDoneAndItsCommitOnItsBranch() {
        Path dir = tmp.resolve("demo");

        PwtRunner result = PwtRunner.pwt("demo", "--dir", dir.toString());

        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).contains("Demo repository: " + dir, "The demo went as designed",
                "left out shortcut: culprit: the gate fails with it", "The demo's folder is " + dir + ".",
                "rm -rf " + DemoCommand.shellWord(dir.toString()) + "   (removes the demo repository");
        // every "Try:" line runs as printed: pwt by its absolute path
        assertThat(result.out().lines().filter(l -> l.strip().endsWith("status " + dir.resolve("specs")
                .toString()) || l.contains(" status /"))).allSatisfy(l -> assertThat(l.strip()).startsWith("/"));
        assertThat(DemoCommand.shellWord("/tmp/a b's")).isEqualTo("'/tmp/a b'\\''s'");
        Path root = dir.resolve(".worktrees/greeting_service");
        JsonNode run = TestRepo.json(root.resolve("run.json"));
        assertThat(run.path("workers")).hasSize(5);
        List<String> waves = new java.util.ArrayList<>();
        for (JsonNode worker : run.path("workers")) {
            String ws = worker.path("workstream").asText();
            assertThat(worker.path("status").asText()).as(ws).isEqualTo("done");
            assertThat(Path.of(worker.path("results").asText())).exists().content().contains("# Results: " + ws);
            waves.add(ws + "@" + worker.path("wave").asInt());
            List<String> commits = Git.in(dir, Environment.ofThisProcess()).lines("log", "--no-merges", "--format=%s",
                    "main..greeting_service/" + ws);
            assertThat(commits).as(ws).anyMatch(c -> c.startsWith(ws + ": ") || c.startsWith("pwt(" + ws + ")"));
            assertThat(Git.in(dir, Environment.ofThisProcess()).run("show", "greeting_service/" + ws + ":src/" + ws + ".txt"))
                    .contains(ws.equals("shortcut") ? "BROKEN" : ws + " part of the greeting service");
        }
        assertThat(waves).containsExactly("core@1", "config@1", "api@2", "cli@2", "shortcut@2");
        for (String ws : List.of("core", "config", "api", "cli")) {
            assertThat(Git.in(dir, Environment.ofThisProcess()).isAncestor("greeting_service/" + ws, "greeting_service/integration")).as(ws)
                    .isTrue();
        }
        assertThat(Git.in(dir, Environment.ofThisProcess()).isAncestor("greeting_service/shortcut", "greeting_service/integration")).isFalse();
        // the queue merges each workstream as it is done: the merge that judged shortcut names it a culprit
        JsonNode judged = null;
        for (JsonNode merge : run.path("merges")) {
            for (JsonNode left : merge.path("left_out")) {
                if (left.path("workstream").asText().equals("shortcut")) {
                    judged = merge;
                }
            }
        }
        assertThat(judged).as(run.path("merges").toString()).isNotNull();
        assertThat(judged.path("wave").asInt()).isEqualTo(2);
        // one run when shortcut finished alone, more when it was batched with the others of its wave
        assertThat(judged.path("gate_runs").size()).isBetween(1, 8);
        assertThat(root.resolve("merges/wave-1/merge-1/gate-1/gate.json")).exists();
        assertThat(root.resolve("report.html")).as("the report says what the terminal says").content()
                .contains("As designed: 4 of 5 workstreams landed; shortcut left out: culprit of the gate",
                        "breaks the tests on purpose", "The run is recorded as failed, because a workstream did not land",
                        "Run <b class=\"failed\">failed</b>")
                .doesNotContain("a pwt process is working on it");
    }

    @Test
    void runsTheDemoWithRealClaudeProcessesAgainstTheRehearsalScript() {
        Path dir = tmp.resolve("demo");

        PwtRunner result = PwtRunner.pwt("demo", "--claude", "--claude-path",
                io.github.parallelworktrees.engine.testing.ClaudeCli.binary().toString(), "--dir", dir.toString());

        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).contains("The demo went as designed: every worker done, every workstream landed",
                "turn 2: Bash git add src/core.txt");
        JsonNode run = TestRepo.json(dir.resolve(".worktrees/greeting_service/run.json"));
        for (JsonNode worker : run.path("workers")) {
            String ws = worker.path("workstream").asText();
            assertThat(worker.path("status").asText()).as(ws).isEqualTo("done");
            assertThat(worker.path("session_id").asText()).as(ws).isNotBlank();
            assertThat(Path.of(worker.path("results").asText())).content().contains("# Results: " + ws);
            assertThat(Git.in(dir, Environment.ofThisProcess()).lines("log", "--no-merges", "--format=%s", "main..greeting_service/" + ws))
                    .contains(ws + ": add src/" + ws + ".txt");
            assertThat(Git.in(dir, Environment.ofThisProcess()).isAncestor("greeting_service/" + ws, "greeting_service/integration")).isTrue();
        }
    }

    @Test
    void refusesADirectoryThatIsNotEmpty() throws Exception {
        java.nio.file.Files.writeString(tmp.resolve("something.txt"), "x");

        PwtRunner result = PwtRunner.pwt("demo", "--dir", tmp.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.err()).contains("is not empty");
    }
}
