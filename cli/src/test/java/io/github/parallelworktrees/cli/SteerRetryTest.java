package io.github.parallelworktrees.cli;

import static io.github.parallelworktrees.cli.PwtRunner.pwt;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.parallelworktrees.engine.testing.ClaudeCli;
import io.github.parallelworktrees.engine.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pwt steer} and {@code pwt retry}: a running worker reads the operator's note where it is told to look;
 * an ended one runs again with it (a command in PWT_NOTE, a Claude worker's resumed session in its prompt).
 */
class SteerRetryTest {

    @TempDir
    Path tmp;

    @Test
    void aRunningWorkerFindsTheNoteInCoordinationMdAndItsTasksMd() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Path plan = repo.write("plan.yaml", """
                worker:
                  type: command
                  run: |
                    i=0
                    while ! grep -q 'Note for a' "$PWT_COORDINATION" && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done
                    grep -A2 'Note for a' "$PWT_COORDINATION" > heard.txt
                    grep -A2 'Note from the operator' TASKS.md >> heard.txt
                    echo '# R' > RESULTS.md
                workstreams: [{name: a, prompt: x}]
                """);
        Process run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Pwt.class.getName(), "run", plan.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("run.out").toFile()).start();
        Path sessions = repo.layout("plan").sessionsFile();
        TestRepo.awaitTrue("a running", Duration.ofSeconds(60), () -> Files.exists(sessions)
                && TestRepo.json(sessions).path("a").path("status").asText().equals("running"));

        PwtRunner steer = pwt("steer", plan.toString(), "a", "Use the blue colour, not the red one.");

        assertThat(steer.exitCode()).as(steer.out() + steer.err()).isZero();
        assertThat(steer.out()).contains("a is running in a live run: its worker reads the note there.");
        assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).as(Files.readString(tmp.resolve("run.out"))).isZero();
        String heard = Files.readString(repo.layout("plan").worktree("a").resolve("heard.txt"));
        assertThat(heard).contains("## Note for a from the operator (pwt steer,")
                .contains("## Note from the operator (");
        assertThat(heard.split("Use the blue colour, not the red one.", -1)).hasSize(3);
    }

    @Test
    void retryWithANoteRunsAFailedCommandWorkerAgainWithItsNoteInPwtNote() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Path plan = repo.write("plan.yaml", """
                worker:
                  type: command
                  run: |
                    if [ -z "$PWT_NOTE" ]; then echo 'no note' >&2; exit 1; fi
                    cp "$PWT_NOTE" got-note.txt
                    echo '# R' > RESULTS.md
                workstreams: [{name: a, prompt: x}, {name: b, prompt: x, worker: {type: command, run: 'exit 1'}}]
                """);
        assertThat(pwt("run", plan.toString()).exitCode()).isEqualTo(1);

        PwtRunner retry = pwt("retry", plan.toString(), "a", "--note", "The config lives in etc/, not conf/.");

        // b failed too and stays failed: retry runs only what it names
        assertThat(retry.exitCode()).as(retry.out() + retry.err()).isEqualTo(1);
        assertThat(retry.out()).contains("retrying a").containsPattern("a\\s+done").containsPattern("b\\s+failed");
        assertThat(repo.layout("plan").worktree("a").resolve("got-note.txt"))
                .hasContent("The config lives in etc/, not conf/.");
        assertThat(repo.layout("plan").resultsDir("a").resolve("note-2.md")).exists();
        assertThat(repo.layout("plan").controlDir().resolve("note-a.md")).doesNotExist();
        assertThat(pwt("retry", plan.toString(), "c").err()).contains("workstream 'c' is not in the plan");
    }

    private static final String CLAUDE_WORKER = """
            turns:
              - tool_use: {name: Write, input: {file_path: "{{worktree}}/RESULTS.md", content: "# R\\\\n\\\\nDone.\\\\n"}}
              - text: Done.
            """;

    @Test
    void steeringAnEndedClaudeWorkerResumesItsSessionWithTheNote() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        repo.write("worker.yaml", CLAUDE_WORKER);
        Path plan = repo.write("plan.yaml", """
                worker: {type: claude, claudePath: '%s', rehearsal: worker.yaml, permissionMode: acceptEdits, timeoutMinutes: 1}
                workstreams: [{name: a, prompt: Write the results.}]
                """.formatted(ClaudeCli.binary()));
        assertThat(pwt("run", plan.toString()).exitCode()).isZero();
        String session = TestRepo.json(repo.layout("plan").sessionsFile()).path("a").path("session_id").asText();
        assertThat(session).isNotBlank();

        PwtRunner steer = pwt("steer", plan.toString(), "a", "Also mention the changelog in RESULTS.md.");

        assertThat(steer.exitCode()).as(steer.out() + steer.err()).isZero();
        assertThat(steer.out()).contains("a has ended (done): running it again with the note.");
        String log = Files.readString(repo.layout("plan").workerLog("a"));
        assertThat(log).contains("--resume " + session).contains("the operator's note for this attempt");
        // the resumed session (the CLI's own record of it) holds the prompt with the operator's note
        String sessions;
        try (java.util.stream.Stream<Path> files = Files.walk(repo.layout("plan").root().resolve("rehearsal-home"))) {
            sessions = files.filter(f -> f.toString().endsWith(session + ".jsonl")).map(TestRepo::read)
                    .reduce("", String::concat);
        }
        assertThat(sessions).contains("A note from the operator for this attempt")
                .contains("Also mention the changelog in RESULTS.md.");
        assertThat(TestRepo.json(repo.layout("plan").sessionsFile()).path("a").path("status").asText())
                .isEqualTo("done");
    }
}
