package io.github.parallelworktrees.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.parallelworktrees.engine.ledger.Event;
import io.github.parallelworktrees.engine.ledger.RunInfo;
import io.github.parallelworktrees.engine.ledger.RunLayout;
import io.github.parallelworktrees.engine.ledger.RunView;
import io.github.parallelworktrees.engine.ledger.Usage;
import io.github.parallelworktrees.engine.ledger.WaveResult;
import io.github.parallelworktrees.engine.ledger.WorkerStatus;
import io.github.parallelworktrees.engine.process.Environment;
import io.github.parallelworktrees.engine.status.StatusReport;
import io.github.parallelworktrees.engine.status.WorkstreamStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The headline says what happened, and never calls a run that went as it was built to go a plain failure. */
class HeadlineTest {

    private static final Instant T0 = Instant.parse("2026-07-02T12:00:00Z");
    private static final String CULPRIT = "culprit: the gate fails with it (1 failed test(s))";
    private static final DesignedOutcome DEMO = new DesignedOutcome("the demo", Set.of("shortcut"),
            "'shortcut' breaks the tests on purpose.");

    private static WorkstreamStatus ws(String name, WorkerStatus status, boolean landed, String leftOut) {
        return new WorkstreamStatus(name, "f/" + name, 1, status, Optional.empty(), 1, 1, 1, 0, 1000, Usage.NONE,
                Optional.empty(), Optional.empty(), Optional.empty(), List.of(), landed, Optional.ofNullable(leftOut),
                List.of());
    }

    private static StatusReport run(RunInfo.Status status, String reason, boolean alive, List<RunView.Repair> repairs,
            WorkstreamStatus... rows) {
        RunInfo info = new RunInfo("f", "plan.yaml", "/repo", "main", "0".repeat(40), "f/integration", 2, status, T0,
                T0.plusSeconds(60), 0, reason, null);
        return new StatusReport(new RunLayout(Path.of("/repo"), "f", Environment.ofThisProcess()), info, alive,
                List.of(rows), List.of(), Optional.empty(), repairs);
    }

    private static RunView.Repair repairOf(String ws, Event.RepairEnded.Outcome outcome) {
        return new RunView.Repair(9, new Event.RepairStarted(T0, ws, 1, 2, WaveResult.LeftOut.Kind.CULPRIT, CULPRIT,
                "3", "4", "/repo/.worktrees/f/results/" + ws + "/repair-1.md", 0),
                Optional.of(new Event.RepairEnded(T0.plusSeconds(30), ws, 1, outcome, null, 0)));
    }

    @Test
    void everyWorkstreamLanded() {
        Headline h = Headline.of(run(RunInfo.Status.SUCCEEDED, null, false, List.of(),
                ws("a", WorkerStatus.DONE, true, null), ws("b", WorkerStatus.DONE, true, null)), true,
                Optional.empty());

        assertThat(h).isEqualTo(new Headline("All 2 workstreams landed on f/integration", "", "good"));
    }

    @Test
    void aCulpritRepairedOnceThatLandedIsToldAsSuch() {
        Headline h = Headline.of(run(RunInfo.Status.SUCCEEDED, null, false,
                List.of(repairOf("b", Event.RepairEnded.Outcome.LANDED)),
                ws("a", WorkerStatus.DONE, true, null), ws("b", WorkerStatus.DONE, true, null)), true,
                Optional.empty());

        assertThat(h.title()).isEqualTo("All 2 workstreams landed on f/integration");
        assertThat(h.detail()).isEqualTo("b was left out, repaired once, and landed.");
    }

    @Test
    void someLeftOutSaysWhichAndWhy() {
        Headline h = Headline.of(run(RunInfo.Status.FAILED, "1 of 3 did not land", false,
                List.of(repairOf("b", Event.RepairEnded.Outcome.LEFT_OUT)),
                ws("a", WorkerStatus.DONE, true, null), ws("b", WorkerStatus.DONE, false, CULPRIT),
                ws("c", WorkerStatus.FAILED, false, null)), true, Optional.empty());

        assertThat(h).isEqualTo(new Headline("1 of 3 workstreams landed; b left out: culprit of the gate (repaired"
                + " once), c failed", "", "bad"));
    }

    @Test
    void theDemoThatLeftItsCulpritOutWentAsDesignedAndSaysTheRunIsRecordedAsFailed() {
        Headline h = Headline.of(run(RunInfo.Status.FAILED, "1 of 3 did not land", false, List.of(),
                ws("core", WorkerStatus.DONE, true, null), ws("api", WorkerStatus.DONE, true, null),
                ws("shortcut", WorkerStatus.DONE, false, CULPRIT)), true, Optional.of(DEMO));

        assertThat(h.title()).isEqualTo("As designed: 2 of 3 workstreams landed; shortcut left out: culprit of the"
                + " gate");
        assertThat(h.detail()).isEqualTo("'shortcut' breaks the tests on purpose. The run is recorded as failed,"
                + " because a workstream did not land; that is the outcome the demo is built to show.");
        assertThat(h.tone()).isEqualTo("good");
        assertThat(h.title()).doesNotContain("failed");
    }

    @Test
    void theDemoThatLostAnotherWorkstreamSaysItDidNotGoAsDesigned() {
        Headline h = Headline.of(run(RunInfo.Status.FAILED, "2 of 3 did not land", false, List.of(),
                ws("core", WorkerStatus.DONE, true, null), ws("api", WorkerStatus.FAILED, false, null),
                ws("shortcut", WorkerStatus.DONE, false, CULPRIT)), true, Optional.of(DEMO));

        assertThat(h.title()).isEqualTo("Not as designed: 1 of 3 workstreams landed; api failed, shortcut left out:"
                + " culprit of the gate");
        assertThat(h.detail()).isEqualTo("The demo is built to land every workstream but shortcut.");
        assertThat(h.tone()).isEqualTo("bad");
    }

    @Test
    void theDemoWhereEvenTheShortcutLandedSaysSo() {
        Headline h = Headline.of(run(RunInfo.Status.SUCCEEDED, null, false, List.of(),
                ws("core", WorkerStatus.DONE, true, null), ws("shortcut", WorkerStatus.DONE, true, null)), true,
                Optional.of(DEMO));

        assertThat(h.title()).isEqualTo("All 2 workstreams landed on f/integration");
    }

    @Test
    void anInterruptedRunSaysHowFarItGot() {
        Headline h = Headline.of(run(RunInfo.Status.INTERRUPTED, "no pwt process holds the run: it was killed;"
                + " 'pwt resume' continues it", false, List.of(), ws("a", WorkerStatus.DONE, true, null),
                ws("b", WorkerStatus.INTERRUPTED, false, null)), true, Optional.empty());

        assertThat(h).isEqualTo(new Headline("Interrupted: 1 of 2 workstreams landed before the run stopped",
                "No pwt process holds the run: it was killed; 'pwt resume' continues it.", "bad"));
    }

    @Test
    void aRunningRunCountsWhatIsLandedWorkingQueuedAndWaiting() {
        Headline h = Headline.of(run(RunInfo.Status.RUNNING, null, true, List.of(),
                ws("a", WorkerStatus.DONE, true, null), ws("b", WorkerStatus.RUNNING, false, null),
                ws("c", WorkerStatus.DONE, false, null), ws("d", WorkerStatus.PENDING, false, null)), true,
                Optional.empty());

        assertThat(h).isEqualTo(new Headline("Running: 1 of 4 workstreams landed so far",
                "1 working, 1 queued for a merge, 1 waiting", "neutral"));
    }

    @Test
    void withoutAutoMergeDoneIsTheNewsAndNothingIsCalledLeftOut() {
        Headline h = Headline.of(run(RunInfo.Status.SUCCEEDED, null, false, List.of(),
                ws("a", WorkerStatus.DONE, false, null), ws("b", WorkerStatus.DONE, false, null)), false,
                Optional.empty());

        assertThat(h.title()).isEqualTo("All 2 workstreams done");
        assertThat(h.detail()).contains("autoMerge is off", "'pwt merge'");
    }

    @Test
    void factsKeptOutsideARunFolderGiveTheSameHeadline() {
        Headline fromFolder = Headline.of(run(RunInfo.Status.FAILED, "1 of 2 did not land", false,
                List.of(repairOf("b", Event.RepairEnded.Outcome.LEFT_OUT)), ws("a", WorkerStatus.DONE, true, null),
                ws("b", WorkerStatus.DONE, false, CULPRIT)), true, Optional.empty());

        Headline fromFacts = Headline.of(new Headline.Facts(RunInfo.Status.FAILED, "1 of 2 did not land",
                "f/integration", true, "unused", List.of(
                        new Headline.Outcome("a", WorkerStatus.DONE, true, Optional.empty(), 0),
                        new Headline.Outcome("b", WorkerStatus.DONE, false, Optional.of(CULPRIT), 1))),
                Optional.empty());

        assertThat(fromFacts).isEqualTo(fromFolder).isEqualTo(new Headline("1 of 2 workstreams landed; b left out:"
                + " culprit of the gate (repaired once)", "", "bad"));
    }

    @Test
    void aRunThatMergesNothingByItselfSaysWhatLandsItsWorkInItsCallersWords() {
        Headline h = Headline.of(new Headline.Facts(RunInfo.Status.SUCCEEDED, null, "f/integration", false,
                "Nothing is merged in this build: a mergeWave step lands a wave.", List.of(
                        new Headline.Outcome("a", WorkerStatus.DONE, false, Optional.empty(), 0))), Optional.empty());

        assertThat(h).isEqualTo(new Headline("The workstream is done",
                "Nothing is merged in this build: a mergeWave step lands a wave.", "good"));
    }
}
