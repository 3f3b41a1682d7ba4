package io.github.parallelworktrees.engine.claude;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.parallelworktrees.engine.ledger.Json;
import io.github.parallelworktrees.engine.plan.WorkerSpec;
import io.github.parallelworktrees.engine.process.Environment;
import io.github.parallelworktrees.engine.process.ProcessTree;
import io.github.parallelworktrees.engine.process.Secrets;
import io.github.parallelworktrees.engine.rehearsal.RehearsalScript;
import io.github.parallelworktrees.engine.rehearsal.ScriptedModelServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A question to a Claude worker's session that leaves the session as it was ({@code pwt ask}): the CLI resumes it
 * with {@code --fork-session}, so the answer goes into a new session branched from it and the worker's own
 * session file is not written; {@code --permission-mode plan} keeps the asked agent from editing anything. It
 * works while the worker runs (the fork reads the session as it is) and after.
 */
public final class SessionQuestion {

    /** The answer, what it cost, and the forked session's id. */
    public record Answer(String text, double costUsd, Optional<String> forkedSession) {
    }

    private SessionQuestion() {
    }

    /**
     * Asks {@code question} of the session {@code sessionId}, run in the worker's {@code worktree} (the CLI finds
     * a session by its directory).
     *
     * @param spec the worker's spec (its CLI, model)
     * @param runRoot the run's folder
     * @param rehearsed the worker ran against a scripted model (its session files are in the run's rehearsal home),
     *     and {@code script} is the scripted answer; false for the real API
     */
    public static Answer ask(Path repository, Path worktree, WorkerSpec spec, String sessionId, String question,
            Environment environment, Path runRoot, boolean rehearsed, Optional<Path> script, Duration timeout)
            throws IOException, InterruptedException {
        String executable = spec.claudePath();
        if (executable.contains("/") && !Path.of(executable).isAbsolute()) {
            executable = repository.resolve(executable).normalize().toString();
        }
        List<String> args = new ArrayList<>(List.of(executable, "-p", question, "--output-format", "stream-json",
                "--verbose", "--model", spec.model(), "--resume", sessionId, "--fork-session",
                "--permission-mode", "plan"));
        ScriptedModelServer server = null;
        Map<String, String> changes = new HashMap<>();
        try {
            if (rehearsed) {
                if (script.isEmpty()) {
                    throw new IllegalArgumentException("this worker ran in a rehearsal (a scripted model): give the"
                            + " answer's script (--rehearsal SCRIPT) to ask it offline");
                }
                server = ScriptedModelServer.start(RehearsalScript.parse(Files.readString(script.get()),
                        script.get().toString()));
                // the worker's own rehearsal environment, so that the CLI finds its session there
                changes.putAll(ScriptedRehearsals.changes(server, ScriptedRehearsals.home(runRoot)));
            }
            Environment env = environment.with(changes);
            Secrets secrets = Secrets.in(env, List.of());
            ProcessBuilder builder = env.applyTo(new ProcessBuilder(env.resolve(args))).directory(worktree.toFile())
                    .redirectErrorStream(false);
            Path err = Files.createTempFile("pwt-ask-", ".err");
            try {
                builder.redirectError(err.toFile());
                Process process = builder.start();
                process.getOutputStream().close();
                String stdout;
                Thread reader;
                StringBuilder out = new StringBuilder();
                reader = new Thread(() -> {
                    try {
                        out.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, "pwt-ask-output");
                reader.start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    ProcessTree.destroy(process.toHandle(), Duration.ofSeconds(3));
                    throw new IOException("no answer within " + timeout.toSeconds() + " s; the question was stopped");
                }
                reader.join();
                stdout = out.toString();
                JsonNode result = null;
                for (String line : stdout.split("\n")) {
                    if (line.startsWith("{")) {
                        JsonNode node = Json.MAPPER.readTree(line);
                        if ("result".equals(node.path("type").asText())) {
                            result = node;
                        }
                    }
                }
                if (result == null) {
                    String why = Files.readString(err).strip();
                    throw new IOException("the Claude CLI gave no answer (exit " + process.exitValue() + ")"
                            + (why.isEmpty() ? "" : ": " + secrets.mask(why.length() > 500 ? why.substring(0, 500)
                            : why)));
                }
                ClaudeResult parsed = new ClaudeResult(result);
                if (!parsed.succeeded()) {
                    throw new IOException("the Claude CLI could not answer: " + secrets.mask(parsed.error()));
                }
                return new Answer(secrets.mask(result.path("result").asText("")), parsed.usage().costUsd(),
                        parsed.sessionId());
            } finally {
                Files.deleteIfExists(err);
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }
}
