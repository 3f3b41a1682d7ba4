package io.github.parallelworktrees.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.parallelworktrees.engine.ledger.Json;
import io.github.parallelworktrees.engine.testing.TestRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Run, roll back, resume, merge again through pwt, checking after each step that what pwt prints and writes says
 * what git says.
 */
class RecordAgreesWithGitTest {

    @TempDir
    Path tmp;

    @Test
    void afterARollbackAndAResumeEveryViewSaysWhatGitSays() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Path plan = repo.write("f.yaml", """
                autoMerge: true
                worker:
                  type: command
                  run: 'if [ "$PWT_WORKSTREAM" = bad ]; then echo BROKEN > $PWT_WORKSTREAM.txt; else echo ok > $PWT_WORKSTREAM.txt; fi && git add . && git commit -qm "$PWT_WORKSTREAM work" && echo "# R" > RESULTS.md'
                waves:
                  - {wave: 1, partial: true, gate: {command: '! grep -rqs BROKEN .'}}
                  - {wave: 2, partial: true, gate: {command: '! grep -rqs BROKEN .'}}
                workstreams:
                  - {name: a, prompt: x}
                  - {name: bad, prompt: x}
                  - {name: b, prompt: x, dependsOn: [a]}
                """);
        String p = plan.toString();

        PwtRunner run = PwtRunner.pwt("run", p);
        assertThat(run.exitCode()).as(run.out()).isEqualTo(ExitCodes.FAILED);
        assertLanded(repo, "a", true, "b", true, "bad", false);
        assertThat(run.out()).contains("left out bad: culprit");

        PwtRunner refused = PwtRunner.pwt("merge", p, "--wave", "1", "--rollback");
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(refused.err()).contains("would also undo what landed after it: wave 2 (b)");
        assertLanded(repo, "a", true, "b", true, "bad", false);

        PwtRunner rollback = PwtRunner.pwt("merge", p, "--wave", "2", "--rollback");
        assertThat(rollback.exitCode()).as(rollback.err()).isZero();
        assertThat(rollback.out()).contains("undoing b;");
        assertLanded(repo, "a", true, "b", false, "bad", false);
        assertThat(PwtRunner.pwt("report", p).exitCode()).isZero();
        assertThat(repo.layout("f").reportFile()).content().contains("<b>Rolled back</b>");

        PwtRunner resume = PwtRunner.pwt("resume", p);
        assertThat(resume.exitCode()).as(resume.out()).isEqualTo(ExitCodes.FAILED);
        assertLanded(repo, "a", true, "b", true, "bad", false);
        assertThat(resume.out()).containsOnlyOnce("Wave 2 -> f/integration: b on it now (2 merge(s)")
                .containsOnlyOnce("Wave 1 -> f/integration: a on it now")
                .containsOnlyOnce("left out bad: culprit")
                .doesNotContain("landed bad");

        PwtRunner again = PwtRunner.pwt("merge", p, "--wave", "1");
        assertThat(again.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(again.out()).as("a merge that landed nothing offers nothing to undo").doesNotContain("--rollback");
        assertLanded(repo, "a", true, "b", true, "bad", false);

        PwtRunner cleanup = PwtRunner.pwt("cleanup", p, "--archive");
        assertThat(cleanup.exitCode()).as(cleanup.out() + cleanup.err()).isZero();
        assertThat(repo.git().lines("branch", "--list", "f/*", "--format=%(refname:short)"))
                .containsExactlyInAnyOrder("f/a", "f/b", "f/bad", "f/integration");
        assertThat(repo.layout("f").root().resolve("ledger.jsonl")).as("the ledger retires with its run")
                .doesNotExist();
        try (var history = java.nio.file.Files.list(repo.layout("f").root().resolve("history"))) {
            assertThat(history).singleElement().satisfies(h -> assertThat(h.resolve("ledger.jsonl")).content()
                    .contains("\"event\":\"cleaned_up\"").contains("\"event\":\"rolled_back\""));
        }
        assertThat(PwtRunner.pwt("status", p).exitCode()).as("no run any more").isEqualTo(ExitCodes.BAD_INPUT);
    }

    /** status --json, run.json and git agree on what landed. */
    private static void assertLanded(TestRepo repo, Object... expected) throws Exception {
        PwtRunner status = PwtRunner.pwt("status", repo.dir().resolve("f.yaml").toString(), "--json");
        assertThat(status.exitCode()).as(status.err()).isZero();
        JsonNode json = Json.MAPPER.readTree(status.out());
        JsonNode run = TestRepo.json(repo.layout("f").runFile());
        for (int i = 0; i < expected.length; i += 2) {
            String ws = (String) expected[i];
            boolean landed = (Boolean) expected[i + 1];
            assertThat(repo.git().isAncestor("f/" + ws, "f/integration")).as("git: " + ws).isEqualTo(landed);
            JsonNode row = null;
            for (JsonNode r : json.path("workstreams")) {
                if (r.path("workstream").asText().equals(ws)) {
                    row = r;
                }
            }
            assertThat(row).as("status row " + ws).isNotNull();
            assertThat(row.path("landed").asBoolean()).as("status --json: " + ws).isEqualTo(landed);
            for (JsonNode w : run.path("workers")) {
                if (w.path("workstream").asText().equals(ws)) {
                    assertThat(w.path("landed").asBoolean()).as("run.json: " + ws).isEqualTo(landed);
                }
            }
        }
    }
}
