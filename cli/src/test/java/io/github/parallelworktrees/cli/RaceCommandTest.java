package io.github.parallelworktrees.cli;

import static io.github.parallelworktrees.cli.PwtRunner.pwt;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.parallelworktrees.engine.ledger.Ledger;
import io.github.parallelworktrees.engine.ledger.RunLayout;
import io.github.parallelworktrees.engine.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Races from the command line: {@code pwt status} (and --json) shows every racer; a {@code pwt run} killed mid-race
 * and resumed keeps the racer that had finished and judges the race once, also when killed during the racers'
 * reviews; {@code pwt stop PLAN WS} of a raced workstream stops its racers, and resume runs them again. Real pwt
 * processes, real git, command racers and reviewers.
 */
class RaceCommandTest {

    /** The wave's gate: a tree holding "BROKEN" in src/ fails. */
    private static final String GATE = "{command: \"! grep -rq BROKEN src\"}";

    @TempDir
    Path tmp;

    @Test
    void statusShowsALinePerRacerWithItsBranchVerdictScoreAndCostAndTheRaceInJson() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Path plan = repo.write("plan.yaml", """
                autoMerge: true
                waves: [{wave: 1, gate: %s}]
                worker:
                  type: command
                  run: >-
                    if [ "$PWT_RACER" = 3 ]; then exit 4; fi;
                    mkdir -p src && if [ "$PWT_RACER" = 1 ]; then echo BROKEN > src/auth.txt; else seq 3 > src/auth.txt; fi;
                    echo "# R" > RESULTS.md
                workstreams:
                  - {name: auth, prompt: "Add login", race: 3, score: {diffSize: -1}}
                """.formatted(GATE));
        PwtRunner run = pwt("run", plan.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        // the run's own summary says how the race went, a line per racer
        assertThat(run.out()).contains("Race of auth: racer 2 won: the only racer whose gate let it land")
                .containsPattern("(?m)^  racer 1 plan/auth-racer-1 +done +gate unstable$")
                .containsPattern("(?m)^  racer 2 plan/auth-racer-2 +done +gate passed +\\(winner\\)$")
                .containsPattern("(?m)^  racer 3 plan/auth-racer-3 +failed +gate -$");

        PwtRunner status = pwt("status", plan.toString());

        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.out()).containsPattern("(?m)^auth\\s+1\\s+done\\s+yes")
                .contains("    - auth-racer-1 plan/auth-racer-1 done, gate unstable, ")
                .contains("    * auth-racer-2 plan/auth-racer-2 done, gate passed, score -3.00 (diffSize 3, cost 0.00), - (winner)")
                .contains("    - auth-racer-3 plan/auth-racer-3 failed, gate not done, ")
                .contains("    race: racer 2 won: the only racer whose gate let it land");
        assertThat(status.out().lines().filter(l -> l.contains("(winner)")).toList()).singleElement()
                .asString().contains("auth-racer-2");

        PwtRunner json = pwt("status", plan.toString(), "--json");

        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode race = Json.read(json.out()).path("races").get(0);
        assertThat(race.path("workstream").asText()).isEqualTo("auth");
        assertThat(race.path("racers")).extracting(r -> r.path("workstream").asText() + " "
                + r.path("branch").asText() + " " + r.path("status").asText()).containsExactly(
                "auth-racer-1 plan/auth-racer-1 done", "auth-racer-2 plan/auth-racer-2 done",
                "auth-racer-3 plan/auth-racer-3 failed");
        JsonNode judged = race.path("judged");
        assertThat(judged.path("winner").asInt()).isEqualTo(2);
        assertThat(judged.path("racers")).extracting(r -> r.path("verdict").asText())
                .containsExactly("unstable", "passed", "not done");
        assertThat(judged.path("racers").get(1).path("score").asDouble()).isEqualTo(-3.0);
        assertThat(judged.path("racers").get(1).path("tip").asText()).isEqualTo(repo.tip("plan/auth-racer-2"));
        assertThat(judged.path("why").asText()).startsWith("racer 2 won");
    }

    /** @param sigkill killed outright (its racers' workers live on), or stopped by SIGTERM (it stops them) */
    @ParameterizedTest(name = "sigkill={0}")
    @ValueSource(booleans = {true, false})
    void aRunKilledMidRaceResumesWithTheFinishedRacerKeptTheOthersRunAgainOnTheirBranchesAndOneJudgement(
            boolean sigkill) throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Path marks = Files.createDirectories(tmp.resolve("marks"));
        // racer 1 finishes at once with a tree the gate refuses; racers 2 and 3 commit a first attempt, then wait
        // for "go" (the killed run leaves them sleeping); resumed, they finish on top of that attempt
        Path plan = repo.write("plan.yaml", """
                autoMerge: true
                env: {MARKS: '%s'}
                waves: [{wave: 1, gate: %s}]
                worker:
                  type: command
                  run: |
                    echo run >> "$MARKS/runs-$PWT_RACER"
                    mkdir -p src
                    if [ "$PWT_RACER" = 1 ]; then
                      echo BROKEN > src/auth.txt; git add -A; git commit -qm "racer 1"; echo '# R' > RESULTS.md; exit 0
                    fi
                    if [ ! -f "$MARKS/committed-$PWT_RACER" ]; then
                      echo "attempt $PWT_RACER" > src/auth.txt; git add -A; git commit -qm "racer $PWT_RACER attempt"
                      touch "$MARKS/committed-$PWT_RACER"
                    fi
                    if [ ! -f "$MARKS/go" ]; then exec sleep 300; fi
                    echo "# Racer $PWT_RACER" > RESULTS.md
                workstreams:
                  - {name: auth, prompt: "Add login", race: 3}
                """.formatted(marks, GATE));
        RunLayout layout = repo.layout("plan");
        Path sessions = layout.sessionsFile();
        Process pwt = new ProcessBuilder(javaBinary(), "-cp", System.getProperty("java.class.path"),
                Pwt.class.getName(), "run", plan.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("pwt.out").toFile()).start();
        TestRepo.awaitTrue("racer 1 done, racers 2 and 3 waiting after their commit", Duration.ofSeconds(60), () ->
                Files.exists(sessions) && status(sessions, "auth-racer-1").equals("done")
                        && TestRepo.json(sessions).path("auth-racer-2").path("worker_pid").isNumber()
                        && TestRepo.json(sessions).path("auth-racer-3").path("worker_pid").isNumber()
                        && Files.exists(marks.resolve("committed-2")) && Files.exists(marks.resolve("committed-3")));
        long orphan2 = TestRepo.json(sessions).path("auth-racer-2").path("worker_pid").asLong();
        long orphan3 = TestRepo.json(sessions).path("auth-racer-3").path("worker_pid").asLong();

        if (sigkill) {
            pwt.destroyForcibly();
        } else {
            pwt.destroy();
        }
        assertThat(pwt.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(alive(orphan2) || alive(orphan3)).as("SIGTERM stops the racers' workers; SIGKILL cannot")
                .isEqualTo(sigkill);

        // after the kill: the records say what git holds, and no race was judged
        String racer1 = repo.tip("plan/auth-racer-1");
        String attempt2 = repo.tip("plan/auth-racer-2");
        String attempt3 = repo.tip("plan/auth-racer-3");
        assertThat(repo.subjects("main", "plan/auth-racer-2")).containsExactly("racer 2 attempt");
        PwtRunner killed = pwt("status", plan.toString());
        assertThat(killed.out()).contains("run interrupted")
                .contains("    - auth-racer-1 plan/auth-racer-1 done, ")
                .contains("    - auth-racer-2 plan/auth-racer-2 interrupted, ")
                .contains("    - auth-racer-3 plan/auth-racer-3 interrupted, ")
                .doesNotContain("race: ");
        JsonNode killedJson = Json.read(pwt("status", plan.toString(), "--json").out());
        assertThat(killedJson.path("races").get(0).path("racers")).extracting(r -> r.path("status").asText())
                .containsExactly("done", "interrupted", "interrupted");
        assertThat(killedJson.path("races").get(0).path("judged").isNull()).as("not judged").isTrue();
        JsonNode runAfterKill = TestRepo.json(layout.runFile());
        assertThat(runAfterKill.path("run").path("status").asText()).isEqualTo("interrupted");
        assertThat(runAfterKill.path("races").get(0).path("racers")).extracting(r -> r.path("branch_tip").asText())
                .containsExactly(racer1, attempt2, attempt3);
        assertThat(runAfterKill.path("races").get(0).has("judged")).isFalse();
        assertThat(repo.git().branchExists("plan/auth")).isFalse();
        assertThat(judgements(layout)).isZero();

        Files.writeString(marks.resolve("go"), "");
        PwtRunner resume = pwt("resume", plan.toString());

        assertThat(resume.exitCode()).as(resume.out() + resume.err()).isZero();
        assertThat(resume.out()).contains("1 finished in an earlier run and keep their result");
        if (sigkill) {
            assertThat(resume.out()).contains("auth-racer-2: stopped its worker (pid " + orphan2 + ")",
                    "auth-racer-3: stopped its worker (pid " + orphan3 + ")");
        }
        assertThat(alive(orphan2) || alive(orphan3)).isFalse();
        // racer 1 kept its result and did not run again; racers 2 and 3 ran again on their kept branches
        assertThat(Files.readAllLines(marks.resolve("runs-1"))).hasSize(1);
        assertThat(Files.readAllLines(marks.resolve("runs-2"))).hasSize(2);
        assertThat(Files.readAllLines(marks.resolve("runs-3"))).hasSize(2);
        assertThat(repo.tip("plan/auth-racer-1")).isEqualTo(racer1);
        assertThat(repo.git().isAncestor(attempt2, repo.tip("plan/auth-racer-2"))).isTrue();
        assertThat(repo.git().isAncestor(attempt3, repo.tip("plan/auth-racer-3"))).isTrue();
        // judged once: racers 2 and 3 pass and tie, racer 2 (first in order) wins and lands
        assertThat(judgements(layout)).isEqualTo(1);
        assertThat(repo.tip("plan/auth")).isEqualTo(repo.tip("plan/auth-racer-2"));
        assertThat(repo.git().run("show", "plan/integration:src/auth.txt")).isEqualTo("attempt 2");
        assertThat(List.of("plan/auth-racer-1", "plan/auth-racer-2", "plan/auth-racer-3"))
                .allMatch(b -> repo.git().branchExists(b));
        // and the records agree with git
        JsonNode after = TestRepo.json(sessions);
        assertThat(List.of("auth", "auth-racer-1", "auth-racer-2", "auth-racer-3"))
                .allMatch(name -> status(sessions, name).equals("done"));
        assertThat(after.path("auth-racer-1").path("attempts").asInt()).isEqualTo(1);
        assertThat(after.path("auth-racer-2").path("attempts").asInt()).isEqualTo(2);
        JsonNode run = TestRepo.json(layout.runFile());
        assertThat(run.path("run").path("status").asText()).isEqualTo("succeeded");
        JsonNode race = run.path("races").get(0);
        assertThat(race.path("judged").path("winner").asInt()).isEqualTo(2);
        assertThat(race.path("judged").path("racers")).extracting(r -> r.path("tip").asText())
                .containsExactly(racer1, repo.tip("plan/auth-racer-2"), repo.tip("plan/auth-racer-3"));
        assertThat(race.path("racers")).extracting(r -> r.path("branch_tip").asText())
                .containsExactly(racer1, repo.tip("plan/auth-racer-2"), repo.tip("plan/auth-racer-3"));
        assertThat(run.path("workers").get(0).path("landed").asBoolean()).isTrue();
        assertThat(pwt("status", plan.toString()).out()).containsPattern("(?m)^auth\\s+1\\s+done\\s+yes")
                .contains("    * auth-racer-2 plan/auth-racer-2 done, gate passed")
                .contains("    - auth-racer-1 plan/auth-racer-1 done, gate unstable");
    }

    @Test
    void pwtStopOfARacedWorkstreamStopsItsRacersAndRecordsThemStoppedAndResumeRunsThemAgain() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Path marks = Files.createDirectories(tmp.resolve("marks"));
        // two slots: racers 1 and 2 work (until stopped), racer 3 and docs wait for a slot
        Path plan = repo.write("plan.yaml", """
                autoMerge: true
                maxParallel: 2
                env: {MARKS: '%s'}
                worker:
                  type: command
                  run: |
                    echo run >> "$MARKS/runs-$PWT_RACER"
                    if [ -f "$MARKS/go" ]; then echo "$PWT_RACER" > r.txt; echo '# R' > RESULTS.md; exit 0; fi
                    echo $$ > "$MARKS/pid-$PWT_RACER"
                    exec sleep 300
                workstreams:
                  - {name: auth, prompt: "Add login", race: 3}
                  - {name: docs, prompt: x, worker: {type: command, run: 'echo d > d.txt && echo "# R" > RESULTS.md'}}
                """.formatted(marks));
        RunLayout layout = repo.layout("plan");
        Path sessions = layout.sessionsFile();
        Process run = new ProcessBuilder(javaBinary(), "-cp", System.getProperty("java.class.path"),
                Pwt.class.getName(), "run", plan.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("run.out").toFile()).start();
        TestRepo.awaitTrue("racers 1 and 2 working", Duration.ofSeconds(60), () ->
                Files.exists(marks.resolve("pid-1")) && Files.exists(marks.resolve("pid-2"))
                        && status(sessions, "auth-racer-1").equals("running")
                        && status(sessions, "auth-racer-2").equals("running"));
        long racer1 = Long.parseLong(Files.readString(marks.resolve("pid-1")).strip());
        long racer2 = Long.parseLong(Files.readString(marks.resolve("pid-2")).strip());

        PwtRunner stop = pwt("stop", plan.toString(), "auth");

        assertThat(stop.exitCode()).as(stop.out() + stop.err()).isZero();
        assertThat(stop.out()).contains("Asked the run of 'plan' to stop auth.")
                .containsPattern("auth: stopped \\(stopped by 'pwt stop' \\(racer 1 stopped, racer 2 stopped,"
                        + " racer 3 stopped\\).*\\) after ")
                .contains("Continue with: pwt resume " + plan);
        assertThat(run.waitFor(60, TimeUnit.SECONDS)).as("the run ends once docs is done").isTrue();
        assertThat(run.exitValue()).as(Files.readString(tmp.resolve("run.out"))).isEqualTo(ExitCodes.INTERRUPTED);
        assertThat(alive(racer1) || alive(racer2)).as("the racers' processes were stopped").isFalse();
        assertThat(marks.resolve("runs-3")).as("racer 3 never started").doesNotExist();
        for (String racer : List.of("auth-racer-1", "auth-racer-2", "auth-racer-3")) {
            assertThat(status(sessions, racer)).as(racer).isEqualTo("stopped");
        }
        assertThat(TestRepo.json(sessions).path("auth-racer-1").path("reason").asText())
                .startsWith("stopped by 'pwt stop'");
        assertThat(TestRepo.json(sessions).path("auth-racer-3").path("reason").asText())
                .contains("before it started");
        assertThat(status(sessions, "auth")).isEqualTo("stopped");
        assertThat(status(sessions, "docs")).isEqualTo("done");
        assertThat(judgements(layout)).as("a stopped race is not judged").isZero();
        JsonNode stopped = TestRepo.json(layout.runFile());
        assertThat(stopped.path("run").path("status").asText()).isEqualTo("interrupted");
        assertThat(stopped.path("run").path("reason").asText()).contains("'pwt stop' stopped auth");
        assertThat(pwt("status", plan.toString()).out()).containsPattern("(?m)^auth\\s+1\\s+stopped")
                .contains("    - auth-racer-1 plan/auth-racer-1 stopped, ")
                .contains("    - auth-racer-3 plan/auth-racer-3 stopped, ");

        Files.writeString(marks.resolve("go"), "");
        PwtRunner resumed = pwt("resume", plan.toString());

        assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isZero();
        for (String name : List.of("auth", "auth-racer-1", "auth-racer-2", "auth-racer-3")) {
            assertThat(status(sessions, name)).as(name).isEqualTo("done");
        }
        assertThat(Files.readAllLines(marks.resolve("runs-1"))).hasSize(2);
        assertThat(Files.readAllLines(marks.resolve("runs-3"))).hasSize(1);
        assertThat(judgements(layout)).isEqualTo(1);
        assertThat(repo.tip("plan/auth")).isEqualTo(repo.tip("plan/auth-racer-1"));
        assertThat(repo.git().run("show", "plan/integration:r.txt")).isEqualTo("1");
    }

    /** @param sigkill killed outright (the reviewer lives on), or stopped by SIGTERM (it stops the reviewer) */
    @ParameterizedTest(name = "sigkill={0}")
    @ValueSource(booleans = {true, false})
    void aRunKilledDuringTheRacersReviewsKeepsTheRecordedReviewAndJudgesOnceOnResume(boolean sigkill)
            throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Path marks = Files.createDirectories(tmp.resolve("marks"));
        // both racers finish at once; racer 1's reviewer requests changes, racer 2's waits for "go" before it
        // approves (the killed run leaves it sleeping)
        Path plan = repo.write("plan.yaml", """
                autoMerge: true
                env: {MARKS: '%s'}
                waves: [{wave: 1, gate: {command: "true"}}]
                worker:
                  type: command
                  run: >-
                    mkdir -p src && seq "$PWT_RACER" > src/auth.txt && echo '# R' > RESULTS.md
                workstreams:
                  - name: auth
                    prompt: Add login
                    race: 2
                    review:
                      criticality: FAILURE
                      worker:
                        type: command
                        run: |
                          echo review >> "$MARKS/reviews-$PWT_RACER"
                          if [ "$PWT_RACER" = 1 ]; then echo 'Verdict: request-changes' > "$PWT_REVIEW_FILE"; exit 0; fi
                          if [ ! -f "$MARKS/go" ]; then touch "$MARKS/reviewing-2"; exec sleep 300; fi
                          echo 'Verdict: approve' > "$PWT_REVIEW_FILE"
                """.formatted(marks));
        RunLayout layout = repo.layout("plan");
        Path sessions = layout.sessionsFile();
        Process pwt = new ProcessBuilder(javaBinary(), "-cp", System.getProperty("java.class.path"),
                Pwt.class.getName(), "run", plan.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("pwt.out").toFile()).start();
        TestRepo.awaitTrue("racer 1 reviewed, racer 2's reviewer running", Duration.ofSeconds(60), () ->
                Files.exists(marks.resolve("reviewing-2")) && Files.exists(sessions)
                        && TestRepo.json(sessions).path("auth-racer-1").path("review").path("verdict").isTextual()
                        && TestRepo.json(sessions).path("auth-racer-2").path("worker_pid").isNumber());
        long reviewer = TestRepo.json(sessions).path("auth-racer-2").path("worker_pid").asLong();

        if (sigkill) {
            pwt.destroyForcibly();
        } else {
            pwt.destroy();
        }
        assertThat(pwt.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(alive(reviewer)).as("SIGTERM stops the reviewer; SIGKILL cannot").isEqualTo(sigkill);

        // after the kill: racer 1's review is recorded, racer 2's is not, and no race was judged
        assertThat(judgements(layout)).isZero();
        JsonNode killed = TestRepo.json(sessions);
        assertThat(killed.path("auth-racer-1").path("review").path("verdict").asText()).isEqualTo("request-changes");
        assertThat(killed.path("auth-racer-2").has("review")).isFalse();
        assertThat(pwt("status", plan.toString()).out()).contains("run interrupted")
                .contains("    - auth-racer-1 plan/auth-racer-1 done, review request-changes (kept out), ")
                .doesNotContain("race: ");
        assertThat(repo.git().branchExists("plan/auth")).isFalse();

        Files.writeString(marks.resolve("go"), "");
        PwtRunner resume = pwt("resume", plan.toString());

        assertThat(resume.exitCode()).as(resume.out() + resume.err()).isZero();
        if (sigkill) {
            assertThat(resume.out()).contains("auth-racer-2: stopped its worker (pid " + reviewer + ")");
        }
        assertThat(alive(reviewer)).isFalse();
        assertThat(resume.out()).contains("auth-racer-1: keeps its review 1 of");
        // racer 1 was reviewed once (its review kept), racer 2 again; the race was judged once
        assertThat(Files.readAllLines(marks.resolve("reviews-1"))).hasSize(1);
        assertThat(Files.readAllLines(marks.resolve("reviews-2"))).hasSize(2);
        assertThat(judgements(layout)).isEqualTo(1);
        assertThat(repo.tip("plan/auth")).isEqualTo(repo.tip("plan/auth-racer-2"));
        JsonNode judged = TestRepo.json(layout.runFile()).path("races").get(0).path("judged");
        assertThat(judged.path("winner").asInt()).isEqualTo(2);
        assertThat(judged.path("racers")).extracting(r -> r.path("review").path("verdict").asText() + " round "
                + r.path("review").path("round").asInt()).containsExactly("request-changes round 1", "approve round 1");
        assertThat(TestRepo.json(sessions).path("auth-racer-2").has("worker_pid")).isFalse();
        assertThat(pwt("status", plan.toString()).out())
                .contains("    * auth-racer-2 plan/auth-racer-2 done, gate passed, review approve, score ")
                .contains("    - auth-racer-1 plan/auth-racer-1 done, gate passed, review request-changes (kept out),"
                        + " -")
                .contains("        ? review 1: request-changes (failed, FAILURE; kept out)")
                .contains("    race: racer 2 won: the only racer whose gate and review let it land");
    }

    private static String status(Path sessions, String name) {
        return TestRepo.json(sessions).path(name).path("status").asText();
    }

    /** How many times the ledger says a race was judged. */
    private static long judgements(RunLayout layout) throws Exception {
        return Files.readAllLines(layout.root().resolve(Ledger.FILE)).stream()
                .filter(l -> l.contains("\"event\":\"race_judged\"")).count();
    }

    /** True while the process runs: not gone, and not a zombie its parent has not reaped yet. */
    private static boolean alive(long pid) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (java.io.IOException gone) {
            return false;
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Reads pwt's JSON output. */
    private static final class Json {
        static JsonNode read(String text) throws Exception {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        }
    }
}
