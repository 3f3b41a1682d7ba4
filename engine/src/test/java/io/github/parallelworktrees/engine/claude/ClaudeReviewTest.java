package io.github.parallelworktrees.engine.claude;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.parallelworktrees.engine.ledger.ReviewRecord;
import io.github.parallelworktrees.engine.ledger.RunInfo;
import io.github.parallelworktrees.engine.ledger.RunListener;
import io.github.parallelworktrees.engine.ledger.WaveResult;
import io.github.parallelworktrees.engine.ledger.WorkerRecord;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.process.Environment;
import io.github.parallelworktrees.engine.rehearsal.ScriptedModelServer;
import io.github.parallelworktrees.engine.run.PlanRunner;
import io.github.parallelworktrees.engine.run.RunSummary;
import io.github.parallelworktrees.engine.testing.ClaudeCli;
import io.github.parallelworktrees.engine.testing.TestRepo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Claude Code CLI as a reviewer, against scripted models: it reads the branch with git, writes REVIEW.md
 * at PWT_REVIEW_FILE; one requests changes and keeps its branch out, the other approves and its branch lands.
 */
class ClaudeReviewTest {

    private static String reviewer(String verdict) {
        return """
                turns:
                  - tool_use:
                      name: Bash
                      input:
                        description: read the diff
                        command: git diff --stat "$PWT_REVIEW_BASE" HEAD
                  - tool_use:
                      name: Bash
                      input:
                        description: write the review
                        command: |
                          printf '# Review of %%s\\n\\n- minor: src/%%s.txt:1 could say more\\n\\nVerdict: %s\\n' "$PWT_REVIEW_OF" "$PWT_REVIEW_OF" > "$PWT_REVIEW_FILE"
                  - text: Reviewed.
                """.formatted(verdict);
    }

    @TempDir
    Path tmp;

    @Test
    void aClaudeReviewerThatRequestsChangesKeepsItsBranchOutAndOneThatApprovesLetsItsBranchLand() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        repo.write("approve.yaml", reviewer("approve"));
        repo.write("reject.yaml", reviewer("request-changes"));
        Plan plan = repo.plan("feat.yaml", """
                autoMerge: true
                merge: {mode: queue}
                worker: {type: command, run: "mkdir -p src && echo ok > src/$PWT_WORKSTREAM.txt && echo '# R' > RESULTS.md"}
                review:
                  criticality: FAILURE
                  focus: [security]
                  worker: {type: claude, claudePath: '%s', permissionMode: bypassPermissions, timeoutMinutes: 1}
                workstreams:
                  - {name: good, prompt: x, review: {worker: {rehearsal: approve.yaml}}}
                  - {name: bad, prompt: x, review: {worker: {rehearsal: reject.yaml}}}
                """.formatted(ClaudeCli.binary()));
        List<ScriptedModelServer> servers = Collections.synchronizedList(new ArrayList<>());
        // the CLI refuses bypassPermissions as root outside a declared sandbox; this test's machine is one
        Environment environment = Environment.ofThisProcess().with(Map.of("IS_SANDBOX", "1"));

        RunSummary summary = new PlanRunner(plan, repo.dir(), environment, Optional.empty(), RunListener.silent(),
                new ScriptedRehearsals(servers::add)).run();

        assertThat(summary.landed()).as(summary.info().reason()).containsExactly("good");
        assertThat(summary.leftOut()).singleElement().satisfies(l -> {
            assertThat(l.workstream()).isEqualTo("bad");
            assertThat(l.kind()).isEqualTo(WaveResult.LeftOut.Kind.REVIEW);
        });
        assertThat(summary.info().status()).isEqualTo(RunInfo.Status.FAILED);
        ReviewRecord good = record(summary, "good").review();
        ReviewRecord bad = record(summary, "bad").review();
        assertThat(good.verdict()).isEqualTo("approve");
        assertThat(bad.verdict()).isEqualTo("request-changes");
        assertThat(bad.keptOut()).isTrue();
        assertThat(TestRepo.read(Path.of(bad.file()))).contains("# Review of bad").contains("src/bad.txt:1");
        // the reviewer's cost is its own, and counts in the workstream's (command workers spend nothing)
        assertThat(bad.costUsd()).isPositive();
        assertThat(record(summary, "bad").costUsd()).isEqualTo(bad.costUsd());
        assertThat(bad.durationMillis()).isPositive();
        // what the reviewer was told: the review prompt with the diff's start, the focus and the verdict format
        assertThat(servers).hasSize(2);
        String asked = servers.stream().map(s -> s.turnRequests().get(0).conversationText())
                .filter(t -> t.contains("Review workstream 'bad'")).findFirst().orElseThrow();
        assertThat(asked).contains("git diff " + bad.base() + " HEAD").contains("Focus on: security")
                .contains("Verdict: request-changes").contains(repo.layout("feat").resultsDir("bad")
                        .resolve("REVIEW.md").toString());
        // the reviewer left the branch as it was: only the worker's commit is on it
        assertThat(repo.tip("feat/bad")).isEqualTo(bad.tip());
        assertThat(repo.git().lines("ls-tree", "-r", "--name-only", "feat/bad")).doesNotContain("REVIEW.md");
    }

    private static WorkerRecord record(RunSummary summary, String ws) {
        return summary.workers().stream().filter(w -> w.workstream().equals(ws)).findFirst().orElseThrow();
    }
}
