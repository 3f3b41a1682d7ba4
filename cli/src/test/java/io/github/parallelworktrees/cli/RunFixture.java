package io.github.parallelworktrees.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.parallelworktrees.engine.ledger.Event;
import io.github.parallelworktrees.engine.ledger.Json;
import io.github.parallelworktrees.engine.ledger.RunInfo;
import io.github.parallelworktrees.engine.ledger.RunLayout;
import io.github.parallelworktrees.engine.ledger.RunState;
import io.github.parallelworktrees.engine.ledger.Usage;
import io.github.parallelworktrees.engine.ledger.WaveResult;
import io.github.parallelworktrees.engine.ledger.WorkerRecord;
import io.github.parallelworktrees.engine.ledger.WorkerStatus;
import io.github.parallelworktrees.engine.testing.TestRepo;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A run's files made by hand, at fixed times, so that a screen made from them is the same at every test run: the
 * ledger (through the engine's own RunState), real branches with real commits for git to count and the conflict
 * radar to compare, and worker logs. Feature "plan", workstreams a, b and c in wave 1.
 */
final class RunFixture {

    static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

    final TestRepo repo;
    final Path plan;
    final RunLayout layout;
    final RunState state;

    private RunFixture(TestRepo repo, Path plan, RunState state) {
        this.repo = repo;
        this.plan = plan;
        this.layout = repo.layout("plan");
        this.state = state;
    }

    static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    /**
     * a is done (its branch and usage recorded) and being merged with its gate running; b runs (committed once,
     * its change to README.md collides with a's); c waits for a slot.
     */
    static RunFixture running(Path dir) {
        TestRepo repo = TestRepo.create(dir);
        Path plan = repo.write("plan.yaml", """
                autoMerge: true
                merge: {mode: queue}
                budgetUsd: 2.0
                worker: {type: command, run: 'true'}
                workstreams: [{name: a, prompt: x}, {name: b, prompt: y}, {name: c, prompt: z}]
                """);
        repo.commitAll("plan");
        branch(repo, "plan/a", "README.md", "# made by a\n", "src/a.txt", "a\n");
        branch(repo, "plan/b", "README.md", "# made by b\n", null, null);
        ObjectNode planJson = Json.MAPPER.createObjectNode().put("autoMerge", true).put("budgetUsd", 2.0);
        RunInfo info = new RunInfo("plan", plan.toString(), dir.toString(), "main", repo.tip("main"),
                "plan/integration", 2, RunInfo.Status.RUNNING, T0, null, 0, null, null);
        RunState state = RunState.fresh(repo.layout("plan"), info, planJson, List.of(
                WorkerRecord.pending("a", "plan/a", 1), WorkerRecord.pending("b", "plan/b", 1),
                WorkerRecord.pending("c", "plan/c", 1)));
        state.save();
        state.update("a", r -> r.started(at(5)));
        state.update("a", r -> r.finished(WorkerStatus.DONE, 0, null, at(65), true,
                new Usage(0.4213, 14, 52_000, 3_100, List.of())));
        state.update("b", r -> r.started(at(6)));
        state.record(new Event.MergeStarted(at(66), 1, List.of("a")));
        state.record(new Event.ProcessStarted(at(67), "gate", "wave 1, merge 1, gate run 1", 999_999_999L, at(67)));
        log(repo, "a", "[2026-03-01T09:00:05Z] pwt: worker claude, attempt 1",
                "[2026-03-01T09:00:20Z] turn 3: Bash git commit -m 'a: greet by name'",
                "[2026-03-01T09:01:04Z] result success after 14 turns, $0.4213",
                "[2026-03-01T09:01:05Z] pwt: done");
        log(repo, "b", "[2026-03-01T09:00:06Z] pwt: worker claude, attempt 1",
                "[2026-03-01T09:00:30Z] turn 1: Read src/greeting.py",
                "[2026-03-01T09:01:30Z] turn 2: Edit README.md");
        return new RunFixture(repo, plan, state);
    }

    /**
     * The same run ended: a landed, b left out by the gate, c failed; the run recorded as failed at 5 minutes.
     */
    static RunFixture finished(Path dir) {
        RunFixture f = running(dir);
        TestRepo repo = f.repo;
        String base = repo.tip("main");
        repo.git().run("branch", "plan/integration", "main");
        repo.git().run("checkout", "--quiet", "plan/integration");
        repo.git().run("merge", "--quiet", "--no-ff", "-m", "merge a", "plan/a");
        String landedAt = repo.git().run("rev-parse", "HEAD");
        repo.git().run("checkout", "--quiet", "main");
        f.state.record(new Event.WaveMerged(at(90), new WaveResult(1, "plan/integration", base, landedAt,
                List.of("a"), List.of(), List.of(), List.of())));
        f.state.update("b", r -> r.finished(WorkerStatus.DONE, 0, null, at(150), true,
                new Usage(0.2, 9, 20_000, 1_500, List.of())));
        f.state.record(new Event.MergeStarted(at(151), 1, List.of("b")));
        f.state.record(new Event.WaveMerged(at(170), new WaveResult(1, "plan/integration", landedAt, landedAt,
                List.of(), List.of(WaveResult.LeftOut.conflict("b", "conflict in README.md with a; no merge policy"
                        + " resolves it", repo.tip("plan/b"))), List.of(), List.of())));
        f.state.update("c", r -> r.started(at(151)));
        f.state.update("c", r -> r.finished(WorkerStatus.FAILED, 2, "command exited with 2", at(200), true,
                Usage.NONE));
        f.state.record(new Event.RunEnded(at(300), RunInfo.Status.FAILED, "b was left out; c failed"));
        log(repo, "c", "[2026-03-01T09:02:31Z] pwt: worker command, attempt 1", "make: *** [test] Error 2",
                "[2026-03-01T09:03:20Z] pwt: failed: command exited with 2");
        return f;
    }

    /** A branch off main with one commit writing {@code file} (and {@code other}, when given). */
    private static void branch(TestRepo repo, String branch, String file, String text, String other,
            String otherText) {
        repo.git().run("checkout", "--quiet", "-b", branch, "main");
        repo.write(file, text);
        if (other != null) {
            repo.write(other, otherText);
        }
        repo.commitAll(branch + ": work");
        repo.git().run("checkout", "--quiet", "main");
    }

    private static void log(TestRepo repo, String workstream, String... lines) {
        TestRepo.writeFile(repo.layout("plan").workerLog(workstream), String.join("\n", lines) + "\n");
    }
}
