package io.github.parallelworktrees.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.parallelworktrees.engine.git.Git;
import io.github.parallelworktrees.engine.process.Environment;
import io.github.parallelworktrees.engine.testing.ClaudeCli;
import io.github.parallelworktrees.engine.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pwt demo --agents} with the real Claude Code CLI against the demo's rehearsal scripts: the planner writes the
 * plan (invalid, then valid in the same session), core is raced (each racer reviewed) and won by the gate and the
 * score, api and cli are reviewed (api sent back once, then approved), and everything lands. Checked from git and the run's files, not
 * from what the demo prints about itself.
 */
class DemoAgentsCommandTest {

    @TempDir
    Path tmp;

    @Test
    void plansRacesReviewsAndLandsWithRehearsedClaudeAgents() throws Exception {
        Path dir = tmp.resolve("demo");

        PwtRunner result = PwtRunner.pwt("demo", "--agents", "--claude-path", ClaudeCli.binary().toString(),
                "--dir", dir.toString());

        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).contains("The demo went as designed", "core racer 3: approve");
        Git git = Git.in(dir, Environment.ofThisProcess());

        // 1. the planner wrote the plan: an invalid one, then, resumed in the same session, a valid one
        Path plan = dir.resolve("specs/greeting.plan.yaml");
        JsonNode planning = TestRepo.json(dir.resolve(".worktrees/.planning/specs__greeting.plan.yaml/planning.json"));
        assertThat(planning.path("status").asText()).isEqualTo("valid");
        assertThat(planning.path("worker_type").asText()).isEqualTo("claude");
        JsonNode attempts = planning.path("attempts");
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(0).path("valid").asBoolean()).isFalse();
        assertThat(attempts.get(0).path("errors").toString()).contains("unknown key 'diffsize'");
        assertThat(attempts.get(1).path("valid").asBoolean()).isTrue();
        assertThat(attempts.get(1).path("session_id").asText()).isNotBlank()
                .isEqualTo(attempts.get(0).path("session_id").asText());
        Path records = Path.of(planning.path("records").asText());
        assertThat(records.resolve("plan.attempt-1.yaml")).content().contains("diffsize: -0.5");
        assertThat(plan).content().isEqualTo(Files.readString(records.resolve("plan.attempt-2.yaml")))
                .contains("diffSize: -0.5").doesNotContain("diffsize");
        assertThat(git.run("log", "-1", "--format=%s", "main", "--", "specs/greeting.plan.yaml"))
                .isEqualTo("greeting: the plan, written by the planner agent");

        // 2. the race: racer 1 fails the gate, racer 3 beats racer 2 on score, its commits are greeting/core
        JsonNode run = TestRepo.json(dir.resolve(".worktrees/greeting/run.json"));
        JsonNode judged = run.path("races").get(0).path("judged");
        assertThat(judged.path("workstream").asText()).isEqualTo("core");
        assertThat(judged.path("winner").asInt()).as(judged.toString()).isEqualTo(3);
        JsonNode racers = judged.path("racers");
        assertThat(racers.get(0).path("verdict").asText()).isEqualTo("failed");
        assertThat(racers.get(0).path("eligible").asBoolean()).isFalse();
        assertThat(racers.get(1).path("verdict").asText()).isEqualTo("passed");
        assertThat(racers.get(2).path("score").asDouble()).isGreaterThan(racers.get(1).path("score").asDouble());
        assertThat(git.run("rev-parse", "greeting/core")).isEqualTo(git.run("rev-parse", "greeting/core-racer-3"));
        for (int n = 1; n <= 3; n++) {
            assertThat(git.tryRun("rev-parse", "--verify", "-q", "refs/heads/greeting/core-racer-" + n).succeeded())
                    .as("racer %d's branch is kept", n).isTrue();
        }
        assertThat(git.run("show", "greeting/core-racer-1:src/core.txt")).contains("BROKEN");

        // 3. reviews: api sent back with its finding, repaired, approved; cli approved; each of core's racers
        // reviewed in its own REVIEW.md during the judging, the review counted in its score
        Path results = dir.resolve(".worktrees/greeting/results");
        assertThat(results.resolve("api/review-1/REVIEW.md")).content()
                .contains("src/api.txt:2", "Verdict: request-changes");
        assertThat(results.resolve("api/REVIEW.md")).content().contains("round 2", "Verdict: approve");
        assertThat(results.resolve("cli/REVIEW.md")).content().contains("round 1", "Verdict: approve");
        for (int n = 1; n <= 3; n++) {
            assertThat(results.resolve("core-racer-" + n + "/REVIEW.md")).as("racer %d's review", n).content()
                    .contains("Review of core", "Verdict: approve");
            assertThat(racers.get(n - 1).path("review").path("verdict").asText()).isEqualTo("approve");
            assertThat(racers.get(n - 1).path("terms").path("review").asDouble()).isEqualTo(1.0);
        }
        assertThat(results.resolve("core/REVIEW.md")).as("the winner's review is the workstream's").content()
                .contains("Verdict: approve");
        assertThat(git.lines("log", "--no-merges", "--format=%s", "main..greeting/api", "--", "src/api.txt"))
                .containsExactly("api: check the name, as the review asked", "api: add src/api.txt");

        // 4. everything landed on the integration branch, the review's fix included
        for (String ws : List.of("core", "api", "cli")) {
            assertThat(git.isAncestor("greeting/" + ws, "greeting/integration")).as(ws).isTrue();
        }
        assertThat(git.run("show", "greeting/integration:src/api.txt")).doesNotContain("TODO");
        assertThat(run.path("run").path("status").asText()).isEqualTo("succeeded");
        assertThat(dir.resolve(".worktrees/greeting/report.html")).content()
                .contains("All 3 workstreams landed on greeting/integration")
                .contains("The plan was written by a planner agent in 2 attempts");
    }

    @Test
    void itsHelpSaysWhatTheAgentsDemoDoesAndItRefusesAgentsWithClaude() {
        PwtRunner help = PwtRunner.pwt("demo", "--help");
        assertThat(help.out()).contains("--agents", "planner agent", "race", "review", "rehearsal");

        PwtRunner both = PwtRunner.pwt("demo", "--agents", "--claude", "--dir", tmp.resolve("demo").toString());
        assertThat(both.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(both.err()).contains("--agents and --claude");
    }
}
