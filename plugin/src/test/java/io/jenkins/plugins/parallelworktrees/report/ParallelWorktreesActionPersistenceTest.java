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
}
