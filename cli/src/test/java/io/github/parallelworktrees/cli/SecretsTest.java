package io.github.parallelworktrees.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.parallelworktrees.engine.rehearsal.RehearsalScript;
import io.github.parallelworktrees.engine.rehearsal.ScriptedModelServer;
import io.github.parallelworktrees.engine.testing.ClaudeCli;
import io.github.parallelworktrees.engine.testing.TestRepo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API key reaches the Claude CLI through the environment, and no file a run leaves. */
class SecretsTest {

    @TempDir
    Path tmp;

    @Test
    void theApiKeyAppearsInNoFileTheRunLeavesNorInItsOutput() throws Exception {
        String secret = "sk-ant-api03-" + UUID.randomUUID().toString().replace("-", "");
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Path worktree = repo.dir().resolve(".worktrees/feat/a");
        RehearsalScript script = RehearsalScript.parse("""
                turns:
                  - tool_use: {name: Write, input: {file_path: "%1$s/a.txt", content: "a\\n"}}
                  - tool_use: {name: Bash, input: {command: "env | grep -c ANTHROPIC_API_KEY; git add a.txt && git commit -qm a"}}
                  - tool_use: {name: Write, input: {file_path: "%1$s/RESULTS.md", content: "# R\\n\\nDone.\\n"}}
                  - text: Done.
                """.formatted(worktree), "secrets.yaml");
        Path plan = repo.write("feat.yaml", "worker: {type: claude, claudePath: '" + ClaudeCli.binary()
                + "', allowedTools: ['Bash(git:*)', 'Bash(env:*)', 'Bash(grep:*)'], timeoutMinutes: 1}\n"
                + "workstreams: [{name: a, prompt: Work.}]\n");
        Path home = Files.createDirectories(tmp.resolve("home"));
        Files.createDirectories(home.resolve("tmp"));

        try (ScriptedModelServer server = ScriptedModelServer.start(script)) {
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-cp", System.getProperty("java.class.path"), Pwt.class.getName(), "run",
                    plan.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(tmp.resolve("pwt.out").toFile());
            builder.environment().put("ANTHROPIC_API_KEY", secret);
            builder.environment().put("ANTHROPIC_BASE_URL", server.baseUrl());
            builder.environment().put("HOME", home.toString());
            builder.environment().put("CLAUDE_CONFIG_DIR", home.resolve(".claude").toString());
            builder.environment().put("CLAUDE_CODE_TMPDIR", home.resolve("tmp").toString());
            builder.environment().put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
            Process pwt = builder.start();
            assertThat(pwt.waitFor(90, TimeUnit.SECONDS)).isTrue();

            String output = Files.readString(tmp.resolve("pwt.out"));
            assertThat(pwt.exitValue()).as(output).isZero();
            assertThat(server.turnRequests().get(0).headers().get("x-api-key")).containsExactly("<redacted>");
            assertThat(output).doesNotContain(secret);
        }
        List<Path> leaking = filesContaining(repo.dir(), secret);
        assertThat(leaking).as("files a run left that hold the key").isEmpty();
        assertThat(repo.layout("feat").resultsDir("a").resolve("transcript.jsonl"))
                .as("the worker saw the variable; its value stayed out").content().contains("ANTHROPIC_API_KEY");
    }

    private static List<Path> filesContaining(Path root, String secret) throws IOException {
        byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
        List<Path> hits = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                if (text.contains(new String(needle, StandardCharsets.ISO_8859_1))) {
                    hits.add(file);
                }
            }
        }
        return hits;
    }
}
