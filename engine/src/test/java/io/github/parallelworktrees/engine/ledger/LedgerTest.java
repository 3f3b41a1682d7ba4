package io.github.parallelworktrees.engine.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.github.parallelworktrees.engine.process.Environment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ledger: appended, read back, folded; damage is named, never papered over. */
class LedgerTest {

    @TempDir
    Path tmp;

    private RunLayout layout() {
        return new RunLayout(tmp, "f", Environment.ofThisProcess());
    }

    private static RunInfo info() {
        return new RunInfo("f", "f.yaml", "/repo", "main", "0123456789abcdef", "f/integration", 2,
                RunInfo.Status.RUNNING, Instant.parse("2026-01-01T00:00:00Z"), null, 0, null, null);
    }

    private RunState started() {
        RunState state = RunState.fresh(layout(), info(), JsonNodeFactory.instance.objectNode(),
                List.of(WorkerRecord.pending("a", "f/a", 1), WorkerRecord.pending("b", "f/b", 1)));
        state.save();
        return state;
    }

    @Test
    void everyChangeIsAnEventAndTheSnapshotsAreTheEventsFolded() throws Exception {
        RunState state = started();
        state.update("a", r -> r.started(Instant.now()));
        state.update("a", r -> r.finished(WorkerStatus.DONE, 0, null, Instant.now(), true, Usage.NONE));

        List<Ledger.Entry> entries = Ledger.of(layout()).read();
        assertThat(entries).extracting(e -> e.event().getClass().getSimpleName())
                .containsExactly("RunStarted", "WorkerChanged", "WorkerChanged");
        RunState loaded = RunState.load(layout()).orElseThrow();
        assertThat(loaded.worker("a").status()).isEqualTo(WorkerStatus.DONE);
        assertThat(loaded.worker("b").status()).isEqualTo(WorkerStatus.PENDING);
        assertThat(Json.MAPPER.readTree(layout().sessionsFile().toFile()).path("a").path("status").asText())
                .isEqualTo("done");
    }

    @Test
    void aLastLineCutShortByACrashIsLeftOutSinceNothingClaimedIt() throws Exception {
        started().update("a", r -> r.started(Instant.now()));
        Files.writeString(Ledger.of(layout()).file(), "{\"event\":\"worker_changed\",\"at\":\"2026-",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        assertThat(Ledger.of(layout()).read()).hasSize(2);
        RunState state = RunState.load(layout()).orElseThrow();
        assertThat(state.worker("a").status()).isEqualTo(WorkerStatus.RUNNING);

        state.update("b", r -> r.started(Instant.now()));

        assertThat(Ledger.of(layout()).read()).as("the next event is not glued to the torn one").hasSize(3);
        assertThat(RunState.load(layout()).orElseThrow().worker("b").status()).isEqualTo(WorkerStatus.RUNNING);
        try (var kept = Files.list(layout().root())) {
            assertThat(kept.filter(p -> p.getFileName().toString().startsWith("ledger.jsonl.torn-")))
                    .singleElement().satisfies(p -> assertThat(p).content().startsWith("{\"event\""));
        }
    }

    @Test
    void aDamagedLineInTheMiddleIsNamedWithItsFileAndLineAndNothingIsChanged() throws Exception {
        started();
        Path file = Ledger.of(layout()).file();
        String good = Files.readString(file);
        Files.writeString(file, good + "not json\n" + good);

        assertThatThrownBy(() -> RunState.load(layout())).isInstanceOf(LedgerException.class)
                .hasMessageContaining(file + ":2 is damaged")
                .hasMessageContaining("nothing was changed");
        assertThat(Files.readString(file)).isEqualTo(good + "not json\n" + good);
    }

    @Test
    void aRunWrittenBeforeTheLedgerIsTakenIntoOne() throws Exception {
        Files.createDirectories(layout().root());
        Files.writeString(layout().sessionsFile(), "{\"a\": {\"workstream\": \"a\", \"branch\": \"f/a\", \"wave\": 1,"
                + " \"status\": \"done\", \"attempts\": 1}}");
        Files.writeString(layout().runFile(), "{\"run\": " + Json.MAPPER.writeValueAsString(info())
                + ", \"plan\": {}, \"merges\": [{\"wave\": 1, \"integration\": \"f/integration\", \"before\": \"b1\","
                + " \"after\": \"a1\", \"tag\": \"pw/f/wave-1/before\", \"landed\": [\"a\"], \"left_out\": [],"
                + " \"already_merged\": [], \"gate_runs\": []}]}");

        RunState state = RunState.load(layout()).orElseThrow();

        assertThat(state.worker("a").status()).isEqualTo(WorkerStatus.DONE);
        assertThat(state.merges()).singleElement().satisfies(m -> assertThat(m.result().landed()).containsExactly("a"));
        assertThat(Ledger.of(layout()).exists()).isTrue();
    }

    @Test
    void aNullRecordInAnOldSessionsFileIsNamedWithTheWayOut() throws Exception {
        Files.createDirectories(layout().root());
        Files.writeString(layout().sessionsFile(), "{\"a\": null}");
        Files.writeString(layout().runFile(), "{\"run\": " + Json.MAPPER.writeValueAsString(info()) + "}");

        assertThatThrownBy(() -> RunState.load(layout())).isInstanceOf(LedgerException.class)
                .hasMessageContaining("sessions.json: the record of workstream 'a' is null")
                .hasMessageContaining("pwt resume");
    }

    @Test
    void damagedJsonOfAnOldRunSaysWhereAndWhatToDoNotJacksonsText() throws Exception {
        Files.createDirectories(layout().root());
        Files.writeString(layout().sessionsFile(), "{\"a\": {");
        Files.writeString(layout().runFile(), "{}");

        assertThatThrownBy(() -> RunState.load(layout())).isInstanceOf(LedgerException.class)
                .hasMessageContaining("are damaged (sessions.json or run.json is not valid JSON at line 1")
                .hasMessageContaining("restore them from a backup")
                .hasMessageNotContaining("Unexpected end-of-input");
    }

    @Test
    void anInterruptedThreadStillRecordsAsASignalsStopLeavesIt() {
        RunState state = started();
        Thread.currentThread().interrupt();
        try {
            state.update("a", r -> r.finished(WorkerStatus.INTERRUPTED, null, "stopped", Instant.now(), false,
                    Usage.NONE));
        } finally {
            Thread.interrupted();
        }

        assertThat(RunState.load(layout()).orElseThrow().worker("a").status()).isEqualTo(WorkerStatus.INTERRUPTED);
    }
}
