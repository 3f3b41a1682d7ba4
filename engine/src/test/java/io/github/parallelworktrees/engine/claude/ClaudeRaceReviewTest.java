package io.github.parallelworktrees.engine.claude;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.parallelworktrees.engine.ledger.RaceResult;
import io.github.parallelworktrees.engine.ledger.ReviewRecord;
import io.github.parallelworktrees.engine.ledger.RunInfo;
import io.github.parallelworktrees.engine.ledger.RunLayout;
import io.github.parallelworktrees.engine.ledger.RunListener;
import io.github.parallelworktrees.engine.ledger.RunState;
import io.github.parallelworktrees.engine.ledger.WorkerRecord;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.process.Environment;
import io.github.parallelworktrees.engine.rehearsal.ScriptedModelServer;
import io.github.parallelworktrees.engine.run.PlanRunner;
import io.github.parallelworktrees.engine.run.RunSummary;
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
 * The real Claude Code CLI as the reviewer of a race's racers, against a rehearsal script: each racer gets a session
 * of its own, which reads the racer's diff and writes the racer's own REVIEW.md; the verdicts reach the race's
 * standings (racer 1's request for changes keeps it from winning), and each reviewer's cost is its racer's.
 */
class ClaudeRaceReviewTest {

    /** Reads the racer's diff, then requests changes of racer 1 and approves racer 2 (it reads PWT_RACER). */
    private static final String REVIEWER = """
            turns:
              - tool_use:
                  name: Bash
                  input:
                    description: read the diff
                    command: git diff --stat "$PWT_REVIEW_BASE" HEAD
              - tool_use:
                  name: Bash
                  input:
                    description: write the review
                    command: |
                      if [ "$PWT_RACER" = 1 ]; then verdict=request-changes; else verdict=approve; fi
                      printf '# Review of racer %s of %s\\n\\n- minor: src/auth.txt:1 could say more\\n\\nVerdict: %s\\n' "$PWT_RACER" "$PWT_REVIEW_OF" "$verdict" > "$PWT_REVIEW_FILE"
              - text: Reviewed.
            """;

    @TempDir
    Path tmp;

    @Test
    void aClaudeReviewerReviewsEachRacerOnItsOwnAndItsVerdictReachesTheStanding() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        repo.write("reviewer.yaml", REVIEWER);
        repo.commitAll("rehearsal script");
        // racer 1's smaller diff scores better: only its review keeps it from winning
        Plan plan = repo.plan("feat.yaml", """
                autoMerge: true
                waves: [{wave: 1, gate: {command: "test -f src/auth.txt"}}]
                worker:
                  type: command
                  run: >-
                    mkdir -p src && if [ "$PWT_RACER" = 1 ]; then seq 1 > src/auth.txt; else seq 3 > src/auth.txt; fi;
                    echo '# R' > RESULTS.md
                review:
                  criticality: FAILURE
                  worker: {type: claude, claudePath: '%s', rehearsal: reviewer.yaml, permissionMode: bypassPermissions, timeoutMinutes: 2}
                workstreams:
                  - {name: auth, prompt: Write src/auth.txt., race: 2, score: {diffSize: -1}}
                """.formatted(ClaudeCli.binary()));
        List<ScriptedModelServer> servers = Collections.synchronizedList(new ArrayList<>());
        // the CLI refuses bypassPermissions as root outside a declared sandbox; this test's machine is one
        Environment environment = Environment.ofThisProcess().with(Map.of("IS_SANDBOX", "1"));

        RunSummary summary = new PlanRunner(plan, repo.dir(), environment, Optional.empty(), RunListener.silent(),
                new ScriptedRehearsals(servers::add)).run();

        RunLayout layout = repo.layout("feat");
        assertThat(summary.info().status()).as(summary.info().reason()).isEqualTo(RunInfo.Status.SUCCEEDED);
        assertThat(summary.landed()).containsExactly("auth");
        assertThat(servers).as("one scripted model per racer's reviewer").hasSize(2);
        RunState state = RunState.load(layout).orElseThrow();
        RaceResult judged = state.race("auth").orElseThrow();
        assertThat(judged.winner()).isEqualTo(2);
        assertThat(judged.racers()).extracting(s -> s.review().verdict())
                .containsExactly("request-changes", "approve");
        assertThat(judged.racers()).extracting(RaceResult.Standing::eligible).containsExactly(false, true);
        assertThat(judged.why()).contains("racer 1: passed, review request-changes kept it out");
        assertThat(repo.tip("feat/auth")).isEqualTo(repo.tip("feat/auth-racer-2"));
        // each reviewer wrote its racer's own REVIEW.md, having been told that racer's branch and file
        for (int n = 1; n <= 2; n++) {
            ReviewRecord review = judged.racers().get(n - 1).review();
            Path file = layout.resultsDir("auth-racer-" + n).resolve("review-1/REVIEW.md");
            assertThat(review.file()).isEqualTo(file.toString());
            assertThat(TestRepo.read(file)).contains("# Review of racer " + n + " of auth");
            int racer = n;
            assertThat(servers).anySatisfy(s -> assertThat(s.turnRequests().get(0).conversationText())
                    .contains("Review workstream 'auth' (branch feat/auth-racer-" + racer)
                    .contains(layout.resultsDir("auth-racer-" + racer).resolve("REVIEW.md").toString()));
        }
        // each reviewer's cost is its own and its racer's (command racers spend nothing), and counts in the run
        Map<Integer, WorkerRecord> racers = state.racers("auth");
        double reviews = 0;
        for (int n = 1; n <= 2; n++) {
            ReviewRecord review = judged.racers().get(n - 1).review();
            assertThat(review.costUsd()).isPositive();
            assertThat(racers.get(n).costUsd()).isEqualTo(review.costUsd());
            assertThat(judged.racers().get(n - 1).terms()).containsEntry("cost", review.costUsd());
            reviews += review.costUsd();
        }
        JsonNode run = TestRepo.json(layout.runFile());
        assertThat(run.path("totals").path("cost_usd").asDouble()).isCloseTo(reviews, within(1e-9));
        // the winner's review is the workstream's
        assertThat(summary.workers().get(0).review().verdict()).isEqualTo("approve");
    }
}
