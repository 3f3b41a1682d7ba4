package io.jenkins.plugins.parallelworktrees.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.parallelworktrees.engine.ledger.WaveResult;
import io.github.parallelworktrees.engine.ledger.Usage;
import io.github.parallelworktrees.engine.ledger.WorkerRecord;
import io.github.parallelworktrees.engine.ledger.WorkerStatus;
import io.github.parallelworktrees.engine.status.WorkstreamStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The build's Parallel Worktrees page: its rows, its summary, and RESULTS.md shown safely. */
class ParallelWorktreesActionTest {

    static WorkstreamRow row(String name, WorkerStatus status, double cost) {
        Instant start = Instant.parse("2025-06-07T14:35:00Z");
        WorkerRecord record = WorkerRecord.pending(name, "shop/" + name, 1).started(start)
                .finished(status, 0, status == WorkerStatus.DONE ? null : "exited with 3",
                        start.plusSeconds(245), true, new Usage(cost, 12, 34_567, 2_345, List.of()))
                .withCheckpoint("Added the " + name + ".");
        WorkstreamStatus dashboard = new WorkstreamStatus(name, "shop/" + name, 1, status, Optional.empty(), 1, 3, 7,
                0, 245_000, record.usage(), Optional.empty(), Optional.empty(), Optional.empty(), List.of(), false,
                Optional.empty(), List.of());
        return WorkstreamRow.of(record, Optional.of(dashboard), true);
    }

    @Test
    void aRowShowsWhatTheWorkerDidInWordsAndFigures() {
        WorkstreamRow api = row("api", WorkerStatus.DONE, 0.4213);

        assertThat(api.getStatus()).isEqualTo("done");
        assertThat(api.getDuration()).isEqualTo("4 min 5 s");
        assertThat(api.getTurns()).isEqualTo(12);
        assertThat(api.getCost()).isEqualTo("$0.42");
        assertThat(api.getTokens()).isEqualTo("34,567 in / 2,345 out");
        assertThat(api.getCommits()).isEqualTo("3");
        assertThat(api.getFilesChanged()).isEqualTo("7");
        assertThat(api.getGate()).isEqualTo("-");
        assertThat(api.getLanding()).isEqualTo("-");
        assertThat(api.getSummary()).isEqualTo("Added the api.");
    }

    @Test
    void aWorkerThatSpentNothingShowsDashesNotZeros() {
        Instant start = Instant.parse("2025-06-07T14:35:00Z");
        WorkerRecord record = WorkerRecord.pending("docs", "shop/docs", 1).started(start)
                .finished(WorkerStatus.DONE, 0, null, start.plusSeconds(3), true, Usage.NONE);

        WorkstreamRow docs = WorkstreamRow.of(record, Optional.empty(), false);

        assertThat(docs.getCost()).isEqualTo("-");
        assertThat(docs.getTokens()).isEqualTo("-");
        assertThat(docs.getCommits()).isEqualTo("-");
        assertThat(docs.getDuration()).isEqualTo("3.0 s");
    }

    @Test
    void aWaveMarksItsWorkstreamsLandedOrLeftOut() {
        ParallelWorktreesAction action = new ParallelWorktreesAction();
        action.put(List.of(row("api", WorkerStatus.DONE, 0.5), row("ui", WorkerStatus.DONE, 0.25)));

        action.put(WaveRow.of(new WaveResult(1, "shop/integration", "aaa", "bbb",
                List.of("api"), List.of(new WaveResult.LeftOut("ui", "culprit: the gate fails with it", "ccc")), List.of(),
                List.of()), Map.of(), false));

        assertThat(action.getWorkstreams()).extracting(WorkstreamRow::getLanding)
                .containsExactly("landed in wave 1", "left out: culprit: the gate fails with it");
        assertThat(action.getSummary()).isEqualTo("2 workstreams: 2 done; $0.75; wave 1 landed 1, left out 1");
    }

    @Test
    void aWorkerThatReportsAfterItsWaveMergedKeepsItsLanding() {
        ParallelWorktreesAction action = new ParallelWorktreesAction();
        action.put(List.of(row("api", WorkerStatus.DONE, 0.5)));
        action.put(WaveRow.of(new WaveResult(1, "shop/integration", "aaa", "bbb", List.of("api"), List.of(),
                List.of(), List.of()), Map.of(), true));

        action.put(List.of(row("api", WorkerStatus.DONE, 0.5)));

        assertThat(action.getWorkstreams().get(0).getLandedInWave()).isEqualTo(1);
        assertThat(action.getWaves().get(0).isPushed()).isTrue();
    }

    @Test
    void resultsMdIsRenderedAsHtmlAndAScriptInItShowsAsText() throws Exception {
        ParallelWorktreesAction action = new ParallelWorktreesAction();
        ResultsPage page = new ResultsPage(action, row("api", WorkerStatus.DONE, 0.5), () -> Optional.of("""
                # Results

                Added **the API**.

                <script>alert('pwned')</script>

                [click](javascript:alert(1))
                """), true);

        String html = page.getResultsHtml();

        assertThat(html).contains("<h1>Results</h1>", "<strong>the API</strong>")
                .contains("&lt;script&gt;alert('pwned')&lt;/script&gt;")
                .doesNotContain("<script>", "javascript:");
    }

    @Test
    void reviewMdIsRenderedAsSafelyAsResultsMdAndOnlyForThoseWhoMaySeeArtifacts() throws Exception {
        ResultsPage.Source review = () -> Optional.of("# Review\n\n<script>alert(1)</script>\n\nVerdict: approve\n");
        ResultsPage page = new ResultsPage(new ParallelWorktreesAction(), row("api", WorkerStatus.DONE, 0.5),
                Optional::empty, review, true);

        assertThat(page.getReviewHtml()).contains("<h1>Review</h1>", "Verdict: approve")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>");
        assertThat(new ResultsPage(new ParallelWorktreesAction(), row("api", WorkerStatus.DONE, 0.5),
                Optional::empty, review, false).getReviewHtml()).isNull();
        assertThat(new ResultsPage(new ParallelWorktreesAction(), row("api", WorkerStatus.DONE, 0.5),
                Optional::empty, true).getReviewHtml()).isNull();
    }

    @Test
    void anImageInResultsMdIsNamedOnThePageButNotLoaded() throws Exception {
        ResultsPage page = new ResultsPage(new ParallelWorktreesAction(), row("api", WorkerStatus.DONE, 0.5),
                () -> Optional.of("Done.\n\n![screenshot](https://tracker.example/p.png)\n"), true);

        assertThat(page.getResultsHtml()).doesNotContain("<img", "src=")
                .contains("[image not shown: screenshot, https://tracker.example/p.png]");
    }

    @Test
    void aWorkstreamWithoutResultsHasNoHtml() throws Exception {
        ResultsPage page = new ResultsPage(new ParallelWorktreesAction(), row("api", WorkerStatus.FAILED, 0),
                Optional::empty, true);

        assertThat(page.getResultsHtml()).isNull();
        assertThat(page.artifactUrl("worker.log")).isEqualTo("../../../artifact/workers/api/worker.log");
    }

    @Test
    void theActionsPageOfAWorkstreamIsFoundByName() {
        ParallelWorktreesAction action = new ParallelWorktreesAction();
        action.put(List.of(row("api", WorkerStatus.DONE, 0.5)));

        assertThat(action.getWorkstream("api").getRow().getWorkstream()).isEqualTo("api");
        assertThat(action.getWorkstream("nope")).isNull();
        assertThat(action.getUrlName()).isEqualTo("parallel-worktrees");
    }


    @Test
    void thePageReloadsItselfWhileItsBuildRunsAndNotAfter() throws Exception {
        assertThat(ParallelWorktreesAction.refreshSeconds(true)).isEqualTo(ParallelWorktreesAction.REFRESH_SECONDS)
                .isPositive();
        assertThat(ParallelWorktreesAction.refreshSeconds(false)).isZero();
        assertThat(new ParallelWorktreesAction().getRefreshSeconds()).as("an action on no build").isZero();

        // the page puts the refresh into <head> (l:header) only when there is one to make
        org.w3c.dom.Document page;
        try (java.io.InputStream in = ParallelWorktreesAction.class.getResourceAsStream(
                "ParallelWorktreesAction/index.jelly")) {
            javax.xml.parsers.DocumentBuilderFactory factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            page = factory.newDocumentBuilder().parse(in);
        }
        org.w3c.dom.NodeList metas = page.getElementsByTagName("meta");
        assertThat(metas.getLength()).isEqualTo(1);
        org.w3c.dom.Element meta = (org.w3c.dom.Element) metas.item(0);
        assertThat(meta.getAttribute("http-equiv")).isEqualTo("refresh");
        assertThat(meta.getAttribute("content")).isEqualTo("${it.refreshSeconds}");
        org.w3c.dom.Node header = meta.getParentNode();
        assertThat(header.getLocalName()).isEqualTo("header");
        assertThat(header.getNamespaceURI()).isEqualTo("/lib/layout");
        org.w3c.dom.Element condition = (org.w3c.dom.Element) header.getParentNode();
        assertThat(condition.getLocalName()).isEqualTo("if");
        assertThat(condition.getAttribute("test")).isEqualTo("${it.refreshSeconds > 0}");
    }
}
