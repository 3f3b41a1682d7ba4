package io.github.parallelworktrees.cli;

import static io.github.parallelworktrees.cli.PwtRunner.pwt;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.parallelworktrees.engine.testing.ClaudeCli;
import io.github.parallelworktrees.engine.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pwt ask}: the real Claude Code CLI answers from a fork of a rehearsed worker's session; the worker's own
 * session file is byte for byte what it was.
 */
class AskCommandTest {

    private static final String WORKER = """
            turns:
              - tool_use: {name: Write, input: {file_path: "{{worktree}}/notes.txt", content: "halfway\\\\n"}}
              - tool_use: {name: Write, input: {file_path: "{{worktree}}/RESULTS.md", content: "# R\\\\n\\\\nWrote notes.\\\\n"}}
              - text: Done.
            """;

    private static final String ANSWER = """
            turns:
              - text: "I wrote notes.txt and RESULTS.md; the workstream is done."
            """;

    @TempDir
    Path tmp;

    private static Map<Path, String> sessionFiles(Path home) throws Exception {
        Map<Path, String> files = new TreeMap<>();
        if (!Files.isDirectory(home)) {
            return files;
        }
        try (Stream<Path> all = Files.walk(home)) {
            for (Path p : all.filter(f -> f.toString().endsWith(".jsonl")).toList()) {
                files.put(home.relativize(p), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(Files.readAllBytes(p))));
            }
        }
        return files;
    }

    @Test
    void aForkOfTheWorkersSessionAnswersAndTheWorkersSessionIsUnchanged() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        repo.write("worker.yaml", WORKER);
        Path answer = repo.write("answer.yaml", ANSWER);
        Path plan = repo.write("plan.yaml", """
                worker: {type: claude, claudePath: '%s', rehearsal: worker.yaml, permissionMode: acceptEdits, timeoutMinutes: 1}
                workstreams: [{name: a, prompt: Write notes.}, {name: c, prompt: x, worker: {type: command, run: 'echo "# R" > RESULTS.md'}}]
                """.formatted(ClaudeCli.binary()));
        PwtRunner run = pwt("run", plan.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        Path home = repo.layout("plan").root().resolve("rehearsal-home");
        Map<Path, String> before = sessionFiles(home);
        assertThat(before).isNotEmpty();

        PwtRunner asked = pwt("ask", plan.toString(), "a", "What's your current progress?", "--rehearsal",
                answer.toString());

        assertThat(asked.exitCode()).as(asked.out() + asked.err()).isZero();
        assertThat(asked.out()).contains("I wrote notes.txt and RESULTS.md; the workstream is done.")
                .containsPattern("\\(\\$0\\.\\d+; asked a fork of session [0-9a-f-]+ as [0-9a-f-]+: the worker's"
                        + " session is unchanged\\)");
        Map<Path, String> after = sessionFiles(home);
        before.forEach((file, hash) -> assertThat(after).as("%s", file).containsEntry(file, hash));
        assertThat(after.size()).as("the fork's own session file").isGreaterThan(before.size());

        assertThat(pwt("ask", plan.toString(), "a", "progress?").err()).contains("ran in a rehearsal");
        assertThat(pwt("ask", plan.toString(), "c", "progress?").err()).contains("has a command worker");
        assertThat(pwt("ask", plan.toString(), "b", "progress?").err()).contains("'b' is not in the plan");
    }
    private static final String SLOW_WORKER = """
            turns:
              - tool_use: {name: Bash, input: {command: "while [ ! -f asked.ignored ]; do sleep 0.2; done", description: wait}}
              - tool_use: {name: Write, input: {file_path: "{{worktree}}/RESULTS.md", content: "# R\\n\\nDone.\\n"}}
              - text: Done.
            """;

    @Test
    void aRunningWorkerIsAskedWhileItWorksAndGoesOnUndisturbed() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        repo.write(".gitignore", "*.ignored\n");
        repo.commitAll("ignore");
        repo.write("worker.yaml", SLOW_WORKER);
        Path answer = repo.write("answer.yaml", ANSWER);
        Path plan = repo.write("plan.yaml", """
                worker: {type: claude, claudePath: '%s', rehearsal: worker.yaml, permissionMode: acceptEdits, allowedTools: [Bash], timeoutMinutes: 2}
                workstreams: [{name: a, prompt: Wait and then write the results.}]
                """.formatted(ClaudeCli.binary()));
        java.util.concurrent.CompletableFuture<PwtRunner> run = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> pwt("run", plan.toString()));
        Path sessions = repo.layout("plan").sessionsFile();
        TestRepo.awaitTrue("a running with a session", java.time.Duration.ofSeconds(90), () -> Files.exists(sessions)
                && TestRepo.json(sessions).path("a").path("status").asText().equals("running")
                && !TestRepo.json(sessions).path("a").path("session_id").asText("").isEmpty()
                && Files.exists(repo.layout("plan").worktree("a").resolve(".git")));
        // the worker's Bash call is waiting now; its session is on disk up to that call
        TestRepo.awaitTrue("the session on disk", java.time.Duration.ofSeconds(30),
                () -> {
                    try {
                        return !sessionFiles(repo.layout("plan").root().resolve("rehearsal-home")).isEmpty();
                    } catch (Exception e) {
                        return false;
                    }
                });

        PwtRunner asked = pwt("ask", plan.toString(), "a", "What's your current progress?", "--rehearsal",
                answer.toString());

        assertThat(asked.exitCode()).as(asked.out() + asked.err()).isZero();
        assertThat(asked.out()).contains("I wrote notes.txt and RESULTS.md; the workstream is done.");
        assertThat(TestRepo.json(sessions).path("a").path("status").asText()).as("still working").isEqualTo("running");
        Files.writeString(repo.layout("plan").worktree("a").resolve("asked.ignored"), "go");
        PwtRunner ended = run.get(120, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(ended.exitCode()).as(ended.out() + ended.err()).isZero();
        assertThat(TestRepo.json(sessions).path("a").path("status").asText()).isEqualTo("done");
    }
}
