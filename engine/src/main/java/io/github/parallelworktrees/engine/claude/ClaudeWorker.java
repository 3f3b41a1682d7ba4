package io.github.parallelworktrees.engine.claude;

import io.github.parallelworktrees.engine.plan.WorkerSpec;
import io.github.parallelworktrees.engine.process.Environment;
import io.github.parallelworktrees.engine.process.LoggedCommand;
import io.github.parallelworktrees.engine.process.ProcessTree;
import io.github.parallelworktrees.engine.process.Secrets;
import io.github.parallelworktrees.engine.ledger.Json;
import io.github.parallelworktrees.engine.ledger.Usage;
import io.github.parallelworktrees.engine.worker.Worker;
import io.github.parallelworktrees.engine.worker.WorkerContext;
import io.github.parallelworktrees.engine.worker.WorkerOutcome;
import io.github.parallelworktrees.engine.worker.WorkerOutcome.Ending;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A worker of {@code type: claude}: the real Claude Code CLI, headless, in the workstream's worktree.
 *
 * <p>The stream is read as it arrives, so the session id reaches sessions.json before the run could crash.
 * Outcomes follow the result event, not the exit code. Transient API failures are retried with backoff,
 * continuing the session when there is one; a session the CLI no longer knows falls back to a fresh one.
 */
public final class ClaudeWorker implements Worker {

    /** API statuses worth another try: rate limited, server errors, overloaded. */
    private static final List<Integer> TRANSIENT_STATUS = List.of(408, 429, 500, 502, 503, 504, 529);
    private static final Pattern TRANSIENT_TEXT = Pattern.compile(
            "(?i)overloaded|rate.?limit|too many requests|internal server error|service unavailable"
                    + "|bad gateway|gateway timeout|\\b5\\d\\d\\b|ECONNRESET|socket hang up");
    private static final Pattern NO_CONVERSATION = Pattern.compile("(?i)no conversation found");
    private static final Duration GRACE = Duration.ofSeconds(5);

    private final Rehearsals rehearsals;
    private final Instructions instructions;

    /**
     * What a Claude worker of a role with one task (a reviewer) is told: the same prompt whether its session is
     * new, continued or resumed with a report.
     *
     * @param systemPrompt its role and rules, appended to the CLI's system prompt
     * @param prompt its task
     */
    public record Brief(String systemPrompt, String prompt) implements Instructions {
        @Override
        public String systemPrompt(WorkerContext ctx) {
            return systemPrompt;
        }

        @Override
        public String firstPrompt(WorkerContext ctx) {
            return prompt;
        }

        @Override
        public String repairPrompt(WorkerContext ctx, String report) {
            return prompt;
        }

        @Override
        public String continuationPrompt(WorkerContext ctx) {
            return prompt;
        }
    }

    /**
     * @param rehearsals starts the scripted model for workers with a {@code rehearsal} script
     */
    public ClaudeWorker(Rehearsals rehearsals) {
        this(rehearsals, Instructions.WORKSTREAM);
    }

    /** A worker of another role than a workstream's (the planner), told by {@code instructions}. */
    public ClaudeWorker(Rehearsals rehearsals, Instructions instructions) {
        this.rehearsals = rehearsals;
        this.instructions = instructions;
    }

    /**
     * What would stop a Claude worker of {@code ws} from starting, found before anything is created: root with
     * bypassPermissions and no IS_SANDBOX, a CLI that cannot be found, a rehearsal script that is missing or wrong.
     */
    public static Optional<String> preflight(io.github.parallelworktrees.engine.plan.Workstream ws, Path repository,
            Environment environment) {
        WorkerSpec spec = ws.worker();
        String prefix = "workstream '" + ws.name() + "': ";
        Optional<String> refusal = RootCheck.refusal(spec.permissionMode(), environment);
        if (refusal.isPresent()) {
            return Optional.of(prefix + refusal.get());
        }
        String cli = spec.claudePath();
        boolean found = cli.contains("/")
                ? Files.isExecutable(Path.of(cli).isAbsolute() ? Path.of(cli) : repository.resolve(cli))
                : environment.locate(cli).isPresent();
        if (!found) {
            return Optional.of(prefix + "the Claude Code CLI '" + cli + "' was not found; install it (npm install -g"
                    + " @anthropic-ai/claude-code) or set worker.claudePath");
        }
        if (spec.rehearsal().isPresent()) {
            Path script = repository.resolve(spec.rehearsal().get()).normalize();
            if (!Files.isRegularFile(script)) {
                return Optional.of(prefix + "rehearsal script " + script + " does not exist");
            }
            try {
                io.github.parallelworktrees.engine.rehearsal.RehearsalScript.parse(ScriptedRehearsals.fill(
                        Files.readString(script), ws.name(), "feature", "feature/" + ws.name())
                        .replace("{{worktree}}", "/worktree"), script.toString());
            } catch (IOException | RuntimeException e) {
                return Optional.of(prefix + e.getMessage());
            }
        }
        return Optional.empty();
    }


    @Override
    public WorkerOutcome run(WorkerContext ctx) throws IOException, InterruptedException {
        WorkerSpec spec = ctx.workstream().worker();
        // a worker must not update the CLI under a running plan
        Environment env = ctx.env().with(Map.of("DISABLE_AUTOUPDATER", "1"));
        Optional<String> refusal = RootCheck.refusal(spec.permissionMode(), env);
        if (refusal.isPresent()) {
            LoggedCommand.appendLine(ctx.log(), "pwt: " + refusal.get());
            return WorkerOutcome.ended(-1, Ending.FAILED, refusal.get(), Usage.NONE);
        }
        Files.createDirectories(ctx.resultsDir());
        Instant deadline = Instant.now().plus(spec.timeout());
        Optional<String> session = ctx.session();
        Usage spent = Usage.NONE;
        int retry = 0;
        boolean freshAfterLostSession = false;
        try (Rehearsals.Endpoint endpoint = rehearsals.start(ctx)) {
            Map<String, String> endpointVariables = new HashMap<>();
            endpoint.unset().forEach(name -> endpointVariables.put(name, null));
            endpointVariables.putAll(endpoint.environment());
            env = env.with(endpointVariables);
            // the key (given, or the endpoint's) never reaches transcript.jsonl, worker.log or a reason we record
            Secrets secrets = Secrets.in(env, List.of());
            while (true) {
                Attempt attempt = attempt(ctx, spec, env, secrets, session, deadline);
                spent = spent.plus(attempt.usage());
                if (attempt.session().isPresent()) {
                    session = attempt.session();
                }
                if (attempt.timedOut()) {
                    return WorkerOutcome.ended(attempt.exitCode(), Ending.TIMED_OUT, "timed out after "
                            + LoggedCommand.describe(spec.timeout()) + "; stopped claude and everything it started",
                            spent);
                }
                Optional<ClaudeResult> result = attempt.result();
                if (result.isPresent()) {
                    Json.writeAtomically(ctx.resultsDir().resolve("result.json"), result.get().raw());
                    if (result.get().succeeded()) {
                        return WorkerOutcome.succeeded(attempt.exitCode(), spent);
                    }
                }
                String error = result.map(ClaudeResult::error).orElse("the claude stream ended without a result"
                        + " (exit " + attempt.exitCode() + ")" + attempt.stderrHint());
                if (ctx.session().isPresent() && !freshAfterLostSession && session.equals(ctx.session())
                        && (NO_CONVERSATION.matcher(error).find() || NO_CONVERSATION.matcher(attempt.stderrHint())
                        .find())) {
                    say(ctx, "session " + session.get() + " cannot be resumed (no conversation found);"
                            + " starting a fresh session");
                    session = Optional.empty();
                    freshAfterLostSession = true;
                    continue;
                }
                if (result.isPresent() && result.get().subtype().equals("error_max_turns")) {
                    return WorkerOutcome.ended(attempt.exitCode(), Ending.MAX_TURNS, "used all "
                            + spec.maxTurns().map(String::valueOf).orElse("its") + " turns before finishing", spent);
                }
                if (result.isPresent() && result.get().subtype().equals("error_max_budget_usd")) {
                    return WorkerOutcome.ended(attempt.exitCode(), Ending.OVER_BUDGET, "reached its budget of $"
                            + spec.budgetUsd().map(b -> String.format("%.2f", b)).orElse("?")
                            + " before finishing", spent);
                }
                boolean transientFailure = result.flatMap(ClaudeResult::apiErrorStatus)
                        .map(TRANSIENT_STATUS::contains)
                        .orElse(TRANSIENT_TEXT.matcher(error).find());
                if (transientFailure && retry < spec.retries()) {
                    Duration wait = spec.retryDelay().multipliedBy(1L << retry);
                    retry++;
                    say(ctx, "transient API failure (" + error + "); retry " + retry + " of " + spec.retries()
                            + " in " + LoggedCommand.describe(wait));
                    Thread.sleep(wait.toMillis());
                    continue;
                }
                return WorkerOutcome.ended(attempt.exitCode(), Ending.FAILED, error
                        + (retry > 0 ? " (after " + retry + " retries)" : ""), spent);
            }
        }
    }

    private Attempt attempt(WorkerContext ctx, WorkerSpec spec, Environment env, Secrets secrets,
            Optional<String> session, Instant deadline) throws IOException, InterruptedException {
        String prompt = ctx.repair().isPresent()
                ? instructions.repairPrompt(ctx, Files.readString(ctx.repair().get().report()))
                : session.isPresent() ? instructions.continuationPrompt(ctx) : instructions.firstPrompt(ctx);
        Optional<String> operatorNote = ctx.env().get("PWT_NOTE").map(Path::of).filter(Files::isRegularFile)
                .map(ClaudeWorker::readQuietly);
        if (operatorNote.isPresent() && instructions == Instructions.WORKSTREAM) {
            // pwt retry --note / pwt steer of an ended worker: its session goes on with the operator's words
            prompt = prompt + "\n\nA note from the operator for this attempt (pwt steer / pwt retry --note); it"
                    + " comes first:\n\n" + operatorNote.get().strip();
        }
        List<String> args = ClaudeCommandLine.arguments(executable(ctx, spec), spec, prompt,
                instructions.systemPrompt(ctx), session, instructions.sharedDir(ctx));
        note(ctx, "claude " + (session.map(id -> "--resume " + id).orElse("new session")) + ", model "
                + spec.model() + ", permission mode " + spec.permissionMode());
        Path stderr = ctx.resultsDir().resolve("claude.stderr");
        ProcessBuilder builder = env.applyTo(new ProcessBuilder(ProcessTree.inOwnGroup(env.resolve(args)))
                .directory(ctx.worktree().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectError(ProcessBuilder.Redirect.to(stderr.toFile())));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IOException("cannot start the Claude Code CLI '" + args.get(0) + "': " + e.getMessage()
                    + "; install it (npm install -g @anthropic-ai/claude-code) or set worker.claudePath", e);
        }
        ctx.listener().processStarted(process.pid(), process.info().startInstant().orElse(Instant.now()));
        ClaudeStream stream = new ClaudeStream(new ClaudeStream.Events() {
            @Override
            public void session(String id) {
                ctx.listener().sessionStarted(id);
            }

            @Override
            public void progress(String line) {
                note(ctx, line);
                ctx.listener().progress(line);
            }
        });
        Path transcript = ctx.resultsDir().resolve("transcript.jsonl");
        Thread reader = new Thread(() -> read(process, stream, transcript, secrets),
                "pwt-claude-" + ctx.workstream().name());
        reader.setDaemon(true);
        reader.start();
        long left = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
        boolean finished = process.waitFor(left, TimeUnit.MILLISECONDS);
        if (!finished) {
            ProcessTree.destroy(process.toHandle(), GRACE);
            process.waitFor();
        }
        reader.join(TimeUnit.SECONDS.toMillis(10));
        return new Attempt(process.exitValue(), !finished, stream.result(), stream.sessionId(),
                stream.result().map(ClaudeResult::usage).orElse(Usage.NONE), secrets.mask(lastLine(stderr)));
    }

    /** Keeps the CLI's stream in transcript.jsonl and follows it, each line with the secrets masked. */
    private static void read(Process process, ClaudeStream stream, Path transcript, Secrets secrets) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
             Writer out = Files.newBufferedWriter(transcript, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                     StandardOpenOption.APPEND)) {
            String raw;
            while ((raw = lines.readLine()) != null) {
                String line = secrets.mask(raw);
                out.write(line);
                out.write('\n');
                out.flush();
                stream.accept(line);
            }
        } catch (IOException e) {
            // the process was stopped; what arrived is already recorded
        }
    }

    /** The CLI to run: a relative path with a slash is relative to the repository, a bare name is looked up. */
    private static String executable(WorkerContext ctx, WorkerSpec spec) {
        String path = spec.claudePath();
        if (path.contains("/") && !Path.of(path).isAbsolute()) {
            return ctx.repository().resolve(path).normalize().toString();
        }
        return path;
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    private static String lastLine(Path file) {
        try {
            if (!Files.exists(file)) {
                return "";
            }
            List<String> lines = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
            return lines.isEmpty() ? "" : ClaudeStream.abbreviate(lines.get(lines.size() - 1), 200);
        } catch (IOException e) {
            return "";
        }
    }

    /** A line for the log and the terminal. */
    private static void say(WorkerContext ctx, String line) {
        note(ctx, line);
        ctx.listener().progress(line);
    }

    /** A line for the worker's log only. */
    private static void note(WorkerContext ctx, String line) {
        try {
            LoggedCommand.appendLine(ctx.log(), line);
        } catch (IOException e) {
            // the stream itself is still kept in transcript.jsonl
        }
    }

    /** One launch of the CLI. */
    private record Attempt(int exitCode, boolean timedOut, Optional<ClaudeResult> result, Optional<String> session,
            Usage usage, String stderr) {

        String stderrHint() {
            return stderr.isEmpty() ? "" : ": " + stderr;
        }
    }
}
