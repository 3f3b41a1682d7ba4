package io.github.parallelworktrees.engine.claude;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.parallelworktrees.engine.ledger.RaceResult;
import io.github.parallelworktrees.engine.ledger.RunInfo;
import io.github.parallelworktrees.engine.ledger.RunListener;
import io.github.parallelworktrees.engine.ledger.RunState;
import io.github.parallelworktrees.engine.ledger.WorkerRecord;
import io.github.parallelworktrees.engine.ledger.WorkerStatus;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.process.Environment;
import io.github.parallelworktrees.engine.rehearsal.ScriptedModelServer;
import io.github.parallelworktrees.engine.run.PlanRunner;
import io.github.parallelworktrees.engine.run.RunSummary;
import io.github.parallelworktrees.engine.status.StatusReport;
import io.github.parallelworktrees.engine.testing.ClaudeCli;
import io.github.parallelworktrees.engine.testing.TestRepo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A race of three real Claude Code CLI racers against rehearsal scripts (the workstream's, and one racer's own):
 * each racer commits on its own branch; the two whose branches break the wave's gate lose, the only one that passes
 * wins, its commits become the workstream's branch and land, the losers' branches stay, and each racer's spend is
 * its own.
 */
class ClaudeRaceTest {

    /**
     * The workstream's script (racers 1 and 3): its Bash call writes a tree the gate refuses, naming its racer
     * (PWT_RACER); it commits and writes RESULTS.md.
     */
    private static final String SCRIPT = """
            turns:
              - tool_use:
                  name: Bash
                  input:
                    description: work
                    command: |
                      mkdir -p src
                      echo "BROKEN by racer $PWT_RACER" > src/auth.txt
                      git add -A && git commit -q -m "auth: racer $PWT_RACER on $PWT_BRANCH"
              - tool_use: {name: Write, input: {file_path: "{{worktree}}/RESULTS.md", content: "# R\\n\\nWrote src/auth.txt.\\n"}}
              - text: Done.
            """;

    /** Racer 2's own script (its entry in racers: names it): a careful racer whose tree passes the gate. */
    private static final String CAREFUL = """
            turns:
              - tool_use:
                  name: Bash
                  input:
                    description: work carefully
                    command: |
                      mkdir -p src && echo "careful login" > src/auth.txt
                      git add -A && git commit -q -m "auth: careful racer $PWT_RACER on $PWT_BRANCH"
              - tool_use: {name: Write, input: {file_path: "{{worktree}}/RESULTS.md", content: "# R\\n\\nCarefully.\\n"}}
              - text: Done.
            """;

    @TempDir
    Path tmp;

    @Test
    void threeClaudeRacersCommitTheTwoThatFailTheGateLoseAndTheOnlyOneThatPassesLandsWithEachCostRecorded() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        repo.write("racer.yaml", SCRIPT);
        repo.write("careful.yaml", CAREFUL);
        repo.commitAll("rehearsal scripts");
        Plan plan = repo.plan("feat.yaml", """
                autoMerge: true
                waves: [{wave: 1, gate: {command: "! grep -rq BROKEN src"}}]
                worker: {type: claude, claudePath: '%s', rehearsal: racer.yaml, permissionMode: bypassPermissions, timeoutMinutes: 2}
                workstreams:
                  - {name: auth, prompt: Write src/auth.txt., racers: [{}, {rehearsal: careful.yaml}, {}]}
                """.formatted(ClaudeCli.binary()));
        List<ScriptedModelServer> servers = Collections.synchronizedList(new ArrayList<>());
        // the CLI refuses bypassPermissions as root outside a declared sandbox; this test's machine is one
        Environment environment = Environment.ofThisProcess().with(Map.of("IS_SANDBOX", "1"));

        RunSummary summary = new PlanRunner(plan, repo.dir(), environment, Optional.empty(), RunListener.silent(),
                new ScriptedRehearsals(servers::add)).run();

        assertThat(summary.info().status()).as(summary.info().reason() + "\n"
                + TestRepo.read(repo.layout("feat").workerLog("auth-racer-1")) + "\n"
                + TestRepo.read(repo.layout("feat").workerLog("auth-racer-2")) + "\n"
                + TestRepo.read(repo.layout("feat").workerLog("auth-racer-3"))).isEqualTo(RunInfo.Status.SUCCEEDED);
        assertThat(summary.landed()).containsExactly("auth");
        assertThat(servers).as("one scripted model per racer").hasSize(3);
        // each racer committed on its own branch, with its own number and branch in its environment: racers 1 and
        // 3 ran the workstream's script, racer 2 its own
        assertThat(repo.subjects("main", "feat/auth-racer-1")).containsExactly(
                "auth: racer 1 on feat/auth-racer-1");
        assertThat(repo.subjects("main", "feat/auth-racer-2")).containsExactly(
                "auth: careful racer 2 on feat/auth-racer-2");
        assertThat(repo.subjects("main", "feat/auth-racer-3")).containsExactly(
                "auth: racer 3 on feat/auth-racer-3");
        // the winner's commits are the workstream's branch, and landed; the losers' branches stay with their work
        assertThat(repo.tip("feat/auth")).isEqualTo(repo.tip("feat/auth-racer-2"));
        assertThat(repo.git().run("show", "feat/integration:src/auth.txt")).isEqualTo("careful login");
        assertThat(repo.git().run("show", "feat/auth-racer-1:src/auth.txt")).isEqualTo("BROKEN by racer 1");
        assertThat(repo.git().run("show", "feat/auth-racer-3:src/auth.txt")).isEqualTo("BROKEN by racer 3");

        RunState state = RunState.load(repo.layout("feat")).orElseThrow();
        Map<Integer, WorkerRecord> racers = state.racers("auth");
        assertThat(racers).hasSize(3);
        for (WorkerRecord racer : racers.values()) {
            assertThat(racer.status()).isEqualTo(WorkerStatus.DONE);
            assertThat(racer.costUsd()).as(racer.workstream() + "'s own spend").isPositive();
            assertThat(racer.sessionId()).as(racer.workstream() + "'s session").isNotBlank();
        }
        assertThat(racers.values()).extracting(WorkerRecord::sessionId).doesNotHaveDuplicates();
        // the racers' spend is in the run's totals, and not in the raced workstream's own record
        WorkerRecord auth = summary.workers().get(0);
        assertThat(auth.usage().costUsd()).isZero();
        double racersCost = racers.get(1).costUsd() + racers.get(2).costUsd() + racers.get(3).costUsd();
        assertThat(state.racersCost()).isEqualTo(racersCost);
        JsonNode run = TestRepo.json(repo.layout("feat").runFile());
        assertThat(run.path("totals").path("cost_usd").asDouble()).isCloseTo(racersCost,
                org.assertj.core.api.Assertions.within(1e-9));

        RaceResult judged = state.race("auth").orElseThrow();
        assertThat(judged.winner()).isEqualTo(2);
        assertThat(judged.why()).contains("racer 2 won: the only racer whose gate let it land");
        assertThat(judged.racers()).extracting(RaceResult.Standing::verdict)
                .containsExactly("unstable", "passed", "unstable");
        assertThat(judged.racers()).extracting(RaceResult.Standing::costUsd)
                .containsExactly(racers.get(1).costUsd(), racers.get(2).costUsd(), racers.get(3).costUsd());
        // run.json, sessions.json and status say the same
        JsonNode race = run.path("races").get(0);
        assertThat(race.path("judged").path("winner").asInt()).isEqualTo(2);
        assertThat(race.path("racers")).hasSize(3);
        JsonNode sessions = TestRepo.json(repo.layout("feat").sessionsFile());
        assertThat(sessions.path("auth-racer-1").path("gate").asText()).isEqualTo("unstable");
        assertThat(sessions.path("auth-racer-2").path("gate").asText()).isEqualTo("passed");
        assertThat(sessions.path("auth-racer-3").path("gate").asText()).isEqualTo("unstable");
        assertThat(sessions.path("auth-racer-2").path("session_id").asText()).isEqualTo(racers.get(2).sessionId());
        assertThat(sessions.path("auth").path("status").asText()).isEqualTo("done");
        StatusReport status = StatusReport.read(repo.layout("feat"), 0).orElseThrow();
        assertThat(status.raceOf("auth").orElseThrow().judged().orElseThrow().winner()).isEqualTo(2);
    }
}
