package io.github.parallelworktrees.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.parallelworktrees.engine.ledger.Event;
import io.github.parallelworktrees.engine.ledger.Ledger;
import io.github.parallelworktrees.engine.ledger.RunInfo;
import io.github.parallelworktrees.engine.ledger.Usage;
import io.github.parallelworktrees.engine.ledger.WaveResult;
import io.github.parallelworktrees.engine.ledger.WorkerRecord;
import io.github.parallelworktrees.engine.ledger.WorkerStatus;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The timeline is made from the ledger alone: lanes, attempts, repairs, gate runs and merges, and its drawing. */
class TimelineTest {

    private static final Instant T0 = Instant.parse("2026-07-02T12:00:00Z");
    private final List<Ledger.Entry> entries = new ArrayList<>();

    private void add(Event event) {
        entries.add(new Ledger.Entry(entries.size() + 1, event));
    }

    private static Instant at(double seconds) {
        return T0.plusMillis((long) (seconds * 1000));
    }

    /** Two workstreams; b is left out by wave 1's first merge as the culprit, repaired, and lands in a second. */
    private void aRunWithARepair() {
        WorkerRecord a = WorkerRecord.pending("a", "f/a", 1);
        WorkerRecord b = WorkerRecord.pending("b", "f/b", 1);
        add(new Event.RunStarted(T0, new RunInfo("f", "plan.yaml", "/repo", "main", "0".repeat(40), "f/integration",
                2, RunInfo.Status.RUNNING, T0, null, 0, null, null), null, List.of(a, b)));
        WorkerRecord a1 = a.started(at(1));
        WorkerRecord b1 = b.started(at(1.5));
        add(new Event.WorkerChanged(at(1), a1));
        add(new Event.WorkerChanged(at(1.5), b1));
        add(new Event.WorkerChanged(at(11), a1.finished(WorkerStatus.DONE, 0, null, at(11), true, Usage.NONE)));
        add(new Event.WorkerChanged(at(12), b1.finished(WorkerStatus.DONE, 0, null, at(12), true, Usage.NONE)));
        add(new Event.ProcessStarted(at(13), "gate", "wave 1, merge 1, gate run 1", 101, at(12.5)));
        add(new Event.ProcessEnded(at(20), 101));
        add(new Event.ProcessStarted(at(21), "gate", "wave 1, merge 1, gate run 2", 102, null));
        add(new Event.ProcessEnded(at(25), 102));
        add(new Event.WaveMerged(at(26), new WaveResult(1, "f/integration", "1".repeat(40), "2".repeat(40),
                List.of("a"), List.of(WaveResult.LeftOut.culprit("b", "culprit: the gate fails with it", "3")),
                List.of(), List.of(new WaveResult.GateRun(1, "c1", List.of("a", "b"), false, "failed", "1 test", 1),
                        new WaveResult.GateRun(2, "c2", List.of("a"), true, "passed", "", 2)))));
        add(new Event.RepairStarted(at(27), "b", 1, 2, WaveResult.LeftOut.Kind.CULPRIT, "culprit", "3",
                "2".repeat(40), "/repo/.worktrees/f/results/b/repair-1.md", 0));
        WorkerRecord b2 = b1.started(at(28));
        add(new Event.WorkerChanged(at(28), b2));
        add(new Event.WorkerChanged(at(40), b2.finished(WorkerStatus.DONE, 0, null, at(40), true, Usage.NONE)));
        add(new Event.ProcessStarted(at(41), "gate", "wave 1, merge 2, gate run 1", 103, null));
        add(new Event.ProcessEnded(at(45), 103));
        add(new Event.WaveMerged(at(46), new WaveResult(1, "f/integration", "2".repeat(40), "4".repeat(40),
                List.of("b"), List.of(), List.of(), List.of(new WaveResult.GateRun(1, "c3", List.of("b"), true,
                        "passed", "", 1)))));
        add(new Event.RepairEnded(at(46), "b", 1, Event.RepairEnded.Outcome.LANDED, null, 0));
        add(new Event.RunEnded(at(47), RunInfo.Status.SUCCEEDED, null));
    }

    @Test
    void aLanePerWorkstreamWithItsAttemptsTheRepairNamed() {
        aRunWithARepair();

        Timeline t = Timeline.of(entries, Optional.empty());

        assertThat(t.start()).isEqualTo(T0);
        assertThat(t.end()).isEqualTo(at(47));
        assertThat(t.lanes()).extracting(Timeline.Lane::workstream).containsExactly("a", "b");
        assertThat(t.lanes().get(0).spans()).containsExactly(
                new Timeline.WorkerSpan(1, 0, at(1), at(11), "done", false));
        assertThat(t.lanes().get(1).spans()).containsExactly(
                new Timeline.WorkerSpan(1, 0, at(1.5), at(12), "done", false),
                new Timeline.WorkerSpan(2, 1, at(28), at(40), "done", false));
    }

    @Test
    void gateRunsTakeTheirWorkstreamsAndVerdictFromTheirMerge() {
        aRunWithARepair();

        Timeline t = Timeline.of(entries, Optional.empty());

        assertThat(t.gates()).containsExactly(
                new Timeline.GateSpan(1, 1, 1, at(12.5), at(20), List.of("a", "b"), "failed", false),
                new Timeline.GateSpan(1, 1, 2, at(21), at(25), List.of("a"), "passed", false),
                new Timeline.GateSpan(1, 2, 1, at(41), at(45), List.of("b"), "passed", false));
        assertThat(t.merges()).containsExactly(
                new Timeline.MergeMark(at(26), 1, 1, List.of("a"), List.of("b")),
                new Timeline.MergeMark(at(46), 1, 2, List.of("b"), List.of()));
    }

    @Test
    void aRunStillGoingOnEndsNowWithItsOpenWorkAndGateDrawnUnfinished() {
        WorkerRecord a = WorkerRecord.pending("a", "f/a", 1);
        add(new Event.RunStarted(T0, new RunInfo("f", "plan.yaml", "/repo", "main", "0".repeat(40), "f/integration",
                2, RunInfo.Status.RUNNING, T0, null, 0, null, null), null, List.of(a)));
        add(new Event.WorkerChanged(at(1), a.started(at(1))));
        add(new Event.ProcessStarted(at(3), "gate", "wave 1, merge 1, gate run 1", 7, null));

        Timeline t = Timeline.of(entries, Optional.of(at(30)));

        assertThat(t.end()).isEqualTo(at(30));
        assertThat(t.lanes().get(0).spans()).containsExactly(
                new Timeline.WorkerSpan(1, 0, at(1), at(30), "running", true));
        assertThat(t.gates()).containsExactly(new Timeline.GateSpan(1, 1, 1, at(3), at(30), List.of(), null, true));
        assertThat(TimelineSvg.render(t, HumanTime.in(ZoneId.of("UTC"))))
                .contains("stroke-dasharray=\"4 2\"", "<rect class=\"gate running\"", ", unfinished</title>");
    }

    @Test
    void theDrawingHasALaneEachAnAxisAndMarksForLandingsAndLeftOuts() {
        aRunWithARepair();

        String svg = TimelineSvg.render(Timeline.of(entries, Optional.empty()), HumanTime.in(ZoneId.of("UTC")));

        assertThat(svg).startsWith("<svg class=\"timeline\"").contains("data-workstream=\"a\"",
                "data-workstream=\"b\"", "data-lane=\"merges\"",
                // 47 s: ticks every 5 s
                ">0</text>", ">5 s</text>", ">45 s</text>",
                "<title>b repair 1, attempt 2: 12:00:28 UTC \u2013 12:00:40 UTC (12 s), done</title>",
                "stroke=\"#4a148c\"", "<title>b left out by wave 1's merge 1 at 12:00:26 UTC</title>",
                "<title>b landed by wave 1's merge 2 at 12:00:46 UTC</title>",
                "<title>wave 1, merge 1, gate run 1 on a + b: 12:00:12 UTC \u2013 12:00:20 UTC (7.5 s), failed</title>")
                .doesNotContain("<script", "50 s</text>");
        assertThat(svg.split("<g class=\"lane\"", -1)).hasSize(4);
        assertThat(svg.split("<polygon class=\"landed\"", -1)).hasSize(3);
    }

    @Test
    void axisLabelsCountFromTheStart() {
        assertThat(TimelineSvg.tick(0)).isEqualTo("0");
        assertThat(TimelineSvg.tick(30)).isEqualTo("30 s");
        assertThat(TimelineSvg.tick(90)).isEqualTo("1 min 30 s");
        assertThat(TimelineSvg.tick(3600)).isEqualTo("1 h");
        assertThat(TimelineSvg.tick(5400)).isEqualTo("1 h 30 min");
    }

    @Test
    void aTimelineMadeFromFactsKeptElsewhereIsDrawnWithItsTextEscaped() {
        Timeline t = new Timeline(T0, at(60), List.of(new Timeline.Lane("<script>alert(1)</script>", 1,
                List.of(new Timeline.WorkerSpan(1, 0, at(0), at(30), "done", false)))),
                List.of(new Timeline.GateSpan(1, 1, 1, at(31), at(40), List.of("<script>alert(1)</script>"),
                        "<b>passed</b>", false)),
                List.of(new Timeline.MergeMark(at(41), 1, 1, List.of("<script>alert(1)</script>"), List.of())));

        String svg = TimelineSvg.render(t, HumanTime.in(ZoneId.of("UTC")));

        assertThat(svg).contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;b&gt;passed&lt;/b&gt;")
                .doesNotContain("<script", "<b>");
        assertThat(TimelineSvg.legend()).contains("worker done / gate passed", "landed by a merge")
                .doesNotContain("style=");
    }
}
