package io.github.parallelworktrees.bench;

import static io.github.parallelworktrees.bench.BenchSupport.check;
import static io.github.parallelworktrees.bench.BenchSupport.git;
import static io.github.parallelworktrees.bench.BenchSupport.min;

import io.github.parallelworktrees.engine.claude.ClaudeWorker;
import io.github.parallelworktrees.engine.claude.ScriptedRehearsals;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.plan.PlanParser;
import io.github.parallelworktrees.engine.plan.Workstream;
import io.github.parallelworktrees.engine.process.ProcessRunner;
import io.github.parallelworktrees.engine.process.Environment;
import io.github.parallelworktrees.engine.process.ProcessResult;
import io.github.parallelworktrees.engine.rehearsal.RehearsalScript;
import io.github.parallelworktrees.engine.rehearsal.ScriptedModelServer;
import io.github.parallelworktrees.engine.worker.WorkerContext;
import io.github.parallelworktrees.engine.worker.WorkerListener;
import io.github.parallelworktrees.engine.worker.WorkerOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cost of our process around {@code claude}: the same scripted two-turn session run (a) by starting the
 * CLI directly with the worker's arguments and (b) through {@link ClaudeWorker}, which adds the stream reader,
 * the state callbacks, the log and transcript, result.json and the rehearsal endpoint's start. Both start a
 * scripted model server, so the difference is what the worker adds. Prints the medians and their difference.
 *
 * <p>Usage: {@code bench/run claude-overhead [runs] [claude-path]} (default 10 runs, tools/claude-cli).
 */
public final class ClaudeWorkerOverheadBench {

    private static final String SCRIPT = """
            turns:
              - tool_use: {name: Write, input: {file_path: "{{worktree}}/RESULTS.md", content: "# R\\n\\nDone.\\n"}}
              - text: Done.
            """;

    private ClaudeWorkerOverheadBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path claude = Path.of(args.length > 1 ? args[1] : "tools/claude-cli/node_modules/.bin/claude")
                .toAbsolutePath();
        if (!Files.isExecutable(claude)) {
            throw new IllegalArgumentException(claude + " is not an executable Claude Code CLI; run"
                    + " tools/install-claude-cli or pass its path");
        }
        Path root = Files.createTempDirectory("pwt-claude-bench-");
        Path repo = root.resolve("repo");
        Files.createDirectories(repo);
        git(repo, "init", "-q", "-b", "main");
        git(repo, "config", "user.name", "Bench");
        git(repo, "config", "user.email", "bench@example.invalid");
        git(repo, "commit", "-q", "--allow-empty", "-m", "init");
        Files.writeString(repo.resolve("rehearsal.yaml"), SCRIPT);
        Plan plan = PlanParser.parse(repo.resolve("bench.yaml"), "worker: {type: claude, claudePath: '" + claude
                + "', rehearsal: rehearsal.yaml, timeoutMinutes: 2}\nworkstreams: [{name: a, prompt: x}]\n");
        Workstream ws = plan.workstreams().get(0);
        Path runRoot = repo.resolve(".worktrees/bench");
        Path home = runRoot.resolve("rehearsal-home");

        List<Long> direct = new ArrayList<>();
        List<Long> worker = new ArrayList<>();
        for (int i = 0; i < runs + 1; i++) {
            Path worktree = Files.createDirectories(runRoot.resolve("direct-" + i));
            long t0 = System.nanoTime();
            try (ScriptedModelServer server = ScriptedModelServer.start(RehearsalScript.parse(
                    SCRIPT.replace("{{worktree}}", worktree.toString()), "bench"))) {
                ProcessResult result = ProcessRunner.run(List.of(claude.toString(), "-p", "x", "--output-format",
                        "stream-json", "--verbose", "--model", "sonnet", "--permission-mode", "acceptEdits"),
                        worktree, Environment.ofThisProcess().with(Map.of("ANTHROPIC_BASE_URL", server.baseUrl(),
                                "ANTHROPIC_API_KEY", "bench",
                                "HOME", home.toString(), "CLAUDE_CONFIG_DIR", home.resolve(".claude").toString(),
                                "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1", "DISABLE_AUTOUPDATER", "1")),
                        Duration.ofMinutes(2));
                check(result.exitCode() == 0 && Files.exists(worktree.resolve("RESULTS.md")), "direct run " + i
                        + " did not succeed: " + result.stderr());
            }
            long t1 = System.nanoTime();
            Path wt = Files.createDirectories(runRoot.resolve("worker-" + i));
            WorkerContext ctx = new WorkerContext(ws, "bench", "bench/a", wt, repo, runRoot,
                    runRoot.resolve("results-" + i), runRoot.resolve("results-" + i).resolve("worker.log"),
                    Environment.ofThisProcess(), 1, Optional.empty(), new WorkerListener() {
                        @Override
                        public void processStarted(long pid, Instant startedAt) {
                        }
                    });
            long t2 = System.nanoTime();
            WorkerOutcome outcome = new ClaudeWorker(new ScriptedRehearsals()).run(ctx);
            long t3 = System.nanoTime();
            check(outcome.succeeded() && Files.exists(wt.resolve("RESULTS.md")), "worker run " + i
                    + " did not succeed: " + outcome.failure().orElse(""));
            if (i > 0) {
                // the first pair warms up the JVM, the file cache and the CLI
                direct.add((t1 - t0) / 1_000_000);
                worker.add((t3 - t2) / 1_000_000);
            }
        }
        long directMedian = median(direct);
        long workerMedian = median(worker);
        System.out.printf("Claude worker overhead, %d runs of a 2-turn scripted session (CLI %s)%n", runs,
                claude);
        System.out.printf("  claude started directly   median %5d ms   min %5d ms%n", directMedian,
                min(direct));
        System.out.printf("  through ClaudeWorker      median %5d ms   min %5d ms%n", workerMedian,
                min(worker));
        System.out.printf("RESULT claude worker overhead per run = %d ms (median difference)%n",
                workerMedian - directMedian);
        BenchSupport.deleteQuietly(root);
    }

    /**
     * The upper of the two middle values for an even count, not {@link BenchSupport#median}'s mean of the two: the
     * figures stay comparable with those of earlier runs.
     */
    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
