package io.github.parallelworktrees.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.parallelworktrees.engine.ledger.RunLock;
import io.github.parallelworktrees.engine.status.Dashboard;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The screen of {@code pwt watch}, made from a run's files, compared with a snapshot (src/test/resources/watch/).
 * A screen that differs is written to target/watch-snapshots/ to compare (and to copy over the snapshot when the
 * change is meant).
 */
class WatchScreenTest {

    private static final int WIDTH = 118;
    private static final int HEIGHT = 16;

    @TempDir
    Path tmp;

    @Test
    void aRunningRunShowsTheMergeAndTheGateUnderWayTheBudgetAndARowPerWorkstream() throws Exception {
        RunFixture run = RunFixture.running(tmp.resolve("repo"));
        List<String> screen;
        try (RunLock held = RunLock.acquire(run.layout)) { // as the pwt making the run holds it
            screen = WatchScreen.render(Dashboard.read(run.layout, WatchScreen.LOG_LINES, RunFixture.at(100))
                    .orElseThrow(), WIDTH, HEIGHT);
        }

        assertMatchesSnapshot(screen, "running.txt");
    }

    @Test
    void aFinishedRunShowsWhatLandedWhatWasLeftOutAndWhyAndHowTheRunEnded() throws Exception {
        RunFixture run = RunFixture.finished(tmp.resolve("repo"));

        List<String> screen = WatchScreen.render(Dashboard.read(run.layout, WatchScreen.LOG_LINES,
                RunFixture.at(400)).orElseThrow(), WIDTH, HEIGHT);

        assertMatchesSnapshot(screen, "finished.txt");
    }

    @Test
    void aSmallTerminalGetsTheLinesThatFitEachCutToItsWidth() throws Exception {
        RunFixture run = RunFixture.finished(tmp.resolve("repo"));

        List<String> screen = WatchScreen.render(Dashboard.read(run.layout, WatchScreen.LOG_LINES,
                RunFixture.at(400)).orElseThrow(), 40, 6);

        assertThat(screen).hasSize(6).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(40));
        assertThat(screen.get(0)).startsWith("pwt watch: feature plan, run failed").endsWith("~");
        assertThat(screen).anyMatch(l -> l.startsWith("... ") && l.contains("more"));
        assertThat(screen.get(5)).startsWith("The run ended: failed");
    }

    @Test
    void aRacedWorkstreamHasARowPerRacerUnderItsOwnWithItsGateAndWhetherItWon() throws Exception {
        io.github.parallelworktrees.engine.testing.TestRepo repo = io.github.parallelworktrees.engine.testing
                .TestRepo.create(tmp.resolve("race"));
        io.github.parallelworktrees.engine.plan.Plan plan = repo.plan("f.yaml", """
                autoMerge: true
                waves: [{wave: 1, gate: {command: "! grep -rq BROKEN src"}}]
                worker: {type: command, run: 'mkdir -p src && if [ "$PWT_RACER" = 1 ]; then echo BROKEN; else echo ok; fi > src/a.txt && echo "# R" > RESULTS.md'}
                workstreams:
                  - {name: auth, prompt: x, race: 2}
                  - {name: docs, prompt: x}
                """);
        new io.github.parallelworktrees.engine.run.PlanRunner(plan, repo.dir(),
                io.github.parallelworktrees.engine.process.Environment.ofThisProcess(), java.util.Optional.empty(),
                io.github.parallelworktrees.engine.ledger.RunListener.silent()).run();

        List<String> screen = WatchScreen.render(Dashboard.read(repo.layout("f"), WatchScreen.LOG_LINES,
                java.time.Instant.now()).orElseThrow(), WIDTH, HEIGHT);

        int auth = indexOf(screen, "auth ");
        assertThat(screen.get(auth)).contains("done", "landed");
        assertThat(screen.get(auth + 1)).startsWith("  auth-racer-1").contains("unstable", "lost", "score");
        assertThat(screen.get(auth + 2)).startsWith("  auth-racer-2").contains("passed", "won", "score");
        assertThat(screen.get(auth + 3)).startsWith("docs ");
    }

    private static int indexOf(List<String> screen, String start) {
        for (int i = 0; i < screen.size(); i++) {
            if (screen.get(i).startsWith(start)) {
                return i;
            }
        }
        throw new AssertionError("no line starts with '" + start + "': " + String.join("\n", screen));
    }

    private static void assertMatchesSnapshot(List<String> screen, String name) throws IOException {
        String actual = String.join("\n", screen) + "\n";
        String expected;
        try (InputStream in = WatchScreenTest.class.getResourceAsStream("/watch/" + name)) {
            expected = in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!actual.equals(expected)) {
            Path written = Path.of("target", "watch-snapshots", name);
            Files.createDirectories(written.getParent());
            Files.writeString(written, actual);
            assertThat(actual).as("the screen differs from src/test/resources/watch/" + name + " (it is in "
                    + written.toAbsolutePath() + ")").isEqualTo(expected);
        }
    }
}
