package io.jenkins.plugins.parallelworktrees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.process.Environment;
import io.github.parallelworktrees.engine.run.PlanRunner;
import io.github.parallelworktrees.engine.ledger.RunListener;
import io.github.parallelworktrees.engine.testing.TestRepo;
import io.jenkins.plugins.parallelworktrees.report.GateRunRow;
import io.jenkins.plugins.parallelworktrees.report.ParallelWorktreesAction;
import io.jenkins.plugins.parallelworktrees.report.WaveRow;
import io.jenkins.plugins.parallelworktrees.report.WorkstreamRow;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a step brings back from the agent after the engine ran: rows, outcomes, files to archive. */
class WorkersReportTest {

    @TempDir
    Path tmp;

    @Test
    void eachWorkersFilesAndItsBranchBundleAreArchivedUnderItsName() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Plan plan = repo.plan("plan.yaml", """
                feature: shop
                worker: {type: command, run: "echo $PWT_WORKSTREAM > $PWT_WORKSTREAM.txt && printf '# Results\\\\n\\\\nDone.\\\\n' > RESULTS.md"}
                workstreams:
                  - {name: api, prompt: Build the API.}
                  - {name: broken, prompt: Fail., worker: {run: "exit 3"}}
                """);
        PlanRunner runner = new PlanRunner(plan, repo.dir(), Environment.ofThisProcess(), Optional.empty(), RunListener.silent());
        runner.run();

        WorkersReport report = WorkersReport.collect(runner.layout(), List.of("api", "broken"), List.of());

        assertThat(report.outcomes()).containsExactly(entry("api", "done"), entry("broken", "failed"));
        assertThat(report.unfinished()).containsExactly("broken (failed)");
        assertThat(report.base()).isEqualTo(repo.dir().toRealPath().toString());
        assertThat(report.artifacts()).containsEntry("workers/api/RESULTS.md", ".worktrees/shop/results/api/RESULTS.md")
                .containsEntry("workers/api/worker.log", ".worktrees/shop/results/api/worker.log")
                .containsEntry("workers/api/branch.bundle", ".worktrees/shop/results/api/branch.bundle")
                .containsEntry("workers/broken/worker.log", ".worktrees/shop/results/broken/worker.log")
                .doesNotContainKey("workers/broken/branch.bundle");
        assertThat(report.rows()).extracting(WorkstreamRow::getWorkstream, WorkstreamRow::getStatus,
                WorkstreamRow::getCommits).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("api", "done", "1"),
                        org.assertj.core.groups.Tuple.tuple("broken", "failed", "0"));
        assertThat(report.rows().get(0).isResultsArchived()).isTrue();
    }

    @Test
    void aPushedBranchIsNotBundled() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Plan plan = repo.plan("plan.yaml", """
                feature: shop
                worker: {type: command, run: "echo x > x.txt && echo '# R' > RESULTS.md"}
                workstreams: [{name: api, prompt: Go.}]
                """);
        PlanRunner runner = new PlanRunner(plan, repo.dir(), Environment.ofThisProcess(), Optional.empty(), RunListener.silent());
        runner.run();

        WorkersReport report = WorkersReport.collect(runner.layout(), List.of("api"), List.of("api"));

        assertThat(report.artifacts()).doesNotContainKey("workers/api/branch.bundle");
    }

    @Test
    void aReviewIsArchivedBesideResultsShownOnItsRowAndAnUnstableOneThatDidNotApproveMakesTheBuildUnstable()
            throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Plan plan = repo.plan("plan.yaml", """
                feature: shop
                worker: {type: command, run: "echo $PWT_WORKSTREAM > $PWT_WORKSTREAM.txt && echo '# R' > RESULTS.md"}
                review:
                  criticality: UNSTABLE
                  worker:
                    type: command
                    run: >-
                      if [ "$PWT_REVIEW_OF" = api ]; then v=request-changes; else v=approve; fi;
                      printf '# Review\\n\\n<script>x</script>\\n\\nVerdict: %s\\n' $v > "$PWT_REVIEW_FILE"
                workstreams:
                  - {name: api, prompt: Build the API.}
                  - {name: web, prompt: Build the site.}
                """);
        PlanRunner runner = new PlanRunner(plan, repo.dir(), Environment.ofThisProcess(), Optional.empty(), RunListener.silent());
        runner.run();

        WorkersReport report = WorkersReport.collect(runner.layout(), List.of("api", "web"), List.of());

        // REVIEW.md is archived like RESULTS.md (MaskedCopies masks every .md it archives)
        assertThat(report.artifacts()).containsEntry("workers/api/REVIEW.md", ".worktrees/shop/results/api/REVIEW.md")
                .containsEntry("workers/web/REVIEW.md", ".worktrees/shop/results/web/REVIEW.md");
        assertThat(MaskedCopies.isText("workers/api/REVIEW.md")).isTrue();
        assertThat(report.rows()).extracting(WorkstreamRow::getWorkstream, WorkstreamRow::getReviewVerdict,
                WorkstreamRow::getReviewStatus, WorkstreamRow::getReviewCriticality).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("api", "request-changes", "unstable", "UNSTABLE"),
                        org.assertj.core.groups.Tuple.tuple("web", "approve", "passed", "UNSTABLE"));
        // the build is marked UNSTABLE for api's review only, naming where to read it
        assertThat(report.unstableReviews()).containsExactly("the review of api did not approve it"
                + " (request-changes, criticality UNSTABLE): see workers/api/REVIEW.md among the artifacts");
        // a masked row keeps its review
        assertThat(report.rows().get(0).masked(t -> t).isReviewUnstable()).isTrue();
    }

    @Test
    void aWholeRunsRacesComeToTheBuildPageWithARowPerRacerAndEachRacersReviewToArchive() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Plan plan = repo.plan("plan.yaml", """
                feature: shop
                autoMerge: true
                waves: [{wave: 1, gate: {command: "! grep -rq BROKEN src"}}]
                worker: {type: command, run: 'mkdir -p src && if [ "$PWT_RACER" = 1 ]; then echo BROKEN; else echo ok; fi > src/auth.txt && echo "# R $PWT_RACER" > RESULTS.md'}
                workstreams:
                  - name: auth
                    prompt: Add login.
                    race: 2
                    review: {worker: {type: command, run: 'printf "# Review\\n\\nVerdict: approve\\n" > "$PWT_REVIEW_FILE"'}}
                """);
        PlanRunner runner = new PlanRunner(plan, repo.dir(), Environment.ofThisProcess(), Optional.empty(),
                RunListener.silent());
        runner.run();

        WorkersReport report = WorkersReport.collectRun(runner.layout(), List.of("auth"), true);

        assertThat(report.rows()).extracting(WorkstreamRow::getWorkstream)
                .containsExactly("auth", "auth-racer-1", "auth-racer-2");
        assertThat(report.rows()).filteredOn(WorkstreamRow::isRacer).extracting(WorkstreamRow::getRaceOf,
                WorkstreamRow::getGate, WorkstreamRow::getReviewVerdict).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("auth", "unstable", "approve"),
                        org.assertj.core.groups.Tuple.tuple("auth", "passed", "approve"));
        assertThat(report.races()).singleElement().satisfies(race -> {
            assertThat(race.getWorkstream()).isEqualTo("auth");
            assertThat(race.getWinner()).isEqualTo(2);
        });
        assertThat(report.artifacts()).containsKeys("workers/auth-racer-1/REVIEW.md", "workers/auth-racer-2/REVIEW.md",
                "workers/auth-racer-2/RESULTS.md", "workers/auth/branch.bundle")
                .doesNotContainKeys("workers/auth-racer-1/branch.bundle", "workers/auth-racer-2/branch.bundle");

        ParallelWorktreesAction action = new ParallelWorktreesAction();
        report.record(action, t -> t);
        assertThat(action.getRaces()).extracting(r -> r.getWinner()).containsExactly(2);
        assertThat(action.getSummary()).startsWith("1 workstream: 1 done; 2 racers");
    }

    @Test
    void aWholeRunBringsItsMergesWithTheirGateRunsTimedAndEachGateMdToArchiveAndWhatGitSaysLanded()
            throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Plan plan = repo.plan("plan.yaml", """
                feature: shop
                autoMerge: true
                waves: [{wave: 1, partial: true, gate: {command: "! grep -rq BROKEN src"}}]
                worker: {type: command, run: "mkdir -p src && echo $PWT_WORKSTREAM > src/$PWT_WORKSTREAM.txt && echo '# R' > RESULTS.md"}
                workstreams:
                  - {name: api, prompt: Build the API.}
                  - {name: bad, prompt: Break it., worker: {run: "mkdir -p src && echo BROKEN > src/bad.txt && echo '# R' > RESULTS.md"}}
                """);
        PlanRunner runner = new PlanRunner(plan, repo.dir(), Environment.ofThisProcess(), Optional.empty(),
                RunListener.silent());
        runner.run();

        WorkersReport report = WorkersReport.collectRun(runner.layout(), List.of("api", "bad"), true);

        // the queue merges what is ready: both branches at once, or each by a merge of its own (1, then 2),
        // depending on which worker finished when
        assertThat(report.merges()).extracting(WaveRow::getWave).containsOnly(1);
        assertThat(report.merges()).extracting(WaveRow::getMerge).isSubsetOf(1, 2).doesNotHaveDuplicates()
                .startsWith(1);
        assertThat(report.merges()).flatExtracting(WaveRow::getLanded).containsExactly("api");
        assertThat(report.merges()).flatExtracting(m -> m.getLeftOut().keySet()).containsExactly("bad");
        assertThat(report.merges()).allSatisfy(merge -> {
            assertThat(merge.getMergedAt()).isNotNull();
            assertThat(merge.getGates()).isNotEmpty().allSatisfy(gate -> {
                assertThat(gate.getFrom()).as("gate run %s started", gate.getRun()).isPositive();
                assertThat(gate.getTo()).isGreaterThanOrEqualTo(gate.getFrom());
                String archived = WaveRow.gateReport(1, merge.getMerge(), gate.getRun());
                assertThat(gate.getReports()).containsExactly(archived);
                assertThat(report.artifacts()).containsEntry(archived, ".worktrees/shop/merges/wave-1/merge-"
                        + merge.getMerge() + "/gate-" + gate.getRun() + "/gate.md");
            });
        });
        assertThat(report.merges()).flatExtracting(WaveRow::getGates).extracting(GateRunRow::getStatus)
                .containsExactlyInAnyOrder("passed", "unstable"); // the gate's criticality: UNSTABLE by default
        // what landed is what git says, on the rows themselves
        assertThat(report.rows()).extracting(WorkstreamRow::getWorkstream, WorkstreamRow::getLanding)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("api", "landed in wave 1"),
                        org.assertj.core.groups.Tuple.tuple("bad", "left out: " + report.rows().get(1).getLeftOut()));
        assertThat(report.rows().get(1).getLeftOut()).startsWith("culprit");
        // each worker's attempt, from the run's ledger
        assertThat(report.rows()).allSatisfy(row -> assertThat(row.getSpans()).singleElement()
                .satisfies(span -> assertThat(span.getTo()).isGreaterThanOrEqualTo(span.getFrom())));

        ParallelWorktreesAction action = new ParallelWorktreesAction();
        report.record(action, text -> text);

        assertThat(action.getHeadline().getTitle())
                .isEqualTo("1 of 2 workstreams landed; bad left out: culprit of the gate");
        assertThat(action.getTimelineSvg()).contains("data-workstream=\"api\"", "data-workstream=\"bad\"",
                "<rect class=\"gate unstable\"", "<line class=\"merge\"", "<polygon class=\"landed\"");
        // bad's gate column: the verdict of the gate run that had it on its candidate, linked to that run's gate.md
        assertThat(action.gateOf(action.getWorkstreams().get(1))).satisfies(gate -> {
            assertThat(gate.getVerdict()).isEqualTo("unstable");
            assertThat(gate.getReport()).matches("waves/1/merge-[12]/gate-\\d+/gate.md");
            assertThat(report.artifacts()).containsKey(gate.getReport());
        });
    }

    @Test
    void theGateOnABranchAloneIsArchivedAndLinkedFromItsRow() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Plan plan = repo.plan("plan.yaml", """
                feature: shop
                waves: [{wave: 1, gate: {command: "true"}}]
                worker: {type: command, run: "echo x > x.txt && echo '# R' > RESULTS.md"}
                workstreams: [{name: api, prompt: Go.}]
                """);
        PlanRunner runner = new PlanRunner(plan, repo.dir(), Environment.ofThisProcess(), Optional.empty(),
                RunListener.silent());
        runner.run();

        WorkersReport report = WorkersReport.collectRun(runner.layout(), List.of("api"), false);

        assertThat(report.artifacts()).containsEntry("workers/api/gate.md", ".worktrees/shop/results/api/gate.md");
        assertThat(report.merges()).isEmpty();
        WorkstreamRow api = report.rows().get(0);
        assertThat(api.getGate()).isEqualTo("passed");
        assertThat(api.getGateReport()).isEqualTo("workers/api/gate.md");
        ParallelWorktreesAction action = new ParallelWorktreesAction();
        report.record(action, text -> text);
        assertThat(action.gateOf(api).getReport()).isEqualTo("workers/api/gate.md");
        assertThat(action.getHeadline().getTitle()).isEqualTo("The workstream is done");
        assertThat(action.getHeadline().getDetail()).contains("autoMerge", "mergeWave");
    }
}
