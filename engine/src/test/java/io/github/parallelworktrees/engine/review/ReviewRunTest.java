package io.github.parallelworktrees.engine.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.parallelworktrees.engine.ledger.Event;
import io.github.parallelworktrees.engine.ledger.ReviewRecord;
import io.github.parallelworktrees.engine.ledger.RunInfo;
import io.github.parallelworktrees.engine.ledger.RunListener;
import io.github.parallelworktrees.engine.ledger.RunState;
import io.github.parallelworktrees.engine.ledger.RunView;
import io.github.parallelworktrees.engine.ledger.WaveResult;
import io.github.parallelworktrees.engine.ledger.WorkerRecord;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.process.Environment;
import io.github.parallelworktrees.engine.report.RunReport;
import io.github.parallelworktrees.engine.run.PlanRunner;
import io.github.parallelworktrees.engine.run.RunSummary;
import io.github.parallelworktrees.engine.status.StatusReport;
import io.github.parallelworktrees.engine.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code review:}: a reviewer runs in a finished workstream's worktree, writes REVIEW.md outside it, and its
 * verdict gates the branch: with criticality FAILURE a request for changes keeps the branch out of the integration
 * (and, with repair, hands the findings back to its worker); a reviewer that changes the branch fails the review.
 * Real git, command workers and reviewers.
 */
class ReviewRunTest {

    /** Writes src/<ws>.txt (BROKEN for workstream bad until a repair), and RESULTS.md. */
    private static final String WORKER = """
            mkdir -p src
            if [ "$PWT_WORKSTREAM" = bad ] && [ -z "$PWT_REPAIR" ]; then echo BROKEN > src/bad.txt; else echo ok > src/$PWT_WORKSTREAM.txt; fi
            if [ -n "$PWT_REPAIR" ]; then cp "$PWT_REPAIR_REPORT" "$MARKS/repair-$PWT_REPAIR.md"; fi
            echo '# R' > RESULTS.md
            """;

    /** Requests changes while src/ holds BROKEN, approves otherwise; keeps its environment for the test. */
    private static final String REVIEWER = """
            env | grep '^PWT_' | sort > "$MARKS/env-$PWT_REVIEW_OF-$PWT_REVIEW_ROUND"
            if grep -rq BROKEN src; then
              printf '# Review\\n\\n- major: src/bad.txt:1 says BROKEN <script>alert(1)</script>\\n\\nVerdict: request-changes\\n' > "$PWT_REVIEW_FILE"
            else
              printf '# Review\\n\\nNothing to add.\\n\\n**Verdict:** approve\\n' > "$PWT_REVIEW_FILE"
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

    private Plan plan(String extra, String criticality, String reviewer) {
        return repo.plan("f.yaml", """
                autoMerge: true
                merge: {mode: queue}
                env: {MARKS: '%s'}
                %s
                review:
                  criticality: %s
                  focus: [security, tests]
                  worker:
                    type: command
                    run: |
                %s
                worker:
                  type: command
                  run: |
                %s
                workstreams:
                  - {name: a, prompt: x}
                  - {name: bad, prompt: x}
                """.formatted(marks, extra, criticality, reviewer.indent(6), WORKER.indent(4)));
    }

    private RunSummary run(Plan plan) {
        return new PlanRunner(plan, repo.dir(), Environment.ofThisProcess(), Optional.empty(), RunListener.silent())
                .run();
    }

    private RunView view() {
        return RunState.load(repo.layout("f")).orElseThrow().view();
    }

    private ReviewRecord review(RunSummary summary, String ws) {
        return summary.workers().stream().filter(w -> w.workstream().equals(ws)).findFirst().map(WorkerRecord::review)
                .orElseThrow();
    }

    @Test
    void aFailureReviewThatRequestsChangesKeepsTheBranchOutAndAnApprovedOneLands() throws Exception {
        String base = repo.tip("main");

        RunSummary summary = run(plan("", "FAILURE", REVIEWER));

        assertThat(summary.landed()).containsExactly("a");
        assertThat(summary.leftOut()).singleElement().satisfies(l -> {
            assertThat(l.workstream()).isEqualTo("bad");
            assertThat(l.kind()).isEqualTo(WaveResult.LeftOut.Kind.REVIEW);
            assertThat(l.reason()).startsWith("review 1: the reviewer requested changes (criticality FAILURE)");
        });
        assertThat(summary.info().status()).isEqualTo(RunInfo.Status.FAILED);
        assertThat(repo.git().tryRun("cat-file", "-e", "f/integration:src/bad.txt").succeeded()).isFalse();
        assertThat(repo.git().run("show", "f/integration:src/a.txt")).isEqualTo("ok");

        ReviewRecord bad = review(summary, "bad");
        assertThat(bad.verdict()).isEqualTo("request-changes");
        assertThat(bad.status()).isEqualTo("failed");
        assertThat(bad.keptOut()).isTrue();
        assertThat(bad.tip()).isEqualTo(repo.tip("f/bad"));
        assertThat(bad.base()).isEqualTo(base);
        ReviewRecord a = review(summary, "a");
        assertThat(a.verdict()).isEqualTo("approve");
        assertThat(a.status()).isEqualTo("passed");
        assertThat(a.keptOut()).isFalse();

        // the contract: the role, the workstream, where REVIEW.md goes (outside the worktree), the diff's start
        Path results = repo.layout("f").resultsDir("bad");
        assertThat(TestRepo.read(marks.resolve("env-bad-1")).lines().toList()).contains("PWT_ROLE=reviewer",
                "PWT_REVIEW_OF=bad", "PWT_REVIEW_FILE=" + results.resolve("REVIEW.md"), "PWT_REVIEW_BASE=" + base,
                "PWT_REVIEW_ROUND=1", "PWT_REVIEW_FOCUS=security,tests", "PWT_WORKSTREAM=bad");
        assertThat(TestRepo.read(results.resolve("REVIEW.md"))).contains("src/bad.txt:1 says BROKEN");
        assertThat(Path.of(bad.file())).isEqualTo(results.resolve("review-1").resolve("REVIEW.md"));
        assertThat(repo.git().lines("ls-tree", "-r", "--name-only", "f/bad")).doesNotContain("REVIEW.md");

        // recorded: the ledger, sessions.json, run.json, status
        assertThat(view().reviews()).extracting(Event.Reviewed::workstream).containsExactlyInAnyOrder("a", "bad");
        JsonNode sessions = TestRepo.json(repo.layout("f").sessionsFile());
        assertThat(sessions.path("bad").path("review").path("verdict").asText()).isEqualTo("request-changes");
        JsonNode runJson = TestRepo.json(repo.layout("f").runFile());
        assertThat(runJson.path("workers").findValues("review")).extracting(r -> r.path("status").asText())
                .containsExactlyInAnyOrder("passed", "failed");
        StatusReport status = StatusReport.read(repo.layout("f"), 0).orElseThrow();
        assertThat(status.workstreams()).filteredOn(w -> w.workstream().equals("bad")).singleElement()
                .satisfies(w -> assertThat(w.review()).map(ReviewRecord::verdict).contains("request-changes"));

        // the report shows REVIEW.md as text: the reviewer's markup does not survive
        RunReport.write(repo.layout("f"));
        String html = TestRepo.read(repo.layout("f").reportFile());
        assertThat(html).contains("src/bad.txt:1 says BROKEN").doesNotContain("<script>alert(1)</script>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;").contains("request-changes");
    }

    @Test
    void withRepairTheFindingsGoBackToTheWorkerAndTheFixedBranchIsReviewedAgainAndLands() throws Exception {
        RunSummary summary = run(plan("repair: {attempts: 1}", "FAILURE", REVIEWER));

        assertThat(summary.info().status()).as(summary.info().reason()).isEqualTo(RunInfo.Status.SUCCEEDED);
        assertThat(summary.landed()).containsExactlyInAnyOrder("a", "bad");
        assertThat(repo.git().run("show", "f/integration:src/bad.txt")).isEqualTo("ok");
        // the worker was given the reviewer's findings
        String report = TestRepo.read(marks.resolve("repair-1.md"));
        assertThat(report).contains("your reviewer requested changes").contains("src/bad.txt:1 says BROKEN")
                .contains("Verdict: request-changes");
        List<RunView.Repair> repairs = view().repairsOf("bad");
        assertThat(repairs).singleElement().satisfies(r -> {
            assertThat(r.started().why()).isEqualTo(WaveResult.LeftOut.Kind.REVIEW);
            assertThat(r.ended()).map(Event.RepairEnded::outcome).contains(Event.RepairEnded.Outcome.LANDED);
        });
        // reviewed twice: round 1 requested changes, round 2 approved the fix
        assertThat(view().reviews()).filteredOn(r -> r.workstream().equals("bad"))
                .extracting(r -> r.review().round() + ":" + r.review().verdict())
                .containsExactly("1:request-changes", "2:approve");
        assertThat(marks.resolve("env-bad-2")).exists();
        assertThat(review(summary, "bad").round()).isEqualTo(2);
    }

    @Test
    void aReviewWithoutAVerdictLineFailsAndKeepsTheBranchOutWithoutARepair() throws Exception {
        String noVerdict = """
                printf '# Review\\n\\nLooks fine to me.\\n' > "$PWT_REVIEW_FILE"
                """;
        RunSummary summary = run(plan("repair: {attempts: 2}", "FAILURE", noVerdict));

        ReviewRecord r = review(summary, "a");
        assertThat(r.verdict()).isNull();
        assertThat(r.status()).isEqualTo("error");
        assertThat(r.reason()).contains("REVIEW.md has no verdict line");
        assertThat(summary.landed()).isEmpty();
        // a review that judged nothing is not the worker's to fix: no repair
        assertThat(summary.leftOut()).extracting(WaveResult.LeftOut::kind).containsOnlyNulls();
        assertThat(view().repairs()).isEmpty();
        assertThat(summary.info().reason()).contains("no verdict line");
    }

    @Test
    void aReviewerThatCommitsFailsTheReviewAndKeepsTheBranchOutWhateverItsCriticality() throws Exception {
        String committing = """
                echo hack > hack.txt && git add hack.txt && git commit -q -m "reviewer was here"
                echo 'Verdict: approve' > "$PWT_REVIEW_FILE"
                """;
        RunSummary summary = run(plan("", "NOTE", committing));

        assertThat(summary.landed()).isEmpty();
        ReviewRecord r = review(summary, "a");
        assertThat(r.status()).isEqualTo("error");
        assertThat(r.keptOut()).isTrue();
        assertThat(r.reason()).contains("the reviewer changed the branch or its worktree").contains("the branch moved");
        // the reviewer's commit is left as it is, for a person to look at
        assertThat(repo.subjects("main", "f/a")).contains("reviewer was here");
    }

    @Test
    void aReviewerThatEditsAFileFailsTheReview() throws Exception {
        String editing = """
                echo tampered >> src/$PWT_REVIEW_OF.txt
                echo 'Verdict: approve' > "$PWT_REVIEW_FILE"
                """;
        RunSummary summary = run(plan("", "FAILURE", editing));

        assertThat(summary.landed()).isEmpty();
        assertThat(review(summary, "a").reason()).contains("files changed").contains("src/a.txt");
        assertThat(summary.info().status()).isEqualTo(RunInfo.Status.FAILED);
    }

    @Test
    void anUnstableReviewLetsTheBranchLandAndMarksTheRunUnstableWhileANoteOnlyRecords() throws Exception {
        RunSummary unstable = run(plan("", "UNSTABLE", REVIEWER));

        assertThat(unstable.landed()).containsExactlyInAnyOrder("a", "bad");
        assertThat(unstable.info().status()).isEqualTo(RunInfo.Status.SUCCEEDED);
        assertThat(unstable.info().reason()).isEqualTo("unstable: the review of bad did not approve it (criticality"
                + " UNSTABLE)");
        assertThat(review(unstable, "bad").status()).isEqualTo("unstable");
        assertThat(review(unstable, "bad").keptOut()).isFalse();
    }

    @Test
    void aNoteReviewOnlyRecords() throws Exception {
        RunSummary note = run(plan("", "NOTE", REVIEWER));

        assertThat(note.landed()).containsExactlyInAnyOrder("a", "bad");
        assertThat(note.info().status()).isEqualTo(RunInfo.Status.SUCCEEDED);
        assertThat(note.info().reason()).isNull();
        assertThat(review(note, "bad").status()).isEqualTo("note");
    }
}
