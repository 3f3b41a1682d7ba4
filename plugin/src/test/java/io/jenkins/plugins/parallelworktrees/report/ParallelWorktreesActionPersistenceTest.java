package io.jenkins.plugins.parallelworktrees.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.thoughtworks.xstream.XStream;
import io.github.parallelworktrees.engine.ledger.WaveResult;
import io.github.parallelworktrees.engine.ledger.WorkerStatus;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The action as the build record keeps it: {@code Run.save()} marshals the build's actions with XStream (jenkins
 * core {@code hudson/model/Run.java} {@code save()}, line 1999 at jenkins-2.504.3, through {@code XmlFile.write}),
 * reading the fields by reflection without the action's lock, while parallel steps add rows to it.
 */
class ParallelWorktreesActionPersistenceTest {

    /** A build.xml's action as the plugin wrote it before its state became copy-on-write: fields and types kept. */
    private static final String SAVED_BEFORE = """
            <io.jenkins.plugins.parallelworktrees.report.ParallelWorktreesAction>
              <workstreams>
                <entry>
                  <string>api</string>
                  <io.jenkins.plugins.parallelworktrees.report.WorkstreamRow>
                    <workstream>api</workstream>
                    <branch>shop/api</branch>
                    <wave>1</wave>
                    <status>done</status>
                    <attempts>1</attempts>
                    <durationMillis>245000</durationMillis>
                    <turns>12</turns>
                    <costUsd>0.5</costUsd>
                    <inputTokens>34567</inputTokens>
                    <outputTokens>2345</outputTokens>
                    <commits>3</commits>
                    <filesChanged>7</filesChanged>
                    <summary>Added the api.</summary>
                    <landedInWave>1</landedInWave>
                    <resultsArchived>true</resultsArchived>
                  </io.jenkins.plugins.parallelworktrees.report.WorkstreamRow>
                </entry>
              </workstreams>
              <waves>
                <io.jenkins.plugins.parallelworktrees.report.WaveRow>
                  <wave>1</wave>
                  <integration>shop/integration</integration>
                  <before>aaa</before>
                  <after>bbb</after>
                  <landed>
                    <string>api</string>
                  </landed>
                  <leftOut>
                    <entry>
                      <string>ui</string>
                      <string>its worker did not finish</string>
                    </entry>
                  </leftOut>
                  <gateRuns>0</gateRuns>
                  <pushed>false</pushed>
                </io.jenkins.plugins.parallelworktrees.report.WaveRow>
              </waves>
            </io.jenkins.plugins.parallelworktrees.report.ParallelWorktreesAction>
            """;

    /** Plain XStream reads and writes fields as Jenkins' XStream2 does for these types (no custom converters). */
    private static XStream xstream() {
        XStream xstream = new XStream();
        xstream.allowTypesByWildcard(new String[] {"io.jenkins.plugins.parallelworktrees.**"});
        return xstream;
    }

    private static WaveRow wave(int n) {
        return WaveRow.of(new WaveResult(n, "shop/integration", "aaa", "bbb", List.of("ws" + n), List.of(),
                List.of(), List.of()), Map.of(), false);
    }

    @Test
    void theBuildIsSavedWhileParallelStepsAddRowsAndSavingNeverFails() throws Exception {
        ParallelWorktreesAction action = new ParallelWorktreesAction();
        XStream xstream = xstream();
        AtomicBoolean putsDone = new AtomicBoolean();
        CountDownLatch firstSave = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> saves = threads.submit(() -> {
                int n = 0;
                while (!putsDone.get()) {
                    xstream.toXML(action);
                    n++;
                    firstSave.countDown();
                }
                return n;
            });
            Future<?> puts = threads.submit(() -> {
                try {
                    firstSave.await(30, TimeUnit.SECONDS);
                    for (int i = 0; i < 2_000; i++) {
                        action.put(List.of(ParallelWorktreesActionTest.row("ws" + i, WorkerStatus.DONE, 0.1)));
                        if (i % 50 == 0) {
                            action.put(wave(i / 50));
                        }
                    }
                } finally {
                    putsDone.set(true);
                }
                return null;
            });

            puts.get(60, TimeUnit.SECONDS);
            assertThat(saves.get(60, TimeUnit.SECONDS)).as("saves made while rows were added").isGreaterThan(1);
        } finally {
            threads.shutdownNow();
        }
        assertThat(action.getWorkstreams()).hasSize(2_000);
        assertThat(action.getWaves()).hasSize(40);
    }

    @Test
    void aBuildSavedBeforeTheChangeLoadsWithItsRowsAndTakesNewOnes() {
        ParallelWorktreesAction action = (ParallelWorktreesAction) xstream().fromXML(SAVED_BEFORE);

        assertThat(action.getWorkstreams()).extracting(WorkstreamRow::getWorkstream, WorkstreamRow::getLanding)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("api", "landed in wave 1"));
        assertThat(action.getSummary()).isEqualTo("1 workstream: 1 done; $0.50; wave 1 landed 1, left out 1");

        action.put(List.of(ParallelWorktreesActionTest.row("ui", WorkerStatus.DONE, 0.25)));

        assertThat(action.getWorkstreams()).extracting(WorkstreamRow::getWorkstream).containsExactly("api", "ui");
        assertThat(xstream().toXML(action)).contains("<workstreams>", "<waves>")
                .doesNotContain("ImmutableCollections", "unmodifiable", "class=");
    }

    @Test
    void aRecordWithoutWavesLoadsAsOneWithNone() {
        String noWaves = SAVED_BEFORE.replaceAll("(?s)<waves>.*</waves>\\s*", "");

        ParallelWorktreesAction action = (ParallelWorktreesAction) xstream().fromXML(noWaves);

        assertThat(action.getWaves()).isEmpty();
        assertThat(action.getSummary()).isEqualTo("1 workstream: 1 done; $0.50");
    }

    @Test
    void aBuildSavedBeforeTimesWereKeptShowsItsHeadlineAndNoTimeline() {
        ParallelWorktreesAction action = (ParallelWorktreesAction) xstream().fromXML(SAVED_BEFORE);

        assertThat(action.getHeadline().getTitle()).isEqualTo("The workstream landed on shop/integration");
        assertThat(action.getTimelineSvg()).isNull();
        assertThat(action.getWorkstreams().get(0).getSpans()).isEmpty();
        assertThat(action.getWaves().get(0).getGates()).isEmpty();
        assertThat(action.getWaves().get(0).getMerge()).isEqualTo(1);
        assertThat(action.gateOf(action.getWorkstreams().get(0)).getVerdict()).isEqualTo("-");
        assertThat(action.getRunningNow()).as("the in-memory running workers exist after a load").isEmpty();
    }

    /**
     * The times, gate runs and gate.md paths go through build.xml and come back as they were: plain fields (ints,
     * longs, strings, ArrayList), no java.time or engine type for XStream to reflect into, and the running workers
     * (controller memory only, transient) are not written.
     */
    @Test
    void theTimelineAndGateLinksSurviveTheBuildRecord() {
        ParallelWorktreesAction action = new ParallelWorktreesAction();
        action.put(List.of(BuildPageTest.worker("api", WorkerStatus.DONE, 0, 30),
                BuildPageTest.worker("ui", WorkerStatus.DONE, 5, 45)));
        action.put(BuildPageTest.culpritMerge());
        action.started("docs", 2, BuildPageTest.at(50));

        String xml = xstream().toXML(action);
        ParallelWorktreesAction loaded = (ParallelWorktreesAction) xstream().fromXML(xml);

        assertThat(xml).contains("<spans>", "<gates>", "<reports>", "<string>gates/21/gate.md</string>",
                "<mergedAt>").doesNotContain("class=", "java.time", "docs", "running");
        assertThat(loaded.getTimelineSvg()).isEqualTo(action.getTimelineSvg()).contains("<rect class=\"gate failed\"");
        assertThat(loaded.getHeadline().getTitle()).isEqualTo(
                "1 of 2 workstreams landed; ui left out: culprit of the gate");
        assertThat(loaded.gateOf(loaded.getWorkstreams().get(1)).getReport()).isEqualTo("gates/21/gate.md");
        assertThat(loaded.getRunningNow()).isEmpty();
    }
}
