package io.github.parallelworktrees.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.parallelworktrees.engine.ledger.Event;
import io.github.parallelworktrees.engine.ledger.RunInfo;
import io.github.parallelworktrees.engine.ledger.RunListener;
import io.github.parallelworktrees.engine.ledger.RunState;
import io.github.parallelworktrees.engine.ledger.RunView;
import io.github.parallelworktrees.engine.ledger.WaveResult;
import io.github.parallelworktrees.engine.ledger.WorkerStatus;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.process.Environment;
import io.github.parallelworktrees.engine.queue.Repairs;
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
 * {@code repair: {attempts: N}}: a branch a merge leaves out (a gate culprit, a conflict nothing resolves) goes
 * back to its own worker, with its worktree merged with the integration branch, and re-enters the queue.
 */
class RepairTest {

    private static final String GATE = "{command: \"! grep -rq BROKEN src\"}";
    /** Writes src/<ws>.txt, and RESULTS.md. */
    private static final String GOOD = "mkdir -p src && echo ok > src/$PWT_WORKSTREAM.txt && echo '# R' > RESULTS.md";

    @TempDir
    Path tmp;

    private TestRepo repo;
    private Path marks;

    @BeforeEach
    void repository() throws Exception {
        repo = TestRepo.create(tmp.resolve("repo"));
        marks = Files.createDirectories(tmp.resolve("marks"));
    }

    private RunSummary run(Plan plan) {
        return new PlanRunner(plan, repo.dir(), Environment.ofThisProcess(), Optional.empty(), RunListener.silent())
                .run();
    }

    /** A worker that breaks the gate, and fixes it when it runs as repair {@code fixedIn} or later. */
    private static String culprit(int fixedIn) {
        return """
                    worker:
                      type: command
                      run: |
                        echo "run ${PWT_REPAIR:-0}" >> "$MARKS/bad-runs"
                        mkdir -p src
                        if [ -n "$PWT_REPAIR" ]; then cp "$PWT_REPAIR_REPORT" "$MARKS/report-$PWT_REPAIR.md"; fi
                        if [ "${PWT_REPAIR:-0}" -ge %d ]; then echo fixed > src/bad.txt; else echo "BROKEN ${PWT_REPAIR:-0}" > src/bad.txt; fi
                        echo '# R' > RESULTS.md
                """.formatted(fixedIn);
    }

    private Plan culpritPlan(String mode, String repair, int fixedIn) {
        return repo.plan("f.yaml", """
                autoMerge: true
                merge: {mode: %s}
                %s
                env: {MARKS: '%s'}
                waves: [{wave: 1, partial: true, gate: %s}]
                worker: {type: command, run: "%s"}
                workstreams:
                  - {name: a, prompt: x}
                  - name: bad
                    prompt: x
                %s""".formatted(mode, repair, marks, GATE, GOOD, culprit(fixedIn)));
    }

    private RunView view() {
        return RunState.load(repo.layout("f")).orElseThrow().view();
    }

    private List<String> runsOfBad() throws Exception {
        return Files.readAllLines(marks.resolve("bad-runs"));
    }

    @Test
    void aGateCulpritGoesBackToItsWorkerAndLandsOnItsFirstRepair() throws Exception {
        Plan plan = culpritPlan("queue", "repair: {attempts: 2}", 1);

        RunSummary summary = run(plan);

        assertThat(summary.info().status()).as(summary.info().reason()).isEqualTo(RunInfo.Status.SUCCEEDED);
        assertThat(summary.landed()).containsExactlyInAnyOrder("a", "bad");
        assertThat(summary.leftOut()).isEmpty();
        assertThat(repo.git().run("show", "f/integration:src/bad.txt")).isEqualTo("fixed");
        assertThat(runsOfBad()).containsExactly("run 0", "run 1");
        List<RunView.Repair> repairs = view().repairsOf("bad");
        assertThat(repairs).singleElement().satisfies(r -> {
            assertThat(r.attempt()).isEqualTo(1);
            assertThat(r.started().why()).isEqualTo(WaveResult.LeftOut.Kind.CULPRIT);
            assertThat(r.started().reason()).startsWith("culprit: the gate fails with it");
            assertThat(r.ended()).map(Event.RepairEnded::outcome).contains(Event.RepairEnded.Outcome.LANDED);
        });
        // the worker got the gate's verdict, and what pwt did in its worktree
        String report = TestRepo.read(marks.resolve("report-1.md"));
        assertThat(report).contains("# Repair 1 of 2: workstream bad").contains("the gate fails with your branch")
                .contains("command '! grep -rq BROKEN src' exited with 1").contains("gate-")
                .contains("## In your worktree now");
        assertThat(Path.of(repairs.get(0).started().report())).isEqualTo(Repairs.reportFile(repo.layout("f"), "bad",
                1));
        // the left-out commit is kept: the repair added to the branch, it did not rewrite it
        assertThat(repo.git().isAncestor(repairs.get(0).started().leftOutTip(), repo.tip("f/bad"))).isTrue();
        assertThat(summary.workers().stream().filter(w -> w.workstream().equals("bad")).findFirst().orElseThrow()
                .attempts()).isEqualTo(2);
        // status and run.json say it: repair 1 of bad landed
        StatusReport status = StatusReport.read(repo.layout("f"), 0).orElseThrow();
        assertThat(status.repairsOf("bad")).singleElement().satisfies(r -> assertThat(r.ended().orElseThrow()
                .outcome()).isEqualTo(Event.RepairEnded.Outcome.LANDED));
        JsonNode repair = TestRepo.json(repo.layout("f").runFile()).path("repairs").get(0);
        assertThat(repair.path("started").path("workstream").asText()).isEqualTo("bad");
        assertThat(repair.path("started").path("attempt").asInt()).isEqualTo(1);
        assertThat(repair.path("ended").path("outcome").asText()).isEqualTo("landed");
        // and so does the report, with a link to what the worker was given
        io.github.parallelworktrees.engine.report.RunReport.write(repo.layout("f"));
        String html = TestRepo.read(repo.layout("f").reportFile());
        assertThat(html).contains("<td>1 of 2</td><td>culprit: the gate fails with it")
                .contains("<td>landed</td>").contains(">report</a>");
    }

    @Test
    void aConflictGoesBackToItsWorkerWhoseWorktreeIsMidMergeWithTheIntegrationBranch() throws Exception {
        // both write the same file: whichever lands second conflicts; its repair resolves the merge pwt started
        String worker = """
                mkdir -p src
                if [ -n "$PWT_REPAIR" ]; then
                  cp "$PWT_REPAIR_REPORT" "$MARKS/report-$PWT_WORKSTREAM.md"
                  git diff --name-only --diff-filter=U > "$MARKS/unmerged-$PWT_WORKSTREAM"
                  printf 'from both\\n' > src/shared.txt
                  git add src/shared.txt && git commit -q --no-edit
                else
                  echo "from $PWT_WORKSTREAM" > src/shared.txt
                fi
                echo '# R' > RESULTS.md
                """;
        Plan plan = repo.plan("f.yaml", """
                autoMerge: true
                merge: {mode: queue}
                repair: {attempts: 1}
                env: {MARKS: '%s'}
                waves: [{wave: 1, partial: true, gate: %s}]
                worker:
                  type: command
                  run: |
                %s
                workstreams:
                  - {name: a, prompt: x}
                  - {name: b, prompt: x}
                """.formatted(marks, GATE, worker.indent(4)));

        RunSummary summary = run(plan);

        assertThat(summary.info().status()).as(summary.info().reason()).isEqualTo(RunInfo.Status.SUCCEEDED);
        assertThat(summary.landed()).containsExactlyInAnyOrder("a", "b");
        assertThat(repo.git().run("show", "f/integration:src/shared.txt")).isEqualTo("from both");
        List<RunView.Repair> repairs = view().repairs();
        assertThat(repairs).singleElement().satisfies(r -> {
            assertThat(r.started().why()).isEqualTo(WaveResult.LeftOut.Kind.CONFLICT);
            assertThat(r.started().reason()).contains("conflict in src/shared.txt");
            assertThat(r.ended()).map(Event.RepairEnded::outcome).contains(Event.RepairEnded.Outcome.LANDED);
        });
        String repaired = repairs.get(0).workstream();
        String other = repaired.equals("a") ? "b" : "a";
        // the worker found its worktree in the middle of pwt's merge of the integration branch, which held the other
        assertThat(TestRepo.read(marks.resolve("unmerged-" + repaired)).strip()).isEqualTo("src/shared.txt");
        String report = TestRepo.read(marks.resolve("report-" + repaired + ".md"));
        assertThat(report).contains("a conflict with the integration branch").contains("src/shared.txt")
                .contains(repairs.get(0).started().integration()).contains("conflicts in: src/shared.txt");
        assertThat(repo.git().isAncestor(repo.tip("f/" + other), repo.tip("f/" + repaired))).isTrue();
        assertThat(repo.git().run("rev-list", "--parents", "-n", "1", "f/" + repaired).split(" ")).hasSize(3);
    }

    @Test
    void aWorkerThatNeverFixesItIsRepairedExactlyAttemptsTimesThenLeftOut() throws Exception {
        Plan plan = culpritPlan("queue", "repair: {attempts: 2}", 99);

        RunSummary summary = run(plan);

        assertThat(runsOfBad()).containsExactly("run 0", "run 1", "run 2");
        assertThat(view().repairsOf("bad")).extracting(r -> r.ended().orElseThrow().outcome())
                .containsExactly(Event.RepairEnded.Outcome.LEFT_OUT, Event.RepairEnded.Outcome.LEFT_OUT);
        assertThat(summary.landed()).containsExactly("a");
        assertThat(summary.leftOut()).singleElement().satisfies(l -> assertThat(l.reason())
                .startsWith("culprit").endsWith("repair attempts exhausted (2 of 2)"));
        assertThat(summary.info().status()).isEqualTo(RunInfo.Status.FAILED);
        assertThat(summary.info().reason()).contains("bad (left out of its wave; repair attempts exhausted (2 of 2))");
    }

    @Test
    void withoutRepairALeftOutBranchStaysLeftOutAsBefore() throws Exception {
        Plan plan = culpritPlan("queue", "", 1);

        RunSummary summary = run(plan);

        assertThat(runsOfBad()).containsExactly("run 0");
        assertThat(summary.leftOut()).singleElement().satisfies(l -> assertThat(l.reason())
                .startsWith("culprit").doesNotContain("repair"));
        assertThat(view().repairs()).isEmpty();
        assertThat(repo.layout("f").root().resolve("repairs")).doesNotExist();
    }

    @Test
    void inWavesModeARepairedBranchLandsBeforeTheNextWaveStarts() throws Exception {
        Plan plan = repo.plan("f.yaml", """
                autoMerge: true
                merge: {mode: waves}
                repair: {attempts: 1}
                env: {MARKS: '%s'}
                waves: [{wave: 1, partial: true, gate: %s}, {wave: 2, gate: %s}]
                worker: {type: command, run: "%s"}
                workstreams:
                  - {name: a, prompt: x}
                  - {name: later, prompt: x, dependsOn: [a]}
                  - name: bad
                    prompt: x
                %s""".formatted(marks, GATE, GATE, GOOD, culprit(1)));

        RunSummary summary = run(plan);

        assertThat(summary.info().status()).as(summary.info().reason()).isEqualTo(RunInfo.Status.SUCCEEDED);
        assertThat(summary.landed()).containsExactlyInAnyOrder("a", "bad", "later");
        // wave 2 started from the integration branch that already held the repaired branch
        assertThat(repo.git().isAncestor(repo.tip("f/bad"), repo.tip("f/later"))).isTrue();
        assertThat(summary.merges()).extracting(m -> m.result().wave()).containsExactly(1, 1, 2);
    }

    @Test
    void aRepairWhoseWorkerFailsEndsAsWorkerFailedAndTheBranchStaysLeftOut() throws Exception {
        Plan plan = repo.plan("f.yaml", """
                autoMerge: true
                merge: {mode: queue}
                repair: {attempts: 2}
                waves: [{wave: 1, partial: true, gate: %s}]
                worker: {type: command, run: 'if [ -n "$PWT_REPAIR" ]; then exit 3; fi; mkdir -p src && echo BROKEN > src/x.txt && echo "# R" > RESULTS.md'}
                workstreams: [{name: bad, prompt: x}]
                """.formatted(GATE));

        RunSummary summary = run(plan);

        assertThat(view().repairsOf("bad")).singleElement().satisfies(r -> {
            assertThat(r.ended()).map(Event.RepairEnded::outcome).contains(Event.RepairEnded.Outcome.WORKER_FAILED);
            assertThat(r.ended().orElseThrow().detail()).startsWith("failed: command exited with 3");
        });
        assertThat(summary.workers().get(0).status()).isEqualTo(WorkerStatus.FAILED);
        assertThat(summary.info().status()).isEqualTo(RunInfo.Status.FAILED);
    }
}
