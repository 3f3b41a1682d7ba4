package io.github.parallelworktrees.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.parallelworktrees.engine.ledger.RaceResult;
import io.github.parallelworktrees.engine.ledger.RunListener;
import io.github.parallelworktrees.engine.ledger.WorkerRecord;
import io.github.parallelworktrees.engine.ledger.WorkerStatus;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.plan.PlanParser;
import io.github.parallelworktrees.engine.process.Environment;
import io.github.parallelworktrees.engine.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PlanRunner#runRacer} and {@link PlanRunner#judgeRace}: a race whose racers run apart, each in a checkout
 * of its own (a Jenkins body per racer, on its own agent), and is judged in another checkout once every racer's
 * branch has been brought there.
 */
class RacersApartTest {

    /** Racer 2 writes what the wave's gate accepts; the others write BROKEN, which it refuses. */
    private static final String PLAN = """
            feature: f
            env: {MARKS: '%s'}
            waves: [{wave: 1, gate: {command: "! grep -rq BROKEN src"}}]
            worker:
              type: command
              run: >-
                env | grep '^PWT_' | sort > "$MARKS/racer-$PWT_RACER.env";
                mkdir -p src && if [ "$PWT_RACER" = 2 ]; then echo ok > src/auth.txt; else echo BROKEN > src/auth.txt; fi;
                printf '# Racer %%s\\n\\nLogin by racer %%s\\n' $PWT_RACER $PWT_RACER > RESULTS.md
            workstreams:
              - {name: auth, prompt: "Add login", race: 3}
              - {name: docs, prompt: "Write docs"}
            """;

    @TempDir
    Path tmp;

    private TestRepo origin;
    private Path marks;

    @BeforeEach
    void origin() throws Exception {
        marks = Files.createDirectories(tmp.resolve("marks"));
        origin = TestRepo.create(tmp.resolve("origin"));
        origin.write("specs/plan.yaml", PLAN.formatted(marks));
        origin.commitAll("the plan");
    }

    private static PlanRunner runner(TestRepo checkout) {
        Plan plan = PlanParser.read(checkout.dir().resolve("specs/plan.yaml"));
        return new PlanRunner(plan, checkout.dir(), Environment.ofThisProcess(), Optional.empty(),
                RunListener.silent());
    }

    /** Racer {@code n} run in a clone of its own; returns its record. */
    private WorkerRecord runApart(int n) {
        TestRepo agent = TestRepo.cloneOf(origin, tmp.resolve("agent-" + n));
        RunSummary summary = runner(agent).runRacer("auth", n);
        assertThat(summary.workers()).hasSize(1);
        return summary.workers().get(0);
    }

    @Test
    void aRacerRunsOnItsOwnBranchAndWorktreeKnowingItsNumberAndIsNotJudged() {
        TestRepo agent = TestRepo.cloneOf(origin, tmp.resolve("agent"));

        RunSummary summary = runner(agent).runRacer("auth", 2);

        WorkerRecord racer = summary.workers().get(0);
        assertThat(racer.workstream()).isEqualTo("auth-racer-2");
        assertThat(racer.branch()).isEqualTo("f/auth-racer-2");
        assertThat(racer.status()).as(String.valueOf(racer.reason())).isEqualTo(WorkerStatus.DONE);
        assertThat(agent.git().run("show", "f/auth-racer-2:src/auth.txt")).isEqualTo("ok");
        assertThat(agent.layout("f").worktree("auth-racer-2")).isDirectory();
        assertThat(TestRepo.read(marks.resolve("racer-2.env"))).contains("PWT_RACER=2", "PWT_WORKSTREAM=auth",
                "PWT_BRANCH=f/auth-racer-2");
        // no judgement here: the workstream's own branch is made only where the race is judged
        assertThat(agent.git().branchExists("f/auth")).isFalse();
        assertThat(TestRepo.json(agent.layout("f").sessionsFile()).has("auth-racer-2")).isTrue();
    }

    @Test
    void racersRunApartAreJudgedWhereTheirBranchesMeetAndTheWinnersTipBecomesTheWorkstreamsBranch()
            throws Exception {
        Map<Integer, WorkerRecord> racers = new LinkedHashMap<>();
        for (int n = 1; n <= 3; n++) {
            racers.put(n, runApart(n));
        }
        TestRepo merge = TestRepo.cloneOf(origin, tmp.resolve("merge"));
        for (int n = 1; n <= 3; n++) {
            String branch = "refs/heads/f/auth-racer-" + n;
            merge.git().run("fetch", "--quiet", tmp.resolve("agent-" + n).toString(), branch + ":" + branch);
        }

        RaceResult result = runner(merge).judgeRace("auth", racers);

        assertThat(result.winner()).as(result.why()).isEqualTo(2);
        assertThat(result.why()).contains("racer 2 won");
        assertThat(result.racers()).extracting(RaceResult.Standing::verdict)
                .containsExactly("unstable", "passed", "unstable");
        assertThat(merge.tip("f/auth")).isEqualTo(merge.tip("f/auth-racer-2"));
        // the losers' branches are kept, with their work
        assertThat(merge.git().run("show", "f/auth-racer-1:src/auth.txt")).isEqualTo("BROKEN");
        assertThat(merge.git().run("show", "f/auth-racer-3:src/auth.txt")).isEqualTo("BROKEN");
        // the judgement and the workstream's end are in this checkout's run
        JsonNode sessions = TestRepo.json(merge.layout("f").sessionsFile());
        assertThat(sessions.path("auth").path("status").asText()).isEqualTo("done");
        assertThat(sessions.path("auth-racer-1").path("gate").asText()).isEqualTo("unstable");
        JsonNode judged = TestRepo.json(merge.layout("f").runFile()).path("races").get(0).path("judged");
        assertThat(judged.path("winner").asInt()).isEqualTo(2);
    }

    @Test
    void aRacerThatDidNotFinishElsewhereIsNotGatedAndCannotWin() throws Exception {
        WorkerRecord first = runApart(1);
        WorkerRecord second = runApart(2).withStatus(WorkerStatus.FAILED, "exit 4");
        TestRepo merge = TestRepo.cloneOf(origin, tmp.resolve("merge"));
        for (int n = 1; n <= 2; n++) {
            String branch = "refs/heads/f/auth-racer-" + n;
            merge.git().run("fetch", "--quiet", tmp.resolve("agent-" + n).toString(), branch + ":" + branch);
        }

        RaceResult result = runner(merge).judgeRace("auth", Map.of(1, first, 2, second));

        assertThat(result.winner()).isNull();
        assertThat(result.racers()).extracting(RaceResult.Standing::verdict)
                .containsExactly("unstable", "not done", "not done");
        assertThat(result.why()).contains("racer 2: not done (failed: exit 4)", "racer 3: not done (it never started)");
        assertThat(merge.git().branchExists("f/auth")).isFalse();
        assertThat(TestRepo.json(merge.layout("f").sessionsFile()).path("auth").path("status").asText())
                .isEqualTo("failed");
    }

    @Test
    void aRaceJudgedHereWithAWinnerIsKeptWhenAskedAgain() throws Exception {
        Map<Integer, WorkerRecord> racers = new LinkedHashMap<>();
        for (int n = 1; n <= 3; n++) {
            racers.put(n, runApart(n));
        }
        TestRepo merge = TestRepo.cloneOf(origin, tmp.resolve("merge"));
        for (int n = 1; n <= 3; n++) {
            String branch = "refs/heads/f/auth-racer-" + n;
            merge.git().run("fetch", "--quiet", tmp.resolve("agent-" + n).toString(), branch + ":" + branch);
        }
        RaceResult first = runner(merge).judgeRace("auth", racers);

        RaceResult again = runner(merge).judgeRace("auth", racers);

        assertThat(again).isEqualTo(first);
        assertThat(TestRepo.json(merge.layout("f").runFile()).path("races").get(0).path("judged").path("winner")
                .asInt()).isEqualTo(2);
    }

    @Test
    void onlyARacedWorkstreamHasRacersAndOnlyAsManyAsItsRace() {
        TestRepo agent = TestRepo.cloneOf(origin, tmp.resolve("agent"));

        assertThatThrownBy(() -> runner(agent).runRacer("docs", 1)).isInstanceOf(RunException.class)
                .hasMessageContaining("workstream 'docs' is not raced");
        assertThatThrownBy(() -> runner(agent).runRacer("auth", 4)).isInstanceOf(RunException.class)
                .hasMessageContaining("has racers 1 to 3").hasMessageContaining("no racer 4");
        assertThatThrownBy(() -> runner(agent).runWorkstream("auth")).isInstanceOf(RunException.class)
                .hasMessageContaining("is raced").hasMessageContaining("runRacer");
    }
}
