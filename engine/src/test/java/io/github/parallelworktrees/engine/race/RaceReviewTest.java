package io.github.parallelworktrees.engine.race;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.parallelworktrees.engine.ledger.RaceResult;
import io.github.parallelworktrees.engine.ledger.ReviewRecord;
import io.github.parallelworktrees.engine.ledger.RunInfo;
import io.github.parallelworktrees.engine.ledger.RunLayout;
import io.github.parallelworktrees.engine.ledger.RunListener;
import io.github.parallelworktrees.engine.ledger.RunState;
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
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A raced workstream under review: every racer whose worker finished is reviewed by a reviewer of its own, with its
 * own REVIEW.md, during the race's judging; a FAILURE review that requests changes keeps its racer from winning, the
 * verdict is the score's {@code review} term, and the judgement records each racer's review. Real git, command
 * racers and command reviewers.
 */
class RaceReviewTest {

    /** Racer 1 writes one line, racer 2 three: with a negative diffSize weight racer 1 has the better score. */
    private static final String RACER = """
            worker:
              type: command
              run: >-
                mkdir -p src && if [ "$PWT_RACER" = 1 ]; then seq 1 > src/auth.txt; else seq 3 > src/auth.txt; fi;
                printf '# Racer %s\\n' "$PWT_RACER" > RESULTS.md
            """;

    /**
     * Keeps its environment; requests changes of racer 1 (with HTML in its findings, which the report must not
     * run), approves racer 2 and any workstream not raced.
     */
    private static final String REVIEWER = """
            type: command
            run: |
              env | grep '^PWT_' | sort > "$MARKS/review-${PWT_RACER:-$PWT_REVIEW_OF}.env"
              if [ "$PWT_RACER" = 1 ]; then
                printf '# Review of racer 1\\n\\n- major: src/auth.txt:1 <script>alert(1)</script>\\n\\nVerdict: request-changes\\n' > "$PWT_REVIEW_FILE"
              else
                printf '# Review of %s\\n\\nFine.\\n\\nVerdict: approve\\n' "${PWT_RACER:-$PWT_REVIEW_OF}" > "$PWT_REVIEW_FILE"
              fi
            """;

    @TempDir
    Path tmp;

    private TestRepo repo;
    private Path marks;

    @BeforeEach
    void repository() throws Exception {
        repo = TestRepo.create(tmp.resolve("repo"));
        marks = Files.createDirectories(tmp.resolve("marks"));
    }

    private Plan plan(String review, String workstreams) {
        return repo.plan("f.yaml", "autoMerge: true\nenv: {MARKS: '" + marks + "'}\n"
                + "waves: [{wave: 1, gate: {command: 'test -f src/auth.txt'}}]\n" + RACER + review
                + "workstreams:\n" + workstreams);
    }

    private static String reviewer(String criticality) {
        return "criticality: " + criticality + "\nworker:\n" + REVIEWER.indent(2);
    }

    private RunSummary run(Plan plan) {
        return new PlanRunner(plan, repo.dir(), Environment.ofThisProcess(), Optional.empty(), RunListener.silent())
                .run();
    }

    private RaceResult judged() {
        return RunState.load(repo.layout("f")).orElseThrow().race("auth").orElseThrow();
    }

    private static WorkerRecord worker(RunSummary summary, String name) {
        return summary.workers().stream().filter(w -> w.workstream().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aFailureReviewThatRequestsChangesOfRacer1MakesRacer2WinThoughRacer1ScoresBetter() throws Exception {
        String base = repo.tip("main");
        Plan plan = plan("", """
                  - name: auth
                    prompt: Add login
                    race: 2
                    score: {diffSize: -1}
                    review:
                %s
                """.formatted(reviewer("FAILURE").indent(6)));

        RunSummary summary = run(plan);

        assertThat(summary.info().status()).as(summary.info().reason()).isEqualTo(RunInfo.Status.SUCCEEDED);
        assertThat(summary.landed()).containsExactly("auth");
        assertThat(repo.tip("f/auth")).isEqualTo(repo.tip("f/auth-racer-2"));
        RunLayout layout = repo.layout("f");
        // each racer was reviewed on its own: its environment, its branch's diff from the race's start, its REVIEW.md
        for (int n = 1; n <= 2; n++) {
            assertThat(TestRepo.read(marks.resolve("review-" + n + ".env"))).contains("PWT_ROLE=reviewer",
                    "PWT_REVIEW_OF=auth", "PWT_RACER=" + n, "PWT_BRANCH=f/auth-racer-" + n, "PWT_REVIEW_BASE=" + base,
                    "PWT_REVIEW_ROUND=1",
                    "PWT_REVIEW_FILE=" + layout.resultsDir("auth-racer-" + n).resolve("REVIEW.md"),
                    "PWT_WORKTREE=" + layout.worktree("auth-racer-" + n));
        }
        assertThat(TestRepo.read(layout.resultsDir("auth-racer-1").resolve("REVIEW.md")))
                .contains("Review of racer 1").contains("request-changes");
        assertThat(TestRepo.read(layout.resultsDir("auth-racer-2").resolve("review-1/REVIEW.md")))
                .contains("Review of 2").contains("approve");
        // the winner's REVIEW.md becomes the workstream's, as its RESULTS.md does
        assertThat(TestRepo.read(layout.resultsDir("auth").resolve("REVIEW.md"))).contains("Review of 2");
        // the judgement: racer 1 kept out by its review, racer 2 won; the why says so
        RaceResult race = judged();
        assertThat(race.winner()).isEqualTo(2);
        RaceResult.Standing one = race.racers().get(0);
        assertThat(one.verdict()).isEqualTo("passed");
        assertThat(one.eligible()).isFalse();
        assertThat(one.review().verdict()).isEqualTo("request-changes");
        assertThat(one.review().keptOut()).isTrue();
        assertThat(one.review().tip()).isEqualTo(repo.tip("f/auth-racer-1"));
        assertThat(one.review().base()).isEqualTo(base);
        assertThat(one.terms()).containsEntry("review", 0.0).containsEntry("diffSize", 1.0);
        assertThat(race.racers().get(1).review().verdict()).isEqualTo("approve");
        assertThat(race.racers().get(1).terms()).containsEntry("review", 1.0);
        assertThat(race.why()).startsWith("racer 2 won: the only racer whose gate and review let it land (passed,"
                + " review approve); racer 1: passed, review request-changes kept it out (the reviewer requested"
                + " changes (criticality FAILURE)");
        // the winner's review is the workstream's; each racer's record holds its own
        assertThat(worker(summary, "auth").review().file())
                .isEqualTo(layout.resultsDir("auth-racer-2").resolve("review-1/REVIEW.md").toString());
        JsonNode sessions = TestRepo.json(layout.sessionsFile());
        assertThat(sessions.path("auth-racer-1").path("review").path("verdict").asText()).isEqualTo("request-changes");
        assertThat(sessions.path("auth-racer-2").path("review").path("verdict").asText()).isEqualTo("approve");
        JsonNode runRace = TestRepo.json(layout.runFile()).path("races").get(0);
        assertThat(runRace.path("judged").path("racers")).extracting(r -> r.path("review").path("verdict").asText())
                .containsExactly("request-changes", "approve");
        assertThat(runRace.path("racers")).extracting(r -> r.path("review").path("status").asText())
                .containsExactly("failed", "passed");
        // nothing of a review is committed on a racer's branch
        assertThat(repo.git().lines("ls-tree", "-r", "--name-only", "f/auth-racer-1")).doesNotContain("REVIEW.md");
        // status and report.html show each racer's review; the report renders each REVIEW.md safely
        StatusReport status = StatusReport.read(layout, 0).orElseThrow();
        assertThat(status.raceOf("auth").orElseThrow().racers()).extracting(r -> r.review().verdict())
                .containsExactly("request-changes", "approve");
        String report = TestRepo.read(layout.reportFile());
        assertThat(report).contains("Review of auth-racer-1 (round 1)", "Review of auth-racer-2 (round 1)",
                "request-changes (kept out)", "&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain(
                "<script>alert(1)");
    }

    @Test
    void withNoteCriticalityTheReviewOnlyScoresAndHereItDecidesTheRace() {
        // without the review racer 1 wins on its smaller diff; the review's weight makes racer 2's approval decide
        Plan plan = plan("review:\n" + reviewer("NOTE").indent(2), """
                  - {name: auth, prompt: Add login, race: 2, score: {diffSize: -1, review: 5}}
                """);

        RunSummary summary = run(plan);

        assertThat(summary.info().status()).isEqualTo(RunInfo.Status.SUCCEEDED);
        assertThat(summary.info().reason()).isNull();
        RaceResult race = judged();
        assertThat(race.winner()).isEqualTo(2);
        assertThat(race.racers()).extracting(RaceResult.Standing::eligible).containsExactly(true, true);
        assertThat(race.racers()).extracting(s -> s.review().status()).containsExactly("note", "passed");
        assertThat(race.racers()).extracting(RaceResult.Standing::score).containsExactly(-1.0, 2.0);
        assertThat(race.why()).startsWith("racer 2 won on score, decided by the review (without the review term"
                + " racer 1 would have won): racer 1 -1.00 (diffSize 1, review 0, cost 0.00), racer 2 2.00 (diffSize"
                + " 3, review 1, cost 0.00)");
        assertThat(repo.tip("f/auth")).isEqualTo(repo.tip("f/auth-racer-2"));
    }

    @Test
    void aPlansOrWavesReviewReachesTheRacersAndAnUnstableOneLetsTheWinnerLandAndMarksTheRun() {
        // the plan's reviewer, at the wave's criticality; racer 1 has the better score, and its review does not
        // approve: it wins, lands, and the run is unstable; the workstream not raced is reviewed as usual
        Plan plan = repo.plan("f.yaml", "autoMerge: true\nenv: {MARKS: '" + marks + "'}\n"
                + "waves: [{wave: 1, gate: {command: 'true'}, review: {criticality: UNSTABLE}}]\n" + RACER
                + "review:\n  criticality: FAILURE\n  worker:\n" + REVIEWER.indent(4) + """
                workstreams:
                  - {name: auth, prompt: Add login, race: 2, score: {diffSize: -1}}
                  - {name: docs, prompt: Write docs, worker: {type: command, run: 'echo d > docs.txt && echo "# R" > RESULTS.md'}}
                """);

        RunSummary summary = run(plan);

        assertThat(summary.landed()).containsExactlyInAnyOrder("auth", "docs");
        assertThat(summary.info().status()).isEqualTo(RunInfo.Status.SUCCEEDED);
        assertThat(summary.info().reason()).isEqualTo("unstable: the review of auth did not approve it (criticality"
                + " UNSTABLE)");
        RaceResult race = judged();
        assertThat(race.winner()).isEqualTo(1);
        assertThat(race.racers()).extracting(s -> s.review().criticality()).containsExactly("UNSTABLE", "UNSTABLE");
        assertThat(race.racers().get(0).review().status()).isEqualTo("unstable");
        assertThat(race.why()).startsWith("racer 1 won on score: ");
        assertThat(Files.exists(marks.resolve("review-1.env")) && Files.exists(marks.resolve("review-2.env")))
                .isTrue();
        assertThat(worker(summary, "docs").review().verdict()).isEqualTo("approve");
        assertThat(TestRepo.read(marks.resolve("review-docs.env"))).doesNotContain("PWT_RACER");
    }

    @Test
    void whenEveryRacerIsKeptOutByItsReviewTheWorkstreamFailsNamingEachRacersVerdict() {
        Plan plan = plan("review:\n  criticality: FAILURE\n  worker: {type: command, run: 'echo \"Verdict:"
                + " request-changes\" > \"$PWT_REVIEW_FILE\"'}\n", """
                  - {name: auth, prompt: Add login, race: 2}
                """);

        RunSummary summary = run(plan);

        WorkerRecord auth = worker(summary, "auth");
        assertThat(auth.status()).isEqualTo(WorkerStatus.FAILED);
        assertThat(auth.reason()).contains("race: no racer may land: racer 1: passed, review request-changes kept it"
                + " out (the reviewer requested changes (criticality FAILURE)", "; racer 2: passed, review"
                + " request-changes kept it out");
        assertThat(summary.landed()).isEmpty();
        assertThat(repo.git().branchExists("f/auth")).isFalse();
    }

    @Test
    void aReviewerThatCommitsOnItsRacersBranchFailsTheReviewAndKeepsTheRacerOutEvenAtNote() {
        Plan plan = plan("review:\n  criticality: NOTE\n  worker:\n    type: command\n    run: |\n"
                + "      if [ \"$PWT_RACER\" = 1 ]; then echo x > fix.txt; git add fix.txt; git commit -qm fix; fi\n"
                + "      echo 'Verdict: approve' > \"$PWT_REVIEW_FILE\"\n", """
                  - {name: auth, prompt: Add login, race: 2, score: {diffSize: -1}}
                """);

        RunSummary summary = run(plan);

        assertThat(summary.landed()).containsExactly("auth");
        RaceResult race = judged();
        assertThat(race.winner()).isEqualTo(2);
        ReviewRecord one = race.racers().get(0).review();
        assertThat(one.status()).isEqualTo("error");
        assertThat(one.keptOut()).isTrue();
        assertThat(one.reason()).contains("the reviewer changed the branch or its worktree");
        // what is kept out is the branch as the reviewer left it, and pwt left its commit there
        assertThat(one.tip()).isEqualTo(repo.tip("f/auth-racer-1"));
        assertThat(repo.subjects("main", "f/auth-racer-1")).contains("fix");
        assertThat(repo.tip("f/auth")).isEqualTo(repo.tip("f/auth-racer-2"));
    }
}
