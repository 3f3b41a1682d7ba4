package io.github.parallelworktrees.engine.race;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.parallelworktrees.engine.cleanup.Cleanup;
import io.github.parallelworktrees.engine.ledger.RunListener;
import io.github.parallelworktrees.engine.ledger.WorkerRecord;
import io.github.parallelworktrees.engine.ledger.WorkerStatus;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.process.Environment;
import io.github.parallelworktrees.engine.run.PlanRunner;
import io.github.parallelworktrees.engine.run.RunSummary;
import io.github.parallelworktrees.engine.status.StatusReport;
import io.github.parallelworktrees.engine.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Races run end to end with real git and command workers: racers on sibling branches, each gated on the
 * integration branch, the winner's commits become the workstream's branch and land, the losers' branches stay.
 */
class RaceRunTest {

    /** The wave's gate: a tree holding "BROKEN" in src/ fails. */
    private static final String GATE = "{command: \"! grep -rq BROKEN src\"}";

    @TempDir
    Path tmp;

    private static RunSummary run(TestRepo repo, Plan plan) {
        return new PlanRunner(plan, repo.dir(), Environment.ofThisProcess(), Optional.empty(), RunListener.silent())
                .run();
    }

    private static RunSummary resume(TestRepo repo, Plan plan) {
        return new PlanRunner(plan, repo.dir(), Environment.ofThisProcess(), Optional.empty(), RunListener.silent())
                .resume();
    }

    private static WorkerRecord worker(RunSummary summary, String name) {
        return summary.workers().stream().filter(w -> w.workstream().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void onlyTheRacerThatPassesTheGateWinsAndLandsWhileTheLosersBranchesStay() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Path marks = Files.createDirectories(tmp.resolve("marks"));
        Plan plan = repo.plan("f.yaml", """
                autoMerge: true
                env: {MARKS: '%s'}
                waves: [{wave: 1, gate: %s}]
                worker:
                  type: command
                  run: >-
                    env | grep '^PWT_' | sort > "$MARKS/racer-$PWT_RACER.env";
                    mkdir -p src && if [ "$PWT_RACER" = 2 ]; then echo ok > src/auth.txt; else echo BROKEN > src/auth.txt; fi;
                    printf '# Racer %%s\\n\\nLogin by racer %%s\\n' $PWT_RACER $PWT_RACER > RESULTS.md
                workstreams:
                  - {name: auth, prompt: "Add login", race: 3}
                  - {name: docs, prompt: "Write docs", worker: {type: command, run: 'echo d > docs.txt && echo "# R" > RESULTS.md'}}
                """.formatted(marks, GATE));

        RunSummary summary = run(repo, plan);

        assertThat(worker(summary, "auth").status()).as(summary.workers().toString()).isEqualTo(WorkerStatus.DONE);
        assertThat(summary.landed()).containsExactlyInAnyOrder("auth", "docs");
        // the winner's commits are the workstream's branch, and landed
        assertThat(repo.tip("f/auth")).isEqualTo(repo.tip("f/auth-racer-2"));
        assertThat(repo.git().run("show", "f/integration:src/auth.txt")).isEqualTo("ok");
        // the losers' branches are kept, with their work
        assertThat(repo.git().run("show", "f/auth-racer-1:src/auth.txt")).isEqualTo("BROKEN");
        assertThat(repo.git().run("show", "f/auth-racer-3:src/auth.txt")).isEqualTo("BROKEN");
        // each racer knew which it was, its branch and its workstream
        for (int n = 1; n <= 3; n++) {
            assertThat(TestRepo.read(marks.resolve("racer-" + n + ".env"))).contains("PWT_RACER=" + n,
                    "PWT_WORKSTREAM=auth", "PWT_BRANCH=f/auth-racer-" + n, "PWT_FEATURE=f");
        }
        // run.json: every racer, its verdict and score, and why the winner won
        JsonNode race = TestRepo.json(repo.layout("f").runFile()).path("races").get(0);
        assertThat(race.path("workstream").asText()).isEqualTo("auth");
        assertThat(race.path("racers")).hasSize(3);
        JsonNode judged = race.path("judged");
        assertThat(judged.path("winner").asInt()).isEqualTo(2);
        assertThat(judged.path("why").asText()).contains("racer 2 won: the only racer whose gate let it land");
        assertThat(judged.path("racers")).extracting(r -> r.path("verdict").asText())
                .containsExactly("unstable", "passed", "unstable");
        assertThat(judged.path("racers").get(1).path("branch").asText()).isEqualTo("f/auth-racer-2");
        assertThat(judged.path("racers").get(1).path("terms").has("diffSize")).isTrue();
        // sessions.json: the racers beside the workstreams
        JsonNode sessions = TestRepo.json(repo.layout("f").sessionsFile());
        assertThat(sessions.has("auth-racer-1") && sessions.has("auth-racer-2") && sessions.has("auth-racer-3"))
                .isTrue();
        assertThat(sessions.path("auth-racer-1").path("gate").asText()).isEqualTo("unstable");
        // the winner's RESULTS.md is the workstream's
        assertThat(TestRepo.read(repo.layout("f").resultsDir("auth").resolve("RESULTS.md"))).contains("racer 2");
        assertThat(worker(summary, "auth").lastCheckpoint()).isEqualTo("Login by racer 2");
        // pwt status (and --json) and report.html show the race
        StatusReport status = StatusReport.read(repo.layout("f"), 0).orElseThrow();
        StatusReport.RaceStatus shown = status.raceOf("auth").orElseThrow();
        assertThat(shown.racers()).extracting(WorkerRecord::branch)
                .containsExactly("f/auth-racer-1", "f/auth-racer-2", "f/auth-racer-3");
        assertThat(shown.judged().orElseThrow().winner()).isEqualTo(2);
        String report = TestRepo.read(repo.layout("f").reportFile());
        assertThat(report).contains("Race of 3 racers", "f/auth-racer-3", "<b>winner</b>", "branch kept",
                "racer 2 won");
        // cleanup: the winner's worktree goes (its branch landed), the losers' stay (unmerged work); no branch goes
        List<Cleanup.Outcome> cleaned = new Cleanup(plan, repo.dir(), Environment.ofThisProcess()).run(false);
        assertThat(cleaned).filteredOn(o -> o.workstream().startsWith("auth-racer-"))
                .extracting(o -> o.workstream() + " " + o.action())
                .containsExactly("auth-racer-1 KEPT", "auth-racer-2 REMOVED", "auth-racer-3 KEPT");
        assertThat(List.of("f/auth", "f/auth-racer-1", "f/auth-racer-2", "f/auth-racer-3"))
                .allMatch(b -> repo.git().branchExists(b));
    }

    @Test
    void whenEveryRacerPassesTheScoreDecidesHereTheSmallestDiff() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        // racer 1 writes 6 lines, racer 2 one, racer 3 three
        Plan plan = repo.plan("f.yaml", """
                autoMerge: true
                waves: [{wave: 1, gate: %s}]
                worker:
                  type: command
                  run: >-
                    mkdir -p src && case $PWT_RACER in 1) seq 6 ;; 2) seq 1 ;; *) seq 3 ;; esac > src/auth.txt;
                    echo "# R" > RESULTS.md
                workstreams:
                  - {name: auth, prompt: "Add login", race: 3, score: {diffSize: -1}}
                """.formatted(GATE));

        RunSummary summary = run(repo, plan);

        assertThat(summary.landed()).containsExactly("auth");
        assertThat(repo.tip("f/auth")).isEqualTo(repo.tip("f/auth-racer-2"));
        JsonNode judged = TestRepo.json(repo.layout("f").runFile()).path("races").get(0).path("judged");
        assertThat(judged.path("racers")).extracting(r -> r.path("score").asDouble())
                .containsExactly(-6.0, -1.0, -3.0);
        assertThat(judged.path("why").asText()).startsWith("racer 2 won on score");
        assertThat(worker(summary, "auth").reason()).contains("racer 2 won on score");
    }

    @Test
    void aTieOnScoreGoesToTheFirstRacerInOrder() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Plan plan = repo.plan("f.yaml", """
                autoMerge: true
                worker: {type: command, run: 'echo "$PWT_RACER" > racer.txt && echo "# R" > RESULTS.md'}
                workstreams:
                  - {name: auth, prompt: "Add login", race: 2}
                """);

        RunSummary summary = run(repo, plan);

        assertThat(summary.landed()).containsExactly("auth");
        assertThat(repo.tip("f/auth")).isEqualTo(repo.tip("f/auth-racer-1"));
        JsonNode judged = TestRepo.json(repo.layout("f").runFile()).path("races").get(0).path("judged");
        assertThat(judged.path("racers")).extracting(r -> r.path("verdict").asText())
                .containsExactly("no gate", "no gate");
        assertThat(judged.path("why").asText()).contains("tied on score").contains("first in racer order");
    }

    @Test
    void whenNoRacerPassesTheWorkstreamFailsNamingEveryRacersVerdict() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Plan plan = repo.plan("f.yaml", """
                autoMerge: true
                waves: [{wave: 1, gate: %s}]
                worker:
                  type: command
                  run: >-
                    if [ "$PWT_RACER" = 3 ]; then exit 4; fi;
                    mkdir -p src && echo BROKEN > src/auth.txt && echo "# R" > RESULTS.md
                workstreams:
                  - {name: auth, prompt: "Add login", race: 3}
                """.formatted(GATE));

        RunSummary summary = run(repo, plan);

        WorkerRecord auth = worker(summary, "auth");
        assertThat(auth.status()).isEqualTo(WorkerStatus.FAILED);
        assertThat(auth.reason()).contains("no racer may land", "racer 1: unstable", "racer 2: unstable",
                "racer 3: not done (failed");
        assertThat(summary.landed()).isEmpty();
        assertThat(repo.git().branchExists("f/auth")).isFalse();
        assertThat(List.of("f/auth-racer-1", "f/auth-racer-2", "f/auth-racer-3"))
                .allMatch(b -> repo.git().branchExists(b));
        assertThat(summary.info().reason()).contains("auth (failed)");
    }

    @Test
    void racersBeyondMaxParallelWaitForASlot() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Path marks = Files.createDirectories(tmp.resolve("marks"));
        Plan plan = repo.plan("f.yaml", """
                maxParallel: 2
                env: {MARKS: '%s'}
                worker:
                  type: command
                  run: >-
                    touch "$MARKS/running-$PWT_RACER"; sleep 0.4;
                    ls "$MARKS" | grep -c '^running-' >> "$MARKS/counts"; sleep 0.4;
                    rm "$MARKS/running-$PWT_RACER"; echo "# R" > RESULTS.md; echo $PWT_RACER > r.txt
                workstreams:
                  - {name: auth, prompt: "Add login", race: 4}
                """.formatted(marks));

        RunSummary summary = run(repo, plan);

        assertThat(worker(summary, "auth").status()).isEqualTo(WorkerStatus.DONE);
        List<String> counts = Files.readAllLines(marks.resolve("counts"));
        assertThat(counts).hasSize(4).allMatch(c -> Integer.parseInt(c.strip()) <= 2);
        assertThat(counts).anyMatch(c -> c.strip().equals("2"));
    }

    @Test
    void theDefaultMaxParallelRunsEveryRacerAtOnce() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Plan plan = repo.plan("f.yaml", """
                worker: {type: command, run: 'true'}
                workstreams:
                  - {name: auth, prompt: "Add login", race: 3}
                  - {name: docs, prompt: "Docs"}
                """);
        assertThat(plan.maxParallel()).isEqualTo(4);
    }

    @Test
    void resumeKeepsARacerThatFinishedAndRunsTheOthersAgainOnTheirBranches() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Path marks = Files.createDirectories(tmp.resolve("marks"));
        // racer 1 finishes with a broken tree; racer 2's worker fails until the marker "fixed" exists
        Plan plan = repo.plan("f.yaml", """
                autoMerge: true
                env: {MARKS: '%s'}
                waves: [{wave: 1, gate: %s}]
                worker:
                  type: command
                  run: >-
                    echo run >> "$MARKS/runs-$PWT_RACER"; mkdir -p src;
                    if [ "$PWT_RACER" = 1 ]; then echo BROKEN > src/auth.txt;
                    else echo "attempt" >> src/auth.txt; git add -A; git commit -qm "racer 2 attempt";
                    test -f "$MARKS/fixed" || exit 1; fi;
                    echo "# R" > RESULTS.md
                workstreams:
                  - {name: auth, prompt: "Add login", race: 2}
                """.formatted(marks, GATE));

        RunSummary first = run(repo, plan);
        assertThat(worker(first, "auth").status()).isEqualTo(WorkerStatus.FAILED);
        String racer2FirstAttempt = repo.tip("f/auth-racer-2");

        Files.writeString(marks.resolve("fixed"), "");
        RunSummary second = resume(repo, plan);

        assertThat(worker(second, "auth").status()).as(second.workers().toString()).isEqualTo(WorkerStatus.DONE);
        assertThat(second.landed()).containsExactly("auth");
        // racer 1 finished the first time: it kept its result and did not run again; racer 2 ran again on its branch
        assertThat(Files.readAllLines(marks.resolve("runs-1"))).hasSize(1);
        assertThat(Files.readAllLines(marks.resolve("runs-2"))).hasSize(2);
        assertThat(repo.git().isAncestor(racer2FirstAttempt, repo.tip("f/auth-racer-2"))).isTrue();
        assertThat(repo.tip("f/auth")).isEqualTo(repo.tip("f/auth-racer-2"));
        assertThat(repo.git().run("show", "f/auth-racer-1:src/auth.txt")).isEqualTo("BROKEN");
    }

    @Test
    void aRunKilledAfterItsRaceWasJudgedButBeforeTheWorkstreamEndedKeepsThatJudgementOnResume() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Path marks = Files.createDirectories(tmp.resolve("marks"));
        Plan plan = repo.plan("f.yaml", """
                waves: [{wave: 1, gate: {command: "echo gated >> %s/gates"}}]
                worker: {type: command, run: "echo $PWT_RACER > auth.txt; echo '# R' > RESULTS.md"}
                workstreams:
                  - {name: auth, prompt: "Add login", race: 2}
                """.formatted(marks));
        run(repo, plan);
        // what a SIGKILL right after the judgement was recorded leaves: the ledger ends with race_judged
        Path ledger = repo.dir().resolve(".worktrees/f/ledger.jsonl");
        List<String> events = Files.readAllLines(ledger);
        int judged = events.stream().filter(e -> e.contains("\"race_judged\"")).map(events::indexOf).findFirst()
                .orElseThrow();
        Files.write(ledger, events.subList(0, judged + 1));
        assertThat(Files.readAllLines(marks.resolve("gates"))).hasSize(2);

        RunSummary resumed = resume(repo, plan);

        assertThat(worker(resumed, "auth").status()).isEqualTo(WorkerStatus.DONE);
        assertThat(repo.tip("f/auth")).isEqualTo(repo.tip("f/auth-racer-1"));
        assertThat(Files.readAllLines(ledger).stream().filter(e -> e.contains("\"race_judged\""))).hasSize(1);
        assertThat(Files.readAllLines(marks.resolve("gates"))).as("no racer gated again").hasSize(2);
    }
}
