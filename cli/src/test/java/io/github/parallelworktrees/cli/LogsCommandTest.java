package io.github.parallelworktrees.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.parallelworktrees.engine.ledger.Event;
import io.github.parallelworktrees.engine.ledger.RunInfo;
import io.github.parallelworktrees.engine.ledger.RunLock;
import io.github.parallelworktrees.engine.ledger.Usage;
import io.github.parallelworktrees.engine.ledger.WorkerStatus;
import io.github.parallelworktrees.engine.testing.ClaudeCli;
import io.github.parallelworktrees.engine.testing.TestRepo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pwt logs PLAN WS [-f]}: a worker's log with its tool calls, and following it while it grows. */
class LogsCommandTest {

    @TempDir
    Path tmp;

    @Test
    void printsARealClaudeWorkersToolCallsAsReadableLines() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        // the real Claude Code CLI against a scripted model (a rehearsal): the log is the one a real worker leaves
        repo.write("rehearsal.yaml", """
                turns:
                  - tool_use: {name: Write, input: {file_path: "{{worktree}}/src/{{workstream}}.txt", content: "made by {{workstream}}\\n"}}
                  - tool_use: {name: Write, input: {file_path: "{{worktree}}/RESULTS.md", content: "# Results\\n\\nWrote it.\\n"}}
                  - tool_use: {name: Bash, input: {command: "git add -A && git commit -q -m '{{workstream}}: add file'", description: commit}}
                  - text: Done.
                """);
        Path plan = repo.write("plan.yaml", "worker: {type: claude, claudePath: '" + ClaudeCli.binary()
                + "', rehearsal: rehearsal.yaml, allowedTools: ['Bash(git:*)'], timeoutMinutes: 2}\n"
                + "workstreams: [{name: greeter, prompt: Add the file.}]\n");
        PwtRunner run = PwtRunner.pwt("run", plan.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();

        PwtRunner logs = PwtRunner.pwt("logs", plan.toString(), "greeter");

        assertThat(logs.exitCode()).as(logs.err()).isZero();
        List<String> lines = logs.out().lines().toList();
        assertThat(lines).anyMatch(l -> l.matches("\\d\\d:\\d\\d:\\d\\d  pwt: worker claude, attempt 1"))
                .anyMatch(l -> l.matches("\\d\\d:\\d\\d:\\d\\d  session [0-9a-f-]{36} \\(model .*\\)"))
                .anyMatch(l -> l.matches("\\d\\d:\\d\\d:\\d\\d  turn 1  Write: .*/greeter/src/greeter\\.txt"))
                .anyMatch(l -> l.matches("\\d\\d:\\d\\d:\\d\\d  turn 3  Bash: git add -A && git commit -q -m"
                        + " 'greeter: add file'"))
                .anyMatch(l -> l.endsWith("  pwt: done"));
        assertThat(logs.out()).doesNotContain("[20").as("pwt's UTC stamps are shown as local times");
    }

    @Test
    void anUnknownWorkstreamIsNamedWithTheRunsWorkstreams() throws Exception {
        RunFixture run = RunFixture.finished(tmp.resolve("repo"));

        PwtRunner logs = PwtRunner.pwt("logs", run.plan.toString(), "bb");
        PwtRunner failed = PwtRunner.pwt("logs", run.plan.toString(), "c");

        assertThat(logs.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(logs.err()).contains("workstream 'bb' is not in the run of feature 'plan' (did you mean 'b'?);"
                + " its workstreams: a, b, c");
        assertThat(failed.exitCode()).isZero();
        assertThat(failed.out()).contains("make: *** [test] Error 2").contains("pwt: failed: command exited with 2");
    }

    @Test
    void followsAGrowingLogAndStopsWhenTheRunIsRecordedEnded() throws Exception {
        RunFixture run = RunFixture.running(tmp.resolve("repo"));
        Path log = run.layout.workerLog("b");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> follow;
        try (RunLock held = RunLock.acquire(run.layout)) { // the pwt making the run
            follow = CompletableFuture.supplyAsync(() -> Pwt.execute(new String[] {"logs", run.plan.toString(), "b",
                    "-f"}, new PrintWriter(out, true), new PrintWriter(err, true)));
            TestRepo.awaitTrue("what the log holds already", Duration.ofSeconds(30),
                    () -> out.toString().contains("turn 2  Edit: README.md"));
            // a writer appends a line at a time, each only once the follower has printed the one before
            for (int i = 3; i <= 8; i++) {
                int turn = i;
                Files.writeString(log, "[" + Instant.now() + "] turn " + turn + ": Bash echo step " + turn + "\n",
                        StandardCharsets.UTF_8, StandardOpenOption.APPEND);
                TestRepo.awaitTrue("line " + turn + " to be followed", Duration.ofSeconds(30),
                        () -> out.toString().contains("turn " + turn + "  Bash: echo step " + turn));
            }
            Files.writeString(log, "a last line without its newline", StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
            Thread.sleep(500);
            assertThat(follow).as("it follows while the worker runs").isNotDone();
            run.state.update("b", r -> r.finished(WorkerStatus.FAILED, 1, "stopped", Instant.now(), true,
                    Usage.NONE));
            run.state.record(new Event.RunEnded(Instant.now(), RunInfo.Status.FAILED, "b failed"));
        }

        assertThat(follow.get(30, TimeUnit.SECONDS)).as(err.toString()).isZero();
        List<String> printed = out.toString().lines().toList();
        List<String> steps = printed.stream().filter(l -> l.contains("Bash: echo step")).toList();
        assertThat(steps).hasSize(6);
        IntStream.range(0, 6).forEach(i -> assertThat(steps.get(i)).endsWith("turn " + (i + 3) + "  Bash: echo step "
                + (i + 3)));
        assertThat(printed.get(printed.size() - 1)).isEqualTo("a last line without its newline");
    }

    @Test
    void followingARealWorkerEndsWithItsLastLineAsSoonAsItsEndIsRecorded() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Path marks = Files.createDirectories(tmp.resolve("marks"));
        // quick ends once its go file exists; slow keeps the run going, so that -f ends on quick's end, not the run's
        Path plan = repo.write("plan.yaml", """
                env: {MARKS: '%s'}
                worker:
                  type: command
                  run: |
                    echo "working on $PWT_WORKSTREAM"
                    while [ ! -f "$MARKS/$PWT_WORKSTREAM.go" ]; do sleep 0.1; done
                    echo ok > "$PWT_WORKSTREAM.txt" && echo '# R' > RESULTS.md
                workstreams:
                  - {name: quick, prompt: x}
                  - {name: slow, prompt: x}
                """.formatted(marks));
        CompletableFuture<PwtRunner> run = CompletableFuture.supplyAsync(() -> PwtRunner.pwt("run", plan.toString()));
        Path log = repo.dir().resolve(".worktrees/plan/results/quick/worker.log");
        TestRepo.awaitTrue("quick's worker to start", Duration.ofSeconds(60),
                () -> Files.isRegularFile(log) && TestRepo.read(log).contains("working on quick"));
        StringWriter out = new StringWriter();
        CompletableFuture<Integer> follow = CompletableFuture.supplyAsync(() -> Pwt.execute(new String[] {"logs",
                plan.toString(), "quick", "-f"}, new PrintWriter(out, true), new PrintWriter(new StringWriter())));
        TestRepo.awaitTrue("the follower to print the log so far", Duration.ofSeconds(30),
                () -> out.toString().contains("working on quick"));

        Files.writeString(marks.resolve("quick.go"), "");

        assertThat(follow.get(60, TimeUnit.SECONDS)).isZero();
        assertThat(run).as("the run goes on with slow").isNotDone();
        List<String> printed = out.toString().lines().toList();
        assertThat(printed.get(printed.size() - 1)).as(out.toString()).endsWith("  pwt: done");
        Files.writeString(marks.resolve("slow.go"), "");
        assertThat(run.get(60, TimeUnit.SECONDS).exitCode()).isZero();
    }
}
