package io.github.parallelworktrees.engine.claude;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.process.Environment;
import io.github.parallelworktrees.engine.rehearsal.ScriptedModelServer;
import io.github.parallelworktrees.engine.run.PlanRunner;
import io.github.parallelworktrees.engine.ledger.RunListener;
import io.github.parallelworktrees.engine.run.RunSummary;
import io.github.parallelworktrees.engine.ledger.RunLayout;
import io.github.parallelworktrees.engine.ledger.WorkerRecord;
import io.github.parallelworktrees.engine.ledger.WorkerStatus;
import io.github.parallelworktrees.engine.testing.ClaudeCli;
import io.github.parallelworktrees.engine.testing.TestRepo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Claude worker against the real Claude Code CLI, which talks to a scripted model on 127.0.0.1. */
class ClaudeWorkerTest {

    /** Writes a file and RESULTS.md, commits, and ends the turn. */
    private static final String WRITE_COMMIT_REPORT = """
            turns:
              - tool_use: {name: Write, input: {file_path: "{{worktree}}/src/{{workstream}}.txt", content: "made by {{workstream}}\\n"}}
              - tool_use: {name: Write, input: {file_path: "{{worktree}}/RESULTS.md", content: "# Results\\n\\nWrote src/{{workstream}}.txt.\\n"}}
              - tool_use: {name: Bash, input: {command: "git add -A && git commit -q -m '{{workstream}}: add file'", description: commit}}
              - text: Done.
            """;

    @TempDir
    Path tmp;

    private TestRepo repo;
    private final List<ScriptedModelServer> servers = Collections.synchronizedList(new ArrayList<>());
    private final List<String> progress = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void repository() {
        repo = TestRepo.create(tmp.resolve("repo"));
    }

    private Plan plan(String script, String workerExtra, String workstreams) {
        repo.write("rehearsal.yaml", script);
        return repo.plan("feat.yaml", "worker: {type: claude, claudePath: '" + ClaudeCli.binary()
                + "', rehearsal: rehearsal.yaml, allowedTools: ['Bash(git:*)']"
                + (workerExtra.contains("timeoutMinutes") ? "" : ", timeoutMinutes: 1")
                + (workerExtra.isEmpty() ? "" : ", " + workerExtra) + "}\n" + workstreams);
    }

    private PlanRunner runner(Plan plan) {
        return new PlanRunner(plan, repo.dir(), Environment.ofThisProcess(), Optional.empty(), new RunListener() {
            @Override
            public void info(String message) {
                progress.add(message);
            }

            @Override
            public void workerProgress(String workstream, String line) {
                progress.add(workstream + ": " + line);
            }
        }, new ScriptedRehearsals(servers::add));
    }

    @Test
    void aClaudeWorkerWritesCommitsAndReportsOnItsBranch() {
        Plan plan = plan(WRITE_COMMIT_REPORT, "", "workstreams: [{name: a, prompt: Add the file.}]\n");

        RunSummary summary = runner(plan).run();

        WorkerRecord a = summary.workers().get(0);
        assertThat(a.status()).as(a.reason()).isEqualTo(WorkerStatus.DONE);
        assertThat(repo.subjects("main", "feat/a")).containsExactly("a: add file");
        assertThat(repo.git().run("show", "feat/a:src/a.txt")).isEqualTo("made by a");
        RunLayout layout = repo.layout("feat");
        JsonNode sessions = TestRepo.json(layout.sessionsFile());
        assertThat(sessions.path("a").path("session_id").asText()).matches("[0-9a-f-]{36}");
        assertThat(sessions.path("a").path("turns").asInt()).isGreaterThanOrEqualTo(4);
        assertThat(sessions.path("a").path("input_tokens").asLong()).isPositive();
        JsonNode worker = TestRepo.json(layout.runFile()).path("workers").get(0);
        assertThat(worker.path("cost_usd").asDouble()).isPositive();
        assertThat(TestRepo.json(layout.runFile()).path("totals").path("cost_usd").asDouble()).isPositive();
        assertThat(layout.resultsDir("a").resolve("RESULTS.md")).content().contains("Wrote src/a.txt.");
        assertThat(TestRepo.json(layout.resultsDir("a").resolve("result.json")).path("subtype").asText())
                .isEqualTo("success");
        assertThat(layout.resultsDir("a").resolve("transcript.jsonl")).isNotEmptyFile();
        assertThat(progress).anyMatch(l -> l.startsWith("a: turn 1: Write " + layout.worktree("a")))
                .anyMatch(l -> l.startsWith("a: turn 3: Bash git add -A"));
        assertThat(layout.workerLog("a")).content().contains("session " + sessions.path("a").path("session_id")
                .asText());
        JsonNode first = servers.get(0).turnRequests().get(0).body();
        assertThat(first.toString()).contains("Read TASKS.md and carry out workstream 'a'")
                .contains("You are the worker for workstream 'a' of feature 'feat'");
    }

    @Test
    void theCliIsFoundOnTheCallersPathAndItsToolsSeeTheCallersVariables() throws Exception {
        // the CLI only on the PATH the caller gives (a Pipeline's tool or PATH+X entry), not on the JVM's
        Path bin = java.nio.file.Files.createDirectories(tmp.resolve("pipeline-bin"));
        java.nio.file.Files.createSymbolicLink(bin.resolve("claude"), ClaudeCli.binary());
        repo.write("rehearsal.yaml", """
                turns:
                  - tool_use: {name: Bash, input: {command: "git commit -q --allow-empty -m \\"mark $PIPELINE_MARK\\"", description: mark}}
                  - tool_use: {name: Write, input: {file_path: "{{worktree}}/RESULTS.md", content: "# R\\n"}}
                  - text: Done.
                """);
        Plan plan = repo.plan("feat.yaml", "worker: {type: claude, claudePath: claude, rehearsal: rehearsal.yaml,"
                + " permissionMode: bypassPermissions, timeoutMinutes: 1}\n"
                + "workstreams: [{name: a, prompt: Mark it.}]\n");
        // IS_SANDBOX too comes from the given environment only (the CLI refuses bypassPermissions as root without)
        Environment environment = Environment.ofThisProcess().with(java.util.Map.of(
                "PATH", bin + ":" + System.getenv("PATH"), "PIPELINE_MARK", "from-the-pipeline", "IS_SANDBOX", "1"));
        assertThat(Environment.ofThisProcess().locate("claude")).as("no claude on the JVM's own PATH here")
                .isEmpty();

        RunSummary summary = new PlanRunner(plan, repo.dir(), environment, Optional.empty(), RunListener.silent(),
                new ScriptedRehearsals(servers::add)).run();

        WorkerRecord a = summary.workers().get(0);
        assertThat(a.status()).as(a.reason() + "\n" + TestRepo.read(repo.layout("feat").workerLog("a")))
                .isEqualTo(WorkerStatus.DONE);
        assertThat(a.permissionDenials()).isNullOrEmpty();
        assertThat(repo.subjects("main", "feat/a")).contains("mark from-the-pipeline");
    }

    @Test
    void aKeyThatAToolPrintsIsMaskedInTheTranscriptAndTheLogInEveryFormItTakes() {
        String key = "rehearsal-no-key";
        repo.write("rehearsal.yaml", """
                turns:
                  - tool_use: {name: Bash, input: {command: "printenv ANTHROPIC_API_KEY; printenv ANTHROPIC_API_KEY | tr -d '\\\\n' | base64", description: leak}}
                  - tool_use: {name: Write, input: {file_path: "{{worktree}}/RESULTS.md", content: "# R\\n"}}
                  - text: Done.
                """);
        Plan plan = repo.plan("feat.yaml", "worker: {type: claude, claudePath: '" + ClaudeCli.binary()
                + "', rehearsal: rehearsal.yaml, permissionMode: bypassPermissions, timeoutMinutes: 1}\n"
                + "workstreams: [{name: a, prompt: Leak it.}]\n");
        Environment environment = Environment.ofThisProcess().with(java.util.Map.of("IS_SANDBOX", "1"));

        RunSummary summary = new PlanRunner(plan, repo.dir(), environment, Optional.empty(), RunListener.silent(),
                new ScriptedRehearsals(servers::add)).run();

        assertThat(summary.workers().get(0).status()).isEqualTo(WorkerStatus.DONE);
        // the tool really printed it: the model got it back in the tool result
        String toolResult = servers.get(0).turnRequests().get(1).body().toString();
        assertThat(toolResult).contains(key).contains(java.util.Base64.getEncoder().encodeToString(key.getBytes(
                java.nio.charset.StandardCharsets.UTF_8)));
        RunLayout layout = repo.layout("feat");
        String transcript = TestRepo.read(layout.resultsDir("a").resolve("transcript.jsonl"));
        assertThat(transcript).contains("****").doesNotContain(key).doesNotContain(java.util.Base64.getEncoder()
                .encodeToString(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(TestRepo.read(layout.workerLog("a"))).doesNotContain(key);
    }

    @Test
    void aDeniedToolCallIsListedWithTheWorkersUsage() {
        Plan plan = plan("""
                turns:
                  - tool_use: {name: Bash, input: {command: "curl -s http://127.0.0.1:9/deploy"}}
                  - tool_use: {name: Write, input: {file_path: "{{worktree}}/RESULTS.md", content: "# R\\n\\nCould not clean.\\n"}}
                  - text: Done.
                """, "", "workstreams: [{name: a, prompt: Clean up.}]\n");

        RunSummary summary = runner(plan).run();

        WorkerRecord a = summary.workers().get(0);
        assertThat(a.status()).isEqualTo(WorkerStatus.DONE);
        assertThat(a.permissionDenials()).as(TestRepo.read(repo.layout("feat").workerLog("a")))
                .containsExactly("Bash: curl -s http://127.0.0.1:9/deploy");
        assertThat(TestRepo.json(repo.layout("feat").sessionsFile()).path("a").path("permission_denials").get(0)
                .asText()).isEqualTo("Bash: curl -s http://127.0.0.1:9/deploy");
    }

    @Test
    void aModelThatNeverEndsStopsAtMaxTurns() {
        Plan plan = plan("""
                turns:
                  - tool_use: {name: Bash, input: {command: "git status --short"}}
                    repeat: forever
                """, "maxTurns: 2", "workstreams: [{name: a, prompt: Loop.}]\n");

        RunSummary summary = runner(plan).run();

        WorkerRecord a = summary.workers().get(0);
        assertThat(a.status()).isEqualTo(WorkerStatus.MAX_TURNS);
        assertThat(a.reason()).isEqualTo("used all 2 turns before finishing");
    }

    @Test
    void aStalledModelIsStoppedAtTheTimeoutWithTheWholeProcessTree() {
        Plan plan = plan("turns:\n  - stall: true\n", "timeoutMinutes: 0.05",
                "workstreams: [{name: a, prompt: Wait.}]\n");

        RunSummary summary = runner(plan).run();

        WorkerRecord a = summary.workers().get(0);
        assertThat(a.status()).isEqualTo(WorkerStatus.TIMED_OUT);
        assertThat(a.reason()).startsWith("timed out after 3 s");
        long pid = TestRepo.json(repo.layout("feat").sessionsFile()).path("a").path("worker_pid").asLong(-1);
        assertThat(pid).as("the process is no longer recorded as running").isEqualTo(-1);
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("")
                .contains(repo.layout("feat").worktree("a").toString())).toList())
                .as("no claude process is left in the worktree").isEmpty();
    }

    @Test
    void transientApiFailuresAreRetriedAndASessionIsContinued() {
        Plan plan = plan("""
                turns:
                  - tool_use: {name: Write, input: {file_path: "{{worktree}}/RESULTS.md", content: "# R\\n\\nDone after a retry.\\n"}}
                  - error: {status: 529, retry: false}
                  - text: Done.
                """, "retries: 1, retryDelaySeconds: 0", "workstreams: [{name: a, prompt: Work.}]\n");

        RunSummary summary = runner(plan).run();

        WorkerRecord a = summary.workers().get(0);
        assertThat(a.status()).as(a.reason()).isEqualTo(WorkerStatus.DONE);
        assertThat(progress).as(TestRepo.read(repo.layout("feat").workerLog("a")))
                .anyMatch(l -> l.contains("transient API failure"));
    }

    @Test
    void aServerErrorIsRetriedByTheCliItselfAndTheWorkerSucceeds() {
        Plan plan = plan("""
                turns:
                  - error: 500
                  - tool_use: {name: Write, input: {file_path: "{{worktree}}/RESULTS.md", content: "# R\\n\\nDone.\\n"}}
                  - text: Done.
                """, "", "workstreams: [{name: a, prompt: Work.}]\n");

        RunSummary summary = runner(plan).run();

        assertThat(summary.workers().get(0).status()).isEqualTo(WorkerStatus.DONE);
        assertThat(progress).anyMatch(l -> l.startsWith("a: API retry 1 after 500"));
        assertThat(servers.get(0).turnRequests()).hasSize(3);
    }

    @Test
    void anOverloadedApiIsRetriedUpToTheLimitThenFailsSayingWhy() {
        Plan plan = plan("""
                turns:
                  - error: {status: 529, retry: false}
                    repeat: forever
                """, "retries: 2, retryDelaySeconds: 0", "workstreams: [{name: a, prompt: Work.}]\n");

        RunSummary summary = runner(plan).run();

        WorkerRecord a = summary.workers().get(0);
        assertThat(a.status()).isEqualTo(WorkerStatus.FAILED);
        assertThat(a.reason()).contains("529").endsWith("(after 2 retries)");
        assertThat(progress.stream().filter(l -> l.contains("transient API failure"))).hasSize(2);
    }

    @Test
    void aNonTransientApiErrorFailsAtOnceWithTheErrorFromTheResult() {
        Plan plan = plan("""
                turns:
                  - error: {status: 400, message: "unknown parameter in the rehearsal", retry: false}
                    repeat: forever
                """, "retries: 2, retryDelaySeconds: 0", "workstreams: [{name: a, prompt: Work.}]\n");

        RunSummary summary = runner(plan).run();

        WorkerRecord a = summary.workers().get(0);
        assertThat(a.status()).isEqualTo(WorkerStatus.FAILED);
        assertThat(a.reason()).contains("unknown parameter in the rehearsal").doesNotContain("retries");
        assertThat(progress).noneMatch(l -> l.contains("transient API failure"));
        assertThat(a.exitCode()).isNotZero();
    }

    @Test
    void aStreamThatEndsWithoutAResultIsAFailureNamedAsSuch() throws Exception {
        Plan plan = plan("turns:\n  - stall: true\n", "", "workstreams: [{name: a, prompt: Wait.}]\n");
        PlanRunner runner = runner(plan);
        java.util.concurrent.CompletableFuture<RunSummary> run =
                java.util.concurrent.CompletableFuture.supplyAsync(runner::run);
        Path sessions = repo.layout("feat").sessionsFile();
        TestRepo.awaitTrue("the CLI's request to reach the model", Duration.ofSeconds(30),
                () -> !servers.isEmpty() && !servers.get(0).turnRequests().isEmpty());
        long pid = TestRepo.json(sessions).path("a").path("worker_pid").asLong();

        ProcessHandle.of(pid).orElseThrow().destroyForcibly();

        WorkerRecord a = run.get().workers().get(0);
        assertThat(a.status()).isEqualTo(WorkerStatus.FAILED);
        assertThat(a.reason()).startsWith("the claude stream ended without a result (exit 137");
    }

    @Test
    void aWorkerThatReachesItsBudgetEndsOverBudget() {
        Plan plan = plan("""
                turns:
                  - tool_use: {name: Bash, input: {command: "git status --short"}}
                    usage: {input_tokens: 2000000, output_tokens: 100000}
                    repeat: forever
                """, "budgetUsd: 0.5, maxTurns: 5", "workstreams: [{name: a, prompt: Spend.}]\n");

        RunSummary summary = runner(plan).run();

        WorkerRecord a = summary.workers().get(0);
        assertThat(a.status()).as(a.reason()).isEqualTo(WorkerStatus.OVER_BUDGET);
        assertThat(a.reason()).isEqualTo("reached its budget of $0.50 before finishing");
        assertThat(a.costUsd()).isGreaterThan(0.5);
    }

    @Test
    void resumeContinuesTheRecordedSessionWithTheEarlierConversation() throws Exception {
        Plan plan = plan("""
                turns:
                  - tool_use: {name: Write, input: {file_path: "{{worktree}}/notes.txt", content: "first session\\n"}}
                  - error: {status: 400, message: "bad request from the rehearsal", retry: false}
                    repeat: forever
                """, "retries: 0", "workstreams: [{name: a, prompt: Work.}]\n");
        RunSummary first = runner(plan).run();
        assertThat(first.workers().get(0).status()).isEqualTo(WorkerStatus.FAILED);
        assertThat(first.workers().get(0).reason()).contains("bad request from the rehearsal");
        String session = first.workers().get(0).sessionId();
        assertThat(session).isNotBlank();
        repo.write("rehearsal.yaml", """
                turns:
                  - tool_use: {name: Write, input: {file_path: "{{worktree}}/RESULTS.md", content: "# R\\n\\nResumed.\\n"}}
                  - text: Done.
                """);
        servers.clear();

        RunSummary second = runner(plan).resume();

        WorkerRecord a = second.workers().get(0);
        assertThat(a.status()).as(a.reason()).isEqualTo(WorkerStatus.DONE);
        assertThat(a.attempts()).isEqualTo(2);
        String request = servers.get(0).turnRequests().get(0).body().path("messages").toString();
        assertThat(request).as("the resumed session carries the first conversation")
                .contains("first session").contains("Continue workstream 'a' where you left off");
        assertThat(TestRepo.read(repo.layout("feat").workerLog("a"))).contains("--resume " + session);
    }

    @Test
    void aSessionTheCliNoLongerKnowsFallsBackToAFreshOneAndSaysSo() throws Exception {
        Plan plan = plan(WRITE_COMMIT_REPORT, "", "workstreams: [{name: a, prompt: Work.}]\n");
        // a run whose worker failed, then a session id the CLI has never seen in its record
        Plan failing = repo.plan("feat.yaml", "worker: {type: command, run: 'exit 1'}\n"
                + "workstreams: [{name: a, prompt: Work.}]\n");
        runner(failing).run();
        // the run's record (its ledger) says so; sessions.json is only a copy of it
        io.github.parallelworktrees.engine.ledger.RunState.load(repo.layout("feat")).orElseThrow()
                .update("a", r -> r.withSession("00000000-0000-4000-8000-000000000000"));

        RunSummary resumed = runner(plan).resume();

        WorkerRecord a = resumed.workers().get(0);
        assertThat(a.status()).as(a.reason()).isEqualTo(WorkerStatus.DONE);
        assertThat(a.sessionId()).isNotEqualTo("00000000-0000-4000-8000-000000000000");
        assertThat(TestRepo.read(repo.layout("feat").workerLog("a")))
                .contains("session 00000000-0000-4000-8000-000000000000 cannot be resumed (no conversation found);"
                        + " starting a fresh session");
    }

    @Test
    void theRunsBudgetStopsNewWorkersOnceSpent() {
        Plan plan = plan(WRITE_COMMIT_REPORT, "", """
                maxParallel: 1
                budgetUsd: 0.000001
                workstreams: [{name: a, prompt: x}, {name: b, prompt: y}]
                """);

        RunSummary summary = runner(plan).run();

        assertThat(summary.workers().get(0).status()).isEqualTo(WorkerStatus.DONE);
        assertThat(summary.workers().get(1).status()).isEqualTo(WorkerStatus.SKIPPED);
        assertThat(summary.workers().get(1).reason()).startsWith("the run's budget of $0.00 is spent");
    }

    @Test
    void bypassPermissionsAsRootIsRefusedUpFrontWithoutIsSandbox() {
        assertThat(RootCheck.refusal("bypassPermissions", Optional.empty(), true)).get().asString()
                .contains("IS_SANDBOX=1");
        assertThat(RootCheck.refusal("bypassPermissions", Optional.of("1"), true)).isEmpty();
        assertThat(RootCheck.refusal("bypassPermissions", Optional.empty(), false)).isEmpty();
        assertThat(RootCheck.refusal("acceptEdits", Optional.empty(), true)).isEmpty();
    }
}
