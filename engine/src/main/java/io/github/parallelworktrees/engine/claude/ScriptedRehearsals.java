package io.github.parallelworktrees.engine.claude;

import io.github.parallelworktrees.engine.rehearsal.RehearsalScript;
import io.github.parallelworktrees.engine.rehearsal.ScriptedModelServer;
import io.github.parallelworktrees.engine.worker.WorkerContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * A worker with {@code rehearsal: script.yaml} talks to a scripted model on 127.0.0.1 instead of the API: the
 * real CLI does real work in the worktree, and no token is spent. Each worker gets its own server replaying
 * the script from its first turn; {@code {{workstream}}}, {@code {{feature}}} and {@code {{branch}}} in the
 * script are replaced by the worker's own.
 */
public final class ScriptedRehearsals implements Rehearsals {

    /** Credentials and provider switches that must not reach a rehearsal. */
    private static final Set<String> REAL_CREDENTIALS = Set.of("ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN",
            "CLAUDE_CODE_OAUTH_TOKEN", "CLAUDE_CODE_USE_BEDROCK", "CLAUDE_CODE_USE_VERTEX", "ANTHROPIC_MODEL",
            "CLAUDECODE", "CLAUDE_CODE_ENTRYPOINT");

    /** The script text with the worker's names in place of its placeholders. */
    static String fill(String text, String workstream, String feature, String branch) {
        return text.replace("{{workstream}}", workstream).replace("{{feature}}", feature)
                .replace("{{branch}}", branch);
    }

    /** The same, with {@code {{worktree}}} too (the worker's absolute worktree path, for file tools). */
    static String fill(String text, WorkerContext ctx) {
        return fill(text, ctx.workstream().name(), ctx.feature(), ctx.branch())
                .replace("{{worktree}}", ctx.worktree().toString());
    }

    /** The run's rehearsal home, made if missing: one per run, so that a resumed rehearsal finds its sessions. */
    static Path home(Path runRoot) throws IOException {
        Path home = runRoot.resolve("rehearsal-home");
        Files.createDirectories(home.resolve(".claude"));
        Files.createDirectories(home.resolve("tmp"));
        return home;
    }

    /** What points the CLI at {@code server}, with its session files under {@code home}. */
    static Map<String, String> environment(ScriptedModelServer server, Path home) {
        return Map.of(
                "ANTHROPIC_BASE_URL", server.baseUrl(),
                "ANTHROPIC_API_KEY", "rehearsal-no-key",
                "HOME", home.toString(),
                "CLAUDE_CONFIG_DIR", home.resolve(".claude").toString(),
                "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1",
                "CLAUDE_CODE_TMPDIR", home.resolve("tmp").toString());
    }

    /** The changes to a CLI's environment for a rehearsal: real credentials removed, then the scripted model's. */
    static Map<String, String> changes(ScriptedModelServer server, Path home) {
        Map<String, String> changes = new java.util.HashMap<>();
        REAL_CREDENTIALS.forEach(name -> changes.put(name, null));
        changes.putAll(environment(server, home));
        return changes;
    }

    private final java.util.function.Consumer<ScriptedModelServer> observer;

    public ScriptedRehearsals() {
        this(server -> { });
    }

    /** @param observer sees each scripted model as it starts (tests read the requests it recorded) */
    public ScriptedRehearsals(java.util.function.Consumer<ScriptedModelServer> observer) {
        this.observer = observer;
    }

    @Override
    public Endpoint start(WorkerContext ctx) throws IOException {
        if (ctx.workstream().worker().rehearsal().isEmpty()) {
            return REAL_API;
        }
        Path scriptFile = ctx.repository().resolve(ctx.workstream().worker().rehearsal().get()).normalize();
        String text;
        try {
            text = Files.readString(scriptFile);
        } catch (NoSuchFileException e) {
            throw new IOException("workstream '" + ctx.workstream().name() + "': rehearsal script " + scriptFile
                    + " does not exist", e);
        }
        text = fill(text, ctx);
        RehearsalScript script = RehearsalScript.parse(text, scriptFile.toString());
        ScriptedModelServer server = ScriptedModelServer.start(script);
        observer.accept(server);
        Path home = home(ctx.runRoot());
        return new Endpoint() {
            @Override
            public Map<String, String> environment() {
                return ScriptedRehearsals.environment(server, home);
            }

            @Override
            public Set<String> unset() {
                return REAL_CREDENTIALS;
            }

            @Override
            public void close() {
                server.close();
            }
        };
    }
}
