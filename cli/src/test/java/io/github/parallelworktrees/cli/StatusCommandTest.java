package io.github.parallelworktrees.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.parallelworktrees.engine.testing.TestRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pwt status PLAN}: the run's dashboard, for people and (with --json) for tools. */
class StatusCommandTest {

    @TempDir
    Path tmp;

    @Test
    void jsonIsTheWholeDashboardWithAbsentValuesAsNull() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Path plan = repo.write("plan.yaml", """
                worker: {type: command, run: 'echo "# R" > RESULTS.md'}
                workstreams:
                  - {name: a, prompt: x}
                  - {name: b, prompt: y, worker: {type: command, run: 'echo "it broke" >&2; exit 2'}}
                """);
        assertThat(PwtRunner.pwt("run", plan.toString()).exitCode()).isEqualTo(ExitCodes.FAILED);

        PwtRunner status = PwtRunner.pwt("status", plan.toString(), "--json");

        assertThat(status.err()).isEmpty();
        assertThat(status.exitCode()).isZero();
        JsonNode json = new ObjectMapper().readTree(status.out());
        // the environment pwt runs its processes with holds the user's keys: it is never part of any output
        assertThat(json.path("layout").path("feature").asText()).isEqualTo("plan");
        assertThat(json.path("layout").has("environment")).isFalse();
        assertThat(status.out()).doesNotContain(System.getenv("PATH"));
        assertThat(json.path("info").path("feature").asText()).isEqualTo("plan");
        assertThat(json.path("info").path("status").asText()).isEqualTo("failed");
        JsonNode a = json.path("workstreams").get(0);
        assertThat(a.path("workstream").asText()).isEqualTo("a");
        assertThat(a.path("status").asText()).isEqualTo("done");
        assertThat(a.path("branch").asText()).isEqualTo("plan/a");
        assertThat(a.get("note").isNull()).isTrue();
        JsonNode b = json.path("workstreams").get(1);
        assertThat(b.path("status").asText()).isEqualTo("failed");
        assertThat(b.path("note").asText()).contains("command exited with 2");
        assertThat(b.path("log_tail").toString()).contains("it broke");
    }

    @Test
    void theConflictsColumnNamesWhatEachBranchWouldConflictWithBeforeAnythingMerges() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Path plan = repo.write("plan.yaml", """
                worker: {type: command, run: 'echo "$PWT_WORKSTREAM" > README.md && echo "# R" > RESULTS.md'}
                workstreams:
                  - {name: a, prompt: x}
                  - {name: b, prompt: y}
                  - {name: c, prompt: z, worker: {type: command, run: 'echo "# R" > RESULTS.md && echo c > c.txt'}}
                """);
        assertThat(PwtRunner.pwt("run", plan.toString()).exitCode()).isEqualTo(ExitCodes.OK);

        PwtRunner table = PwtRunner.pwt("status", plan.toString(), "--lines", "0");
        PwtRunner json = PwtRunner.pwt("status", plan.toString(), "--json", "--lines", "0");

        assertThat(table.out()).contains("CONFLICTS");
        assertThat(table.out().lines().filter(l -> l.startsWith("a ")).findFirst().orElseThrow()).contains(" b ");
        assertThat(table.out().lines().filter(l -> l.startsWith("c ")).findFirst().orElseThrow())
                .doesNotContain(" a ").doesNotContain(" b ");
        JsonNode rows = new ObjectMapper().readTree(json.out()).path("workstreams");
        assertThat(rows.get(0).path("conflicts").toString()).isEqualTo("[\"b\"]");
        assertThat(rows.get(1).path("conflicts").toString()).isEqualTo("[\"a\"]");
        assertThat(rows.get(2).path("conflicts").toString()).isEqualTo("[]");
    }

    @Test
    void aRepairIsListedUnderItsWorkstreamWithHowItEnded() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Path plan = repo.write("plan.yaml", """
                autoMerge: true
                merge: {mode: queue}
                repair: {attempts: 1}
                waves: [{wave: 1, partial: true, gate: {command: "! grep -rq BROKEN src"}}]
                worker: {type: command, run: 'mkdir -p src && if [ -n "$PWT_REPAIR" ]; then echo ok > src/a.txt; else echo BROKEN > src/a.txt; fi && echo "# R" > RESULTS.md'}
                workstreams: [{name: a, prompt: x}]
                """);
        assertThat(PwtRunner.pwt("run", plan.toString()).exitCode()).isEqualTo(ExitCodes.OK);

        PwtRunner table = PwtRunner.pwt("status", plan.toString(), "--lines", "0");

        assertThat(table.out()).contains("    ~ repair 1 of 1 (culprit): landed");
    }
}
