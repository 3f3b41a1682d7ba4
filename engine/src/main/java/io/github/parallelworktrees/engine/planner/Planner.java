package io.github.parallelworktrees.engine.planner;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.parallelworktrees.engine.claude.ClaudeWorker;
import io.github.parallelworktrees.engine.claude.Rehearsals;
import io.github.parallelworktrees.engine.git.Exclusions;
import io.github.parallelworktrees.engine.git.Git;
import io.github.parallelworktrees.engine.ledger.Json;
import io.github.parallelworktrees.engine.ledger.RunLayout;
import io.github.parallelworktrees.engine.ledger.Usage;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.plan.PlanException;
import io.github.parallelworktrees.engine.plan.PlanParser;
import io.github.parallelworktrees.engine.plan.WorkerType;
import io.github.parallelworktrees.engine.plan.Workstream;
import io.github.parallelworktrees.engine.process.Environment;
import io.github.parallelworktrees.engine.process.LoggedCommand;
import io.github.parallelworktrees.engine.process.ProcessResult;
import io.github.parallelworktrees.engine.process.ProcessTree;
import io.github.parallelworktrees.engine.run.Repository;
import io.github.parallelworktrees.engine.worker.CommandWorker;
import io.github.parallelworktrees.engine.worker.RepairRequest;
import io.github.parallelworktrees.engine.worker.Worker;
import io.github.parallelworktrees.engine.worker.WorkerContext;
import io.github.parallelworktrees.engine.worker.WorkerListener;
import io.github.parallelworktrees.engine.worker.WorkerOutcome;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * {@code pwt plan}: a planner worker (Claude, or a command) reads the spec and the repository and writes a plan at
 * PWT_PLAN_OUT; pwt validates it in place with the checks of {@code pwt run} and hands the problems back (the same
 * Claude session, resumed; a command runs again with PWT_PLAN_ERRORS) until the plan is valid or the attempts are
 * spent. Nothing of the plan runs here. The planner may write the plan and nothing else: git status is compared
 * before and after each attempt, and a planner that changed anything else is refused (its changes are named, never
 * reverted: they may be mixed with the user's own).
 */
public final class Planner {

    /** Where plannings keep their records: beside the runs, a name no feature can have (features never start with a dot). */
    public static final String RECORDS_DIR = ".planning";
    /** The planner's stand-in workstream name (its worker, log and rehearsal script placeholders). */
    static final String ROLE = "planner";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final Environment environment;
    private final Rehearsals rehearsals;
    private final Consumer<String> progress;

    /**
     * @param environment the environment the planner inherits (the user's)
     * @param rehearsals where a Claude planner's API requests go (a scripted model when its spec names one)
     * @param progress receives a line per step worth showing
     */
    public Planner(Environment environment, Rehearsals rehearsals, Consumer<String> progress) {
        this.environment = environment;
        this.rehearsals = rehearsals;
        this.progress = progress;
    }

    /** Where the records of plannings that write {@code out} are kept. */
    public static Path recordsOf(Path repository, Path out) {
        Path base = repository.resolve(RunLayout.WORKTREES_DIR).resolve(RECORDS_DIR);
        String key = out.startsWith(repository) ? repository.relativize(out).toString().replace("/", "__")
                : out.getFileName().toString();
        return base.resolve(key);
    }

    /**
     * The records of the latest planning of {@code out}, when it ended with a valid plan and the file at {@code out}
     * is still that plan, unedited (its SHA-256 is the one recorded); empty otherwise. The same record decides
     * whether a new planning may replace the file.
     */
    public static Optional<Path> validPlanAt(Path repository, Path out) throws IOException {
        Path latest = recordsOf(repository, out).resolve("planning.json");
        if (!Files.isRegularFile(latest) || !Files.isRegularFile(out, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        com.fasterxml.jackson.databind.JsonNode record = Json.MAPPER.readTree(latest.toFile());
        boolean valid = record.path("status").asText().equals("valid")
                && record.path("out").asText().equals(out.toString())
                && record.path("plan_sha256").asText().equals(sha256(out));
        return valid && !record.path("records").asText().isEmpty()
                ? Optional.of(Path.of(record.path("records").asText())) : Optional.empty();
    }

    /**
     * Plans. Throws {@link IllegalArgumentException} for bad input (a spec that cannot be read, a file at
     * {@code out} that no earlier planning wrote and no {@code force}), before the planner starts.
     */
    public Planning plan(PlanningRequest request) throws IOException, InterruptedException {
        String spec = readSpec(request.spec());
        Git git = Git.in(request.repository(), environment);
        if (request.worker().type() == WorkerType.CLAUDE) {
            Optional<String> refusal = ClaudeWorker.preflight(standIn(request), request.repository(), environment);
            if (refusal.isPresent()) {
                throw new IllegalArgumentException(refusal.get().replace("workstream '" + ROLE + "': ", "planner: "));
            }
        }
        Path keyDir = recordsOf(request.repository(), request.out());
        Path records = freshFolder(keyDir);
        // the records live in .worktrees/, which git status must not list (nor a worker commit)
        Exclusions.ensure(git, List.of("/" + RunLayout.WORKTREES_DIR + "/"));
        try {
            setAsideExistingPlan(request, keyDir, records);
        } catch (IllegalArgumentException e) {
            // refused before anything ran: leave no empty records behind
            Files.deleteIfExists(records);
            throw e;
        }
        Files.createDirectories(request.out().getParent());

        String branch = currentBranch(git);
        List<Builds.Build> builds = Builds.detect(request.repository());
        String brief = PlannerBrief.text(request, spec, builds, branch);
        Path briefFile = records.resolve("brief.md");
        Files.writeString(briefFile, brief);
        Path log = records.resolve("planner.log");
        Worker worker = request.worker().type() == WorkerType.CLAUDE
                ? new ClaudeWorker(rehearsals, new PlannerInstructions(request, brief))
                : new CommandWorker();
        String feature = PlanParser.defaultFeature(request.out().getFileName().toString());
        Optional<Path> allowedPath = request.out().startsWith(request.repository())
                ? Optional.of(request.repository().relativize(request.out())) : Optional.empty();

        // Ctrl-C or SIGTERM: the planner runs in its own process group, so the signal does not reach it; stop it
        Thread stopper = new Thread(this::stopPlanner, "pwt-stop-planner");
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            return attempts(request, git, records, keyDir, worker, briefFile, log, feature, branch, allowedPath);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopper);
            } catch (IllegalStateException e) {
                // shutting down already: the hook runs
            }
        }
    }

    private final AtomicReference<ProcessHandle> running = new AtomicReference<>();
    private volatile boolean stopped;

    private void stopPlanner() {
        stopped = true;
        ProcessHandle process = running.get();
        if (process != null) {
            ProcessTree.destroy(process, java.time.Duration.ofSeconds(5));
        }
    }

    private Planning attempts(PlanningRequest request, Git git, Path records, Path keyDir, Worker worker,
            Path briefFile, Path log, String feature, String branch, Optional<Path> allowedPath)
            throws IOException, InterruptedException {
        WorkingTreeSnapshot before = WorkingTreeSnapshot.take(git);
        List<Planning.Attempt> attempts = new ArrayList<>();
        Usage spent = Usage.NONE;
        Optional<String> session = Optional.empty();
        Optional<Path> errorsFile = Optional.empty();
        List<String> errors = List.of();
        for (int n = 1; n <= request.attempts(); n++) {
            progress.accept("planner attempt " + n + " of " + request.attempts() + ": " + describe(request, session));
            Map<String, String> variables = new HashMap<>();
            variables.put("PWT_ROLE", ROLE);
            variables.put("PWT_PLAN_OUT", request.out().toString());
            variables.put("PWT_SPEC", request.spec().toString());
            variables.put("PWT_PLAN_BRIEF", briefFile.toString());
            variables.put("PWT_PLAN_ATTEMPT", String.valueOf(n));
            variables.put("PWT_PLAN_ERRORS", errorsFile.map(Path::toString).orElse(null));
            variables.put("PWT_PLAN_WORKSTREAMS", request.workstreams().map(String::valueOf).orElse(null));
            AtomicReference<String> sessionSeen = new AtomicReference<>();
            WorkerListener listener = new WorkerListener() {
                @Override
                public void processStarted(long pid, Instant startedAt) {
                    ProcessHandle.of(pid).ifPresent(running::set);
                    if (stopped) {
                        stopPlanner();
                    }
                }

                @Override
                public void sessionStarted(String sessionId) {
                    sessionSeen.set(sessionId);
                }

                @Override
                public void progress(String line) {
                    progress.accept("planner: " + line);
                }
            };
            final int attempt = n;
            WorkerContext context = new WorkerContext(standIn(request), feature, branch, request.repository(),
                    request.repository(), records, records, log, environment.with(variables), n, session, listener,
                    errorsFile.map(file -> new RepairRequest(attempt - 1, file)));
            LoggedCommand.appendLine(log, "pwt: planner attempt " + n + " of " + request.attempts());
            WorkerOutcome outcome = worker.run(context);
            running.set(null);
            spent = spent.plus(outcome.usage());
            if (sessionSeen.get() != null) {
                session = Optional.of(sessionSeen.get());
            }
            keepAttempt(request.out(), records, n);

            List<String> touched = before.changesSince(git, allowedPath.map(Path::toString));
            if (!touched.isEmpty()) {
                attempts.add(new Planning.Attempt(n, false, List.of(), outcome.usage(), session, Optional.of(
                        "changed files besides the plan")));
                String reason = "the planner changed files besides the plan: " + String.join(", ", touched)
                        + ". pwt left them as they are (they may hold your own changes too): look at them with"
                        + " git status / git diff and undo what the planner did. The plan was not validated.";
                return finish(request, keyDir, records, Planning.Status.TOUCHED_FILES, Optional.of(reason),
                        Optional.empty(), attempts, List.of(), touched, spent);
            }
            if (stopped) {
                attempts.add(new Planning.Attempt(n, false, List.of(), outcome.usage(), session,
                        Optional.of("stopped by a signal")));
                return finish(request, keyDir, records, Planning.Status.STOPPED, Optional.of("stopped by a signal"
                        + " (Ctrl-C or SIGTERM) during attempt " + n + "; what the planner wrote is at "
                        + request.out()), Optional.empty(), attempts, List.of(), List.of(), spent);
            }
            if (!outcome.succeeded()) {
                String why = outcome.failure().orElse("failed");
                attempts.add(new Planning.Attempt(n, false, List.of(), outcome.usage(), session, Optional.of(why)));
                return finish(request, keyDir, records, Planning.Status.PLANNER_FAILED, Optional.of("the planner "
                        + "failed on attempt " + n + ": " + why + " (its log: " + log + ")"), Optional.empty(),
                        attempts, List.of(), List.of(), spent);
            }
            Validation validation = validate(request, git);
            attempts.add(new Planning.Attempt(n, validation.plan().isPresent(), validation.problems(),
                    outcome.usage(), session, Optional.empty()));
            if (validation.plan().isPresent()) {
                progress.accept("plan valid after " + n + " attempt" + (n == 1 ? "" : "s"));
                return finish(request, keyDir, records, Planning.Status.VALID, Optional.empty(), validation.plan(),
                        attempts, List.of(), List.of(), spent);
            }
            errors = validation.problems();
            Path file = records.resolve("errors-" + n + ".txt");
            Files.writeString(file, String.join("\n", errors) + "\n");
            errorsFile = Optional.of(file);
            progress.accept("plan invalid (" + errors.size() + " problem" + (errors.size() == 1 ? "" : "s") + ")"
                    + (n < request.attempts() ? "; sending them back to the planner" : ""));
        }
        return finish(request, keyDir, records, Planning.Status.INVALID, Optional.of("the plan is still invalid"
                + " after " + request.attempts() + " attempt" + (request.attempts() == 1 ? "" : "s") + "; the last"
                + " one is kept at " + request.out() + " to look at"), Optional.empty(), attempts, errors, List.of(),
                spent);
    }

    private record Validation(Optional<Plan> plan, List<String> problems) {
    }

    /**
     * The checks of {@code pwt run} that concern the plan: the plan file's own (PlanParser), the branches it would
     * make against those the repository has, its tasks files; and the number of workstreams the user asked for.
     * The workers' environment (a Claude CLI on the PATH) is the user's business when they run it, not the
     * planner's.
     */
    private Validation validate(PlanningRequest request, Git git) {
        if (!Files.isRegularFile(request.out())) {
            return new Validation(Optional.empty(), List.of(request.out() + ": the planner wrote no plan here;"
                    + " write the plan to this file (PWT_PLAN_OUT)"));
        }
        Plan plan;
        try {
            plan = PlanParser.read(request.out());
        } catch (PlanException e) {
            return new Validation(Optional.empty(), e.problems());
        }
        List<String> problems = new ArrayList<>();
        if (request.workstreams().isPresent() && plan.workstreams().size() != request.workstreams().get()) {
            problems.add(request.out() + ": the plan has " + plan.workstreams().size() + " workstreams; the user"
                    + " asked for exactly " + request.workstreams().get());
        }
        for (String conflict : Repository.branchConflicts(git, plan, plan.workstreams())) {
            problems.add(request.out() + ": " + conflict);
        }
        for (Workstream ws : plan.workstreams()) {
            if (ws.tasksFile().isPresent()) {
                Path tasks = request.repository().resolve(ws.tasksFile().get()).normalize();
                if (!tasks.startsWith(request.repository()) || !Files.isRegularFile(tasks)) {
                    problems.add(request.out() + ": workstream '" + ws.name() + "': tasks file '"
                            + ws.tasksFile().get() + "' is not a file in the repository; give the prompt inline"
                            + " (prompt:) instead, as only the plan may be written");
                }
            }
        }
        return problems.isEmpty() ? new Validation(Optional.of(plan), List.of())
                : new Validation(Optional.empty(), problems);
    }

    private Planning finish(PlanningRequest request, Path keyDir, Path records, Planning.Status status,
            Optional<String> reason, Optional<Plan> plan, List<Planning.Attempt> attempts, List<String> errors,
            List<String> touched, Usage spent) throws IOException {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("status", status.name().toLowerCase(java.util.Locale.ROOT));
        reason.ifPresent(r -> json.put("reason", r));
        json.put("spec", request.spec().toString());
        json.put("out", request.out().toString());
        json.put("records", records.toString());
        json.put("worker_type", request.worker().type().name().toLowerCase(java.util.Locale.ROOT));
        if (request.worker().type() == WorkerType.CLAUDE) {
            json.put("model", request.worker().model());
        }
        request.workstreams().ifPresent(n -> json.put("workstreams_asked", n));
        json.put("max_attempts", request.attempts());
        json.put("cost_usd", spent.costUsd());
        json.put("turns", spent.turns());
        json.put("input_tokens", spent.inputTokens());
        json.put("output_tokens", spent.outputTokens());
        json.put("ended_at", Instant.now().toString());
        if (Files.isRegularFile(request.out())) {
            json.put("plan_sha256", sha256(request.out()));
        }
        ArrayNode list = json.putArray("attempts");
        for (Planning.Attempt a : attempts) {
            ObjectNode node = list.addObject();
            node.put("attempt", a.number());
            node.put("valid", a.valid());
            a.errors().forEach(node.putArray("errors")::add);
            a.failure().ifPresent(f -> node.put("failure", f));
            a.session().ifPresent(s -> node.put("session_id", s));
            node.put("cost_usd", a.usage().costUsd());
            node.put("turns", a.usage().turns());
        }
        touched.forEach(json.putArray("touched")::add);
        Json.writeAtomically(records.resolve("planning.json"), json);
        // the latest planning of this plan file, read by the next one to know the file is its own to replace
        Json.writeAtomically(keyDir.resolve("planning.json"), json);
        return new Planning(status, reason, plan, attempts, errors, touched, request.out(), records, spent);
    }

    /**
     * A file already at {@code out} is replaced only when an earlier planning wrote it and nobody edited it since, or
     * with {@code force}; either way a copy goes into the records first.
     */
    private static void setAsideExistingPlan(PlanningRequest request, Path keyDir, Path records) throws IOException {
        Path out = request.out();
        if (!Files.exists(out, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isRegularFile(out, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("--out " + out + " exists and is not a regular file; choose another"
                    + " --out");
        }
        boolean ours = false;
        Path latest = keyDir.resolve("planning.json");
        if (Files.isRegularFile(latest)) {
            com.fasterxml.jackson.databind.JsonNode earlier = Json.MAPPER.readTree(latest.toFile());
            ours = earlier.path("out").asText().equals(out.toString())
                    && earlier.path("plan_sha256").asText().equals(sha256(out));
        }
        if (!ours && !request.force()) {
            throw new IllegalArgumentException("--out " + out + " exists and is not a plan an earlier 'pwt plan'"
                    + " wrote (or it was edited since); choose another --out, or pass --force to replace it (a copy"
                    + " is kept under " + keyDir + ")");
        }
        Files.copy(out, records.resolve("replaced-" + out.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        Files.delete(out);
    }

    /** Each attempt's plan is copied into the records, so the history survives the next attempt's rewrite. */
    private static void keepAttempt(Path out, Path records, int attempt) throws IOException {
        if (!Files.isRegularFile(out)) {
            return;
        }
        String name = out.getFileName().toString();
        Path copy = records.resolve("plan.attempt-" + attempt + "." + (name.contains(".")
                ? name.substring(name.lastIndexOf('.') + 1) : "yaml"));
        Files.copy(out, copy, StandardCopyOption.REPLACE_EXISTING);
    }

    /** This planning's own folder under the plan file's records, named by the time it started. */
    private static Path freshFolder(Path keyDir) throws IOException {
        String stamp = STAMP.format(Instant.now());
        Path folder = keyDir.resolve(stamp);
        for (int i = 2; Files.exists(folder); i++) {
            folder = keyDir.resolve(stamp + "-" + i);
        }
        Files.createDirectories(folder);
        return folder;
    }

    private static String readSpec(Path spec) {
        if (!Files.isRegularFile(spec)) {
            throw new IllegalArgumentException("spec " + spec + " does not exist or is not a regular file; give the"
                    + " Markdown (or text) file that describes the feature");
        }
        try {
            String text = Files.readString(spec);
            if (text.isBlank()) {
                throw new IllegalArgumentException("spec " + spec + " is empty; describe the feature in it first");
            }
            return text;
        } catch (MalformedInputException e) {
            throw new IllegalArgumentException("spec " + spec + " is not UTF-8 text; save it as UTF-8");
        } catch (IOException e) {
            throw new IllegalArgumentException("spec " + spec + " cannot be read: " + e.getMessage());
        }
    }

    private static String currentBranch(Git git) {
        ProcessResult branch = git.tryRun("symbolic-ref", "--quiet", "--short", "HEAD");
        return branch.succeeded() ? branch.stdout().strip() : "HEAD";
    }

    /** The planner as the workers know a worker: a workstream of its own, named for its role. */
    private static Workstream standIn(PlanningRequest request) {
        return new Workstream(ROLE, 0, Optional.empty(), Optional.empty(), List.of(), List.of(), 1, request.worker());
    }

    private static String describe(PlanningRequest request, Optional<String> session) {
        if (request.worker().type() == WorkerType.COMMAND) {
            return "command";
        }
        return "claude, model " + request.worker().model() + session.map(s -> ", resuming session " + s)
                .orElse(", new session");
    }

    static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
