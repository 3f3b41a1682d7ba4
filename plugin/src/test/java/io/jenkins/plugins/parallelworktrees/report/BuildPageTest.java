package io.jenkins.plugins.parallelworktrees.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.parallelworktrees.engine.ledger.Usage;
import io.github.parallelworktrees.engine.report.Headline;
import io.github.parallelworktrees.engine.ledger.WaveResult;
import io.github.parallelworktrees.engine.ledger.WorkerRecord;
import io.github.parallelworktrees.engine.ledger.WorkerStatus;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The build's Parallel Worktrees page says and draws what report.html does, from the build's record: the engine's
 * headline, its timeline of workers, gate runs and merges, the gate verdict linked to its gate.md; and nothing a
 * worker or a user wrote reaches the page unescaped.
 */
class BuildPageTest {

    static final Instant T0 = Instant.parse("2026-07-02T12:00:00Z");
    private static final String CULPRIT = "culprit: the gate fails with it (1 failed test(s))";

    static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    /** A row as claudeWorker records it: its worker ran from {@code from} to {@code to} seconds. */
    static WorkstreamRow worker(String name, WorkerStatus status, int from, int to) {
        WorkerRecord record = WorkerRecord.pending(name, "shop/" + name, 1).started(at(from))
                .finished(status, 0, status == WorkerStatus.DONE ? null : "exited with 3", at(to), true, Usage.NONE);
        return WorkstreamRow.of(record, Optional.empty(), true)
                .withSpans(List.of(WorkerSpanRow.of(1, at(from), at(to), status.id())));
    }

    /**
     * Wave 1's merge as mergeWave records it: gate run 1 on api + ui fails, then api alone passes (run 2) and ui
     * alone fails (run 3); api lands and ui is left out, the culprit. Each run's gate.md was archived by its body's
     * qualityGate step.
     */
    static WaveRow culpritMerge() {
        return culpritMerge(CULPRIT);
    }

    /** The same merge, saying {@code why} ui was left out. */
    static WaveRow culpritMerge(String why) {
        WaveResult.GateRun both = new WaveResult.GateRun(1, "c1", List.of("api", "ui"), false, "failed",
                "1 failed test(s)", 1);
        WaveResult.GateRun api = new WaveResult.GateRun(2, "c2", List.of("api"), true, "passed", "", 2);
        WaveResult.GateRun ui = new WaveResult.GateRun(3, "c3", List.of("ui"), false, "failed", "1 failed test(s)", 2);
        WaveResult result = new WaveResult(1, "shop/integration", "aaa", "bbb", List.of("api"),
                List.of(WaveResult.LeftOut.culprit("ui", why, "ccc")), List.of(), List.of(both, api, ui));
        return WaveRow.of(result, Map.of(), false).timed(1, at(80), List.of(
                GateRunRow.of(both, at(50), at(60), List.of("gates/12/gate.md")),
                GateRunRow.of(api, at(61), at(70), List.of("gates/20/gate.md")),
                GateRunRow.of(ui, at(61), at(72), List.of("gates/21/gate.md"))));
    }

    private static ParallelWorktreesAction bodyFormBuild() {
        ParallelWorktreesAction action = new ParallelWorktreesAction();
        action.put(List.of(worker("api", WorkerStatus.DONE, 0, 30), worker("ui", WorkerStatus.DONE, 5, 45)));
        action.put(culpritMerge());
        return action;
    }

    @Test
    void theHeadlineSaysWhatLandedAndWhatWasLeftOutInTheEnginesWords() {
        PageHeadline headline = bodyFormBuild().getHeadline();

        assertThat(headline.getTitle()).isEqualTo("1 of 2 workstreams landed; ui left out: culprit of the gate");
        assertThat(headline.getDetail()).isNull();
        assertThat(headline.getTone()).isEqualTo("bad");
        assertThat(headline.getToneClass()).isEqualTo("jenkins-!-error-color");
    }

    @Test
    void aBuildThatLandedEveryWorkstreamSaysSoAndNotThatItFailed() {
        ParallelWorktreesAction action = new ParallelWorktreesAction();
        action.put(List.of(worker("api", WorkerStatus.DONE, 0, 30), worker("ui", WorkerStatus.DONE, 5, 45)));
        action.put(WaveRow.of(new WaveResult(1, "shop/integration", "aaa", "bbb", List.of("api", "ui"), List.of(),
                List.of(), List.of()), Map.of(), false));

        assertThat(action.getHeadline().getTitle()).isEqualTo("All 2 workstreams landed on shop/integration");
        assertThat(action.getHeadline().getToneClass()).isEqualTo("jenkins-!-success-color");
    }

    @Test
    void workersWithoutAMergeAreDoneAndThePageSaysWhatWouldLandThemInJenkins() {
        ParallelWorktreesAction action = new ParallelWorktreesAction();
        action.put(List.of(worker("api", WorkerStatus.DONE, 0, 30), worker("ui", WorkerStatus.FAILED, 5, 45)));

        assertThat(action.getHeadline().getTitle()).isEqualTo("1 of 2 workstreams done; ui failed");
        assertThat(action.getHeadline().getDetail()).isEqualTo(RecordedRun.NOT_MERGING).contains("mergeWave")
                .doesNotContain("pwt merge");
    }

    @Test
    void anAbortedBuildIsToldAsInterruptedAndARunningOneCountsWhatIsWorking() {
        RecordedRun aborted = new RecordedRun(List.of(worker("api", WorkerStatus.DONE, 0, 30).landed(1),
                worker("ui", WorkerStatus.INTERRUPTED, 5, 45)), List.of(culpritMerge()), Map.of(), false);
        RecordedRun running = new RecordedRun(List.of(worker("api", WorkerStatus.DONE, 0, 30)), List.of(),
                Map.of("ui", new RecordedRun.Running(1, at(5).toEpochMilli())), false);

        assertThat(aborted.headline(false, "ABORTED").title()).startsWith("Interrupted: 1 of 2 workstreams landed");
        assertThat(aborted.headline(false, "ABORTED").detail()).isEqualTo("The build was aborted.");
        assertThat(running.headline(true, null).title()).isEqualTo("Running: 2 workstreams");
        assertThat(running.headline(true, null).detail()).isEqualTo("1 working");
    }

    @Test
    void racersOfTheBodyFormAreCountedAsRacersDrawnAsLanesAndTheirRaceSaysWhyItHasNotLanded() {
        ParallelWorktreesAction action = new ParallelWorktreesAction();
        action.put(List.of(worker("auth-racer-1", WorkerStatus.DONE, 0, 30).asRacerOf("auth"),
                worker("auth-racer-2", WorkerStatus.FAILED, 0, 20).asRacerOf("auth"),
                worker("docs", WorkerStatus.DONE, 0, 10)));
        action.started("auth-racer-3", 1, at(5), "auth");

        // before mergeWave judged the race: two workstreams (auth and docs), not four, and why auth has not landed
        assertThat(action.getSummary()).startsWith("1 workstream: 1 done; 2 racers");
        RecordedRun before = new RecordedRun(action.getWorkstreams(), action.getWaves(),
                Map.of("auth-racer-3", new RecordedRun.Running(1, at(5).toEpochMilli(), "auth")), false);
        Headline.Facts facts = before.facts(true, null);
        assertThat(facts.workstreams()).extracting(Headline.Outcome::workstream).containsExactly("docs", "auth");
        assertThat(facts.workstreams().get(1).leftOut()).hasValueSatisfying(why -> assertThat(why)
                .contains("mergeWave"));
        assertThat(before.timeline(at(100)).orElseThrow().lanes()).extracting(l -> l.workstream())
                .contains("auth-racer-1", "auth-racer-2", "auth-racer-3", "docs");

        // judged: the workstream's own row counts, its racers stay racers
        action.put(List.of(worker("auth", WorkerStatus.DONE, 0, 30).landed(1)));

        assertThat(action.getSummary()).startsWith("2 workstreams: 2 done; 2 racers");
    }

    @Test
    void aWorkerRunningNowIsDrawnUntilNowAndItsRowEndsIt() {
        ParallelWorktreesAction action = new ParallelWorktreesAction();
        action.put(List.of(worker("api", WorkerStatus.DONE, 0, 30)));
        action.started("ui", 1, at(5));
        RecordedRun recorded = new RecordedRun(action.getWorkstreams(), action.getWaves(),
                Map.of("ui", new RecordedRun.Running(1, at(5).toEpochMilli())), false);

        assertThat(recorded.timeline(at(100)).orElseThrow().lanes()).extracting(l -> l.workstream(),
                l -> l.spans().get(l.spans().size() - 1).to()).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("api", at(30)),
                        org.assertj.core.groups.Tuple.tuple("ui", at(100)));
        assertThat(action.getRunningNow()).singleElement().asString().startsWith("ui (wave 1) since ");

        action.put(List.of(worker("ui", WorkerStatus.DONE, 5, 45)));

        assertThat(action.getRunningNow()).isEmpty();
    }

    @Test
    void theTimelineDrawsEachWorkersAttemptsTheGateRunsAndTheMerge() {
        String svg = bodyFormBuild().getTimelineSvg();

        assertThat(svg).startsWith("<svg class=\"timeline\"").contains("data-workstream=\"api\"",
                "data-workstream=\"ui\"", "data-lane=\"merges\"", "<rect class=\"worker done\"",
                "<rect class=\"gate failed\"", "<rect class=\"gate passed\"", "<line class=\"merge\"",
                "<polygon class=\"landed\"", "<g class=\"left-out\"", "wave 1, merge 1, gate run 1 on api + ui",
                // 80 s from the first worker's start to the merge: a tick every 10 s
                ">1 min 10 s</text>", ">1 min 20 s</text>");
        assertThat(svg.split("<g class=\"lane\"", -1)).hasSize(4);
        assertThat(bodyFormBuild().getTimelineLegend()).contains("landed by a merge");
    }

    @Test
    void nothingTimedDrawsNoTimeline() {
        ParallelWorktreesAction action = new ParallelWorktreesAction();
        assertThat(action.getTimelineSvg()).isNull();
        assertThat(action.getHeadline()).as("no workstream reported yet").isNull();

        action.put(List.of(ParallelWorktreesActionTest.row("api", WorkerStatus.DONE, 0.5)));

        assertThat(action.getTimelineSvg()).as("a row without attempts (kept before they were)").isNull();
        assertThat(action.getHeadline().getTitle()).isEqualTo("The workstream is done");
    }

    @Test
    void theGateColumnIsTheLatestGateRunOnTheBranchLinkedToItsGateMd() {
        ParallelWorktreesAction action = bodyFormBuild();
        List<WorkstreamRow> rows = action.getWorkstreams();

        assertThat(action.gateOf(rows.get(0))).satisfies(gate -> {
            assertThat(gate.getVerdict()).isEqualTo("passed");
            assertThat(gate.getReport()).isEqualTo("gates/20/gate.md");
            assertThat(gate.getWhich()).isEqualTo("wave 1, merge 1, gate run 2");
            assertThat(gate.getWhy()).isNull();
        });
        assertThat(action.gateOf(rows.get(1))).satisfies(gate -> {
            assertThat(gate.getVerdict()).isEqualTo("failed");
            assertThat(gate.getReport()).isEqualTo("gates/21/gate.md");
            assertThat(gate.getWhy()).isEqualTo("1 failed test(s)");
        });
    }

    @Test
    void withoutAMergeTheGateColumnIsTheGateOnTheBranchAloneOrNone() {
        ParallelWorktreesAction action = new ParallelWorktreesAction();
        WorkstreamRow gated = worker("api", WorkerStatus.DONE, 0, 30).gated("unstable", "coverage 40% < 60%")
                .withGateReport("workers/api/gate.md");
        WorkstreamRow ungated = worker("ui", WorkerStatus.DONE, 0, 30);
        action.put(List.of(gated, ungated));

        assertThat(action.gateOf(gated)).satisfies(gate -> {
            assertThat(gate.getVerdict()).isEqualTo("unstable");
            assertThat(gate.getWhy()).isEqualTo("coverage 40% < 60%");
            assertThat(gate.getReport()).isEqualTo("workers/api/gate.md");
        });
        assertThat(action.gateOf(ungated).getVerdict()).isEqualTo("-");
        assertThat(action.gateOf(ungated).getReport()).isNull();
    }

    @Test
    void theWorkstreamPageLinksItsGateMdFromItsOwnUrl() {
        ParallelWorktreesAction action = bodyFormBuild();
        ResultsPage page = action.getWorkstream("ui");

        assertThat(page.getGate().getReport()).isEqualTo("gates/21/gate.md");
        assertThat(page.archivedUrl(page.getGate().getReport())).isEqualTo("../../../artifact/gates/21/gate.md");
    }

    @Test
    void markupInANameOrAReasonComesOutEscapedInTheDrawingAndAsPlainTextInTheHeadline() {
        String name = "<script>alert(1)</script>";
        ParallelWorktreesAction action = new ParallelWorktreesAction();
        action.put(List.of(worker(name, WorkerStatus.DONE, 0, 30)));
        action.put(WaveRow.of(new WaveResult(1, "shop/integration", "aaa", "aaa", List.of(),
                List.of(new WaveResult.LeftOut(name, "<img src=x onerror=alert(2)>", "ccc")), List.of(),
                List.of(new WaveResult.GateRun(1, "c1", List.of(name), false, "<b>failed</b>", "", 1))),
                Map.of(), false).timed(1, at(40), List.of(GateRunRow.of(new WaveResult.GateRun(1, "c1", List.of(name),
                        false, "<b>failed</b>", "", 1), at(31), at(39), List.of()))));

        String svg = action.getTimelineSvg();

        assertThat(svg).contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;b&gt;failed&lt;/b&gt;")
                .doesNotContain("<script", "<b>", "<img");
        // the headline is text: the page writes it with ${...}, which escape-by-default escapes (below)
        assertThat(action.getHeadline().getTitle()).startsWith("0 of 1 workstream landed; " + name
                + " left out: <img src=x onerror=");
    }

    /**
     * Jenkins escapes {@code ${...}} in a view's text only when the view says {@code <?jelly
     * escape-by-default='true'?>} (jenkins.io/doc/developer/security/xss-prevention: "Escaping by Default", which
     * also says it does not apply to attribute values, and that the plugin POM fails a build whose views lack it);
     * {@code j:out} writes its value as it is. So the views write raw only what our code made safe: the engine's
     * SVG and legend, and Markdown through SafeMarkdown; the headline and every row's text go through {@code ${...}}
     * in text; attributes carry only our own words (class names, archive paths of names the plan validated).
     */
    @Test
    void theViewsWriteRawOnlyWhatOurCodeEscapedAndTheHeadlineAsEscapedText() throws Exception {
        Map<String, List<String>> raw = Map.of(
                "ParallelWorktreesAction/index.jelly", List.of("${svg}", "${it.timelineLegend}"),
                "ParallelWorktreesAction/summary.jelly", List.of(),
                "ResultsPage/index.jelly", List.of("${review}", "${html}"));
        for (Map.Entry<String, List<String>> view : raw.entrySet()) {
            Document page = parse(view.getKey());
            NodeList outs = page.getElementsByTagNameNS("jelly:core", "out");
            List<String> values = new ArrayList<>();
            for (int i = 0; i < outs.getLength(); i++) {
                values.add(((Element) outs.item(i)).getAttribute("value"));
            }
            assertThat(values).as(view.getKey()).containsExactlyInAnyOrderElementsOf(view.getValue());
        }
        String index = text("ParallelWorktreesAction/index.jelly");
        assertThat(index).startsWith("<?jelly escape-by-default='true'?>").contains("<strong>${headline.title}</strong>",
                "<p>${headline.detail}</p>", "<j:set var=\"svg\" value=\"${it.timelineSvg}\"/>");
        assertThat(text("ParallelWorktreesAction/summary.jelly")).contains(">${headline.title}</span>");
    }

    private static Document parse(String view) throws Exception {
        try (InputStream in = ParallelWorktreesAction.class.getResourceAsStream(view.startsWith("ResultsPage")
                ? "/io/jenkins/plugins/parallelworktrees/report/" + view : view)) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().parse(in);
        }
    }

    private static String text(String view) throws Exception {
        try (InputStream in = ParallelWorktreesAction.class.getResourceAsStream(view)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
