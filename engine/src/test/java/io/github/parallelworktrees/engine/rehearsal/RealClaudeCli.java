package io.github.parallelworktrees.engine.rehearsal;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real Claude Code CLI from {@code tools/claude-cli} (installed by {@code
 * tools/install-claude-cli}) against a {@link ScriptedModelServer}, headless, with a clean
 * environment and a throwaway HOME, and collects its stream-json output.
 */
final class RealClaudeCli {

    static final String PINNED_VERSION = "2.1.329";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(25);

    private static final ObjectMapper JSON = new ObjectMapper();

    private RealClaudeCli() {}

    /** What one run left behind. */
    record Run(int exitCode, List<JsonNode> events, String stdout, String stderr, Duration took) {

        Optional<JsonNode> init() {
            return events.stream()
                    .filter(e -> "system".equals(e.path("type").asText()))
                    .filter(e -> "init".equals(e.path("subtype").asText()))
                    .findFirst();
        }

        Optional<JsonNode> result() {
            return events.stream()
                    .filter(e -> "result".equals(e.path("type").asText()))
                    .reduce((a, b) -> b);
        }

        /** The tool_result blocks the CLI reported in its {@code user} events. */
        List<JsonNode> toolResults() {
            List<JsonNode> results = new ArrayList<>();
            for (JsonNode event : events) {
                if ("user".equals(event.path("type").asText())) {
                    for (JsonNode block : event.path("message").path("content")) {
                        if ("tool_result".equals(block.path("type").asText())) {
                            results.add(block);
                        }
                    }
                }
            }
            return results;
        }

        /** For assertion messages: the exit code, stderr and the tail of stdout. */
        String describe() {
            String tail =
                    stdout.length() > 4000
                            ? "..." + stdout.substring(stdout.length() - 4000)
                            : stdout;
            return "exit "
                    + exitCode
                    + " after "
                    + took.toMillis()
                    + " ms\nstderr: "
                    + stderr
                    + "\nstdout: "
                    + tail;
        }
    }

    /** The CLI binary; fails the test (never skips) when it is not installed. */
    static Path binary() {
        return io.github.parallelworktrees.engine.testing.ClaudeCli.binary();
    }

    static Path binary(Path start) {
        return io.github.parallelworktrees.engine.testing.ClaudeCli.binary(start);
    }

    /** A fresh git repository with one empty commit and a committer identity. */
    static Path newRepo(Path parent) throws IOException, InterruptedException {
        Path repo = Files.createDirectories(parent.resolve("repo"));
        git(repo, "init", "-q", "-b", "main");
        git(repo, "config", "user.name", "Rehearsal Test");
        git(repo, "config", "user.email", "rehearsal@example.invalid");
        git(repo, "config", "commit.gpgsign", "false");
        git(repo, "commit", "-q", "--allow-empty", "-m", "initial");
        return repo;
    }

    static String git(Path repo, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(repo.toFile());
        builder.redirectErrorStream(true);
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("git " + String.join(" ", args) + " timed out");
        }
        if (process.exitValue() != 0) {
            fail("git " + String.join(" ", args) + " failed: " + out);
        }
        return out;
    }

    /**
     * The environment the CLI gets: nothing inherited but PATH and the locale (so no real API key
     * or OAuth token and no outer Claude Code session's variables leak in), a throwaway HOME.
     */
    static Map<String, String> environment(ScriptedModelServer server, Path home)
            throws IOException {
        Files.createDirectories(
                home.resolve("tmp"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Map<String, String> env = new LinkedHashMap<>();
        for (String keep : List.of("PATH", "LANG", "LC_ALL", "TZ")) {
            String value = System.getenv(keep);
            if (value != null) {
                env.put(keep, value);
            }
        }
        env.put("HOME", home.toString());
        env.put("CLAUDE_CONFIG_DIR", home.resolve(".claude").toString());
        env.put("ANTHROPIC_BASE_URL", server.baseUrl());
        env.put("ANTHROPIC_API_KEY", "rehearsal-dummy-key");
        env.put("DISABLE_AUTOUPDATER", "1");
        env.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
        // The CLI's own temporary files (claude-<uid>/..., cc-socks/<pid>.sock) go here, not to
        // /tmp.
        env.put("CLAUDE_CODE_TMPDIR", home.resolve("tmp").toString());
        return env;
    }

    /**
     * Runs the CLI in {@code cwd} with these arguments; kills it after the time-out. Its output is
     * kept beside {@code cwd} (in the test's temporary directory).
     */
    static Run run(Path cwd, Map<String, String> env, List<String> args, Duration timeout)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(binary().toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        Path logs = Files.createTempDirectory(cwd.toAbsolutePath().getParent(), "claude-run");
        Path out = logs.resolve("stdout.jsonl");
        Path err = logs.resolve("stderr.txt");
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.redirectOutput(out.toFile());
        builder.redirectError(err.toFile());
        long started = System.nanoTime();
        Process process = builder.start();
        boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        if (!finished) {
            fail(
                    "claude did not finish within "
                            + timeout.toSeconds()
                            + " s and was killed\nstderr: "
                            + stderr
                            + "\nstdout: "
                            + stdout);
        }
        List<JsonNode> events = new ArrayList<>();
        for (String line : stdout.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                events.add(JSON.readTree(line));
            } catch (IOException e) {
                fail("claude printed a line that is not JSON: " + line + "\nstderr: " + stderr);
            }
        }
        return new Run(process.exitValue(), events, stdout, stderr, took);
    }

    /** The usual headless arguments: prompt, stream-json, sonnet, and a permission mode. */
    static List<String> headless(String prompt, String permissionMode, String... more) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "-p",
                                prompt,
                                "--output-format",
                                "stream-json",
                                "--verbose",
                                "--model",
                                "sonnet",
                                "--permission-mode",
                                permissionMode));
        args.addAll(List.of(more));
        return args;
    }
}
