package io.github.parallelworktrees.engine.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.parallelworktrees.engine.rehearsal.RealClaudeCli.Run;
import io.github.parallelworktrees.engine.rehearsal.ScriptedModelServer.Kind;
import io.github.parallelworktrees.engine.rehearsal.ScriptedModelServer.RecordedRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Claude Code CLI ({@code tools/claude-cli}, pinned 2.1.329) against a {@link
 * ScriptedModelServer}: headless, offline, in a temporary git repository, with a throwaway HOME.
 * Fails (never skips) when the CLI is not installed: run {@code tools/install-claude-cli}.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ClaudeCliRehearsalTest {

    private static final String COMMIT = "git add -A && git commit -m x";

    @TempDir Path temp;

    @BeforeAll
    static void theCliIsInstalled() throws Exception {
        Path claude = RealClaudeCli.binary();
        Process version =
                new ProcessBuilder(claude.toString(), "--version")
                        .redirectErrorStream(true)
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                        .start();
        String out = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(version.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(out)
                .as("run tools/install-claude-cli: %s --version", claude)
                .startsWith(RealClaudeCli.PINNED_VERSION);
    }

    @Test
    void writesAFileAndEndsTheTurn() throws Exception {
        Path repo = RealClaudeCli.newRepo(temp);
        Path hello = repo.resolve("hello.txt");
        RehearsalScript script =
                RehearsalScript.of(
                        RehearsalScript.Turn.toolUse(
                                "Write",
                                Map.of("file_path", hello.toString(), "content", "hello world\n")),
                        RehearsalScript.Turn.text("Created hello.txt."));

        try (ScriptedModelServer server = ScriptedModelServer.start(script)) {
            Run run =
                    RealClaudeCli.run(
                            repo,
                            RealClaudeCli.environment(server, home()),
                            RealClaudeCli.headless("Create hello.txt", "acceptEdits"),
                            RealClaudeCli.DEFAULT_TIMEOUT);

            assertThat(run.exitCode()).as(run.describe()).isZero();
            assertThat(Files.readString(hello)).isEqualTo("hello world\n");

            JsonNode init =
                    run.init().orElseThrow(() -> new AssertionError("no init: " + run.describe()));
            assertThat(init.path("session_id").asText()).isNotBlank();
            assertThat(init.path("permissionMode").asText()).isEqualTo("acceptEdits");
            assertThat(init.path("claude_code_version").asText())
                    .isEqualTo(RealClaudeCli.PINNED_VERSION);
            JsonNode result =
                    run.result()
                            .orElseThrow(() -> new AssertionError("no result: " + run.describe()));
            assertThat(result.path("subtype").asText()).isEqualTo("success");
            assertThat(result.path("is_error").asBoolean()).isFalse();
            assertThat(result.path("result").asText()).isEqualTo("Created hello.txt.");
            assertThat(result.path("session_id").asText())
                    .isEqualTo(init.path("session_id").asText());
            assertThat(result.path("num_turns").asInt()).isEqualTo(2);
            assertThat(result.path("permission_denials")).isEmpty();

            List<RecordedRequest> turns = server.turnRequests();
            assertThat(turns).hasSize(2);
            assertThat(turns.get(0).toolNames()).contains("Write", "Edit", "Bash", "Read");
            assertThat(turns.get(0).streaming()).isTrue();
            assertThat(turns.get(0).conversationText()).contains("Create hello.txt");
            String toolUseId = turns.get(0).toolUseIds().get(0);
            JsonNode toolResult =
                    turns.get(1)
                            .toolResult(toolUseId)
                            .orElseThrow(
                                    () ->
                                            new AssertionError(
                                                    "request 2 has no tool_result for "
                                                            + toolUseId));
            assertThat(toolResult.path("is_error").asBoolean(false)).isFalse();
            assertThat(toolResult.toString()).contains("File created successfully");
            assertThat(server.requests(Kind.EXHAUSTED)).isEmpty();
            assertThat(server.requests(Kind.SIDE))
                    .as("side requests of 2.1.329 in -p mode")
                    .isEmpty();
            assertThat(turns.get(0).headers().get("x-api-key")).containsExactly("<redacted>");
        }
    }

    @Test
    void aBashCommitIsDeniedUnderAcceptEdits() throws Exception {
        Path repo = RealClaudeCli.newRepo(temp);
        Files.writeString(repo.resolve("a.txt"), "a\n");
        RehearsalScript script =
                RehearsalScript.of(
                        RehearsalScript.Turn.toolUse("Bash", Map.of("command", COMMIT)),
                        RehearsalScript.Turn.text("Could not commit."));

        try (ScriptedModelServer server = ScriptedModelServer.start(script)) {
            Run run =
                    RealClaudeCli.run(
                            repo,
                            RealClaudeCli.environment(server, home()),
                            RealClaudeCli.headless("Commit", "acceptEdits"),
                            RealClaudeCli.DEFAULT_TIMEOUT);

            assertThat(run.exitCode()).as(run.describe()).isZero();
            JsonNode result = run.result().orElseThrow();
            assertThat(result.path("subtype").asText()).isEqualTo("success");
            assertThat(result.path("is_error").asBoolean()).isFalse();
            JsonNode denials = result.path("permission_denials");
            assertThat(denials).hasSize(1);
            assertThat(denials.get(0).path("tool_name").asText()).isEqualTo("Bash");
            assertThat(denials.get(0).path("tool_input").path("command").asText())
                    .isEqualTo(COMMIT);

            String toolUseId = server.turnRequests().get(0).toolUseIds().get(0);
            assertThat(denials.get(0).path("tool_use_id").asText()).isEqualTo(toolUseId);
            JsonNode denied = server.turnRequests().get(1).toolResult(toolUseId).orElseThrow();
            assertThat(denied.path("is_error").asBoolean()).isTrue();
            assertThat(denied.path("content").asText()).contains("require approval");
            assertThat(run.toolResults()).hasSize(1);
            assertThat(RealClaudeCli.git(repo, "log", "--format=%s")).isEqualTo("initial\n");
        }
    }

    @Test
    void allowedToolsLetGitRunUnderAcceptEdits() throws Exception {
        Path repo = RealClaudeCli.newRepo(temp);
        RehearsalScript script =
                RehearsalScript.of(
                        RehearsalScript.Turn.toolUse(
                                "Write",
                                Map.of(
                                        "file_path",
                                        repo.resolve("a.txt").toString(),
                                        "content",
                                        "a\n")),
                        RehearsalScript.Turn.toolUse(
                                "Bash", Map.of("command", COMMIT, "description", "commit")),
                        RehearsalScript.Turn.text("Committed."));

        try (ScriptedModelServer server = ScriptedModelServer.start(script)) {
            Run run =
                    RealClaudeCli.run(
                            repo,
                            RealClaudeCli.environment(server, home()),
                            RealClaudeCli.headless(
                                    "Commit", "acceptEdits", "--allowedTools", "Bash(git:*)"),
                            RealClaudeCli.DEFAULT_TIMEOUT);

            assertThat(run.exitCode()).as(run.describe()).isZero();
            assertThat(run.result().orElseThrow().path("permission_denials")).isEmpty();
            assertThat(RealClaudeCli.git(repo, "log", "--format=%s")).isEqualTo("x\ninitial\n");
            assertThat(server.turnRequests()).hasSize(3);
        }
    }

    @Test
    void bypassPermissionsNeedsIsSandboxWhenRoot() throws Exception {
        Path repo = RealClaudeCli.newRepo(temp);
        Files.writeString(repo.resolve("a.txt"), "a\n");
        RehearsalScript script =
                RehearsalScript.of(
                        RehearsalScript.Turn.toolUse("Bash", Map.of("command", COMMIT)),
                        RehearsalScript.Turn.text("Committed."));
        boolean root = isRoot();

        try (ScriptedModelServer server = ScriptedModelServer.start(script)) {
            Map<String, String> env = RealClaudeCli.environment(server, home());
            if (root) {
                Run refused =
                        RealClaudeCli.run(
                                repo,
                                env,
                                RealClaudeCli.headless("Commit", "bypassPermissions"),
                                RealClaudeCli.DEFAULT_TIMEOUT);
                assertThat(refused.exitCode()).as(refused.describe()).isEqualTo(1);
                assertThat(refused.stderr())
                        .contains(
                                "--dangerously-skip-permissions cannot be used with root/sudo privileges");
                assertThat(refused.events()).isEmpty();
                assertThat(server.requests()).isEmpty();
            }
            env.put("IS_SANDBOX", "1");
            Run run =
                    RealClaudeCli.run(
                            repo,
                            env,
                            RealClaudeCli.headless("Commit", "bypassPermissions"),
                            RealClaudeCli.DEFAULT_TIMEOUT);

            assertThat(run.exitCode()).as(run.describe()).isZero();
            assertThat(run.init().orElseThrow().path("permissionMode").asText())
                    .isEqualTo("bypassPermissions");
            assertThat(run.result().orElseThrow().path("permission_denials")).isEmpty();
            assertThat(RealClaudeCli.git(repo, "log", "--format=%s")).isEqualTo("x\ninitial\n");
        }
    }

    @Test
    void aResumedSessionSendsTheEarlierConversation() throws Exception {
        Path repo = RealClaudeCli.newRepo(temp);
        Path home = home();
        RehearsalScript script =
                RehearsalScript.of(
                        RehearsalScript.Turn.toolUse(
                                "Write",
                                Map.of(
                                        "file_path",
                                        repo.resolve("a.txt").toString(),
                                        "content",
                                        "a\n")),
                        RehearsalScript.Turn.text("First done."),
                        RehearsalScript.Turn.text("Second done."));

        try (ScriptedModelServer server = ScriptedModelServer.start(script)) {
            Map<String, String> env = RealClaudeCli.environment(server, home);
            Run first =
                    RealClaudeCli.run(
                            repo,
                            env,
                            RealClaudeCli.headless("first prompt", "acceptEdits"),
                            RealClaudeCli.DEFAULT_TIMEOUT);
            assertThat(first.exitCode()).as(first.describe()).isZero();
            String sessionId = first.result().orElseThrow().path("session_id").asText();

            Run second =
                    RealClaudeCli.run(
                            repo,
                            env,
                            RealClaudeCli.headless(
                                    "second prompt", "acceptEdits", "--resume", sessionId),
                            RealClaudeCli.DEFAULT_TIMEOUT);

            assertThat(second.exitCode()).as(second.describe()).isZero();
            assertThat(second.init().orElseThrow().path("session_id").asText())
                    .isEqualTo(sessionId);
            JsonNode result = second.result().orElseThrow();
            assertThat(result.path("session_id").asText()).isEqualTo(sessionId);
            assertThat(result.path("result").asText()).isEqualTo("Second done.");

            List<RecordedRequest> turns = server.turnRequests();
            assertThat(turns).hasSize(3);
            RecordedRequest resumed = turns.get(2);
            String toolUseId = turns.get(0).toolUseIds().get(0);
            assertThat(resumed.toolResult(toolUseId)).as("the earlier tool_result").isPresent();
            String conversation = resumed.conversationText();
            assertThat(conversation).contains("first prompt", "First done.", "second prompt");
            assertThat(conversation.indexOf("first prompt"))
                    .isLessThan(conversation.indexOf("second prompt"));
            assertThat(resumed.headers().get("x-claude-code-session-id"))
                    .containsExactly(sessionId);
        }
    }

    @Test
    void aModelThatNeverEndsStopsAtMaxTurns() throws Exception {
        Path repo = RealClaudeCli.newRepo(temp);
        RehearsalScript script =
                RehearsalScript.parse(
                        "- tool_use: {name: Bash, input: {command: 'true'}}\n  repeat: forever\n",
                        "never-ends.yaml");

        try (ScriptedModelServer server = ScriptedModelServer.start(script)) {
            Run run =
                    RealClaudeCli.run(
                            repo,
                            RealClaudeCli.environment(server, home()),
                            RealClaudeCli.headless("Loop", "acceptEdits", "--max-turns", "3"),
                            RealClaudeCli.DEFAULT_TIMEOUT);

            JsonNode result = run.result().orElseThrow(() -> new AssertionError(run.describe()));
            assertThat(result.path("subtype").asText())
                    .as(run.describe())
                    .isEqualTo("error_max_turns");
            assertThat(result.path("is_error").asBoolean()).isTrue();
            assertThat(result.path("permission_denials")).as("Bash 'true' is allowed").isEmpty();
            assertThat(server.turnsServed()).as("one request per turn").isEqualTo(3);
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(server.requests(Kind.EXHAUSTED)).isEmpty();
        }
    }

    @Test
    void anExhaustedScriptEndsTheRunAtOnceAndSaysSo() throws Exception {
        Path repo = RealClaudeCli.newRepo(temp);
        RehearsalScript script =
                RehearsalScript.of(
                        RehearsalScript.Turn.toolUse(
                                "Write",
                                Map.of(
                                        "file_path",
                                        repo.resolve("a.txt").toString(),
                                        "content",
                                        "a\n")));

        try (ScriptedModelServer server = ScriptedModelServer.start(script)) {
            Run run =
                    RealClaudeCli.run(
                            repo,
                            RealClaudeCli.environment(server, home()),
                            RealClaudeCli.headless("Write a.txt", "acceptEdits"),
                            RealClaudeCli.DEFAULT_TIMEOUT);

            JsonNode result = run.result().orElseThrow(() -> new AssertionError(run.describe()));
            assertThat(result.path("is_error").asBoolean()).as(run.describe()).isTrue();
            assertThat(result.path("api_error_status").asInt()).isEqualTo(500);
            assertThat(result.path("result").asText())
                    .contains("rehearsal script exhausted after 1 turns");
            assertThat(run.exitCode()).isNotZero();
            assertThat(server.requests(Kind.EXHAUSTED)).as("no retries").hasSize(1);
        }
    }

    @Test
    void aMissingCliFailsWithTheInstallHint() throws Exception {
        Path project = temp.resolve("project");
        Files.createDirectories(project.resolve("tools/claude-cli"));
        Files.writeString(project.resolve("tools/claude-cli/package.json"), "{}");
        Path module = Files.createDirectories(project.resolve("engine"));

        assertThatThrownBy(() -> RealClaudeCli.binary(module))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("run tools/install-claude-cli")
                .hasMessageContaining(
                        project.resolve("tools/claude-cli/node_modules/.bin/claude").toString());
    }

    private Path home() throws IOException {
        return Files.createTempDirectory(temp, "home");
    }

    private static boolean isRoot() throws Exception {
        Process id =
                new ProcessBuilder("id", "-u")
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                        .start();
        String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        id.waitFor(10, TimeUnit.SECONDS);
        return uid.equals("0");
    }
}
