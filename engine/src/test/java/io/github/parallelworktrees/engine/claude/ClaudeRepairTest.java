package io.github.parallelworktrees.engine.claude;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.parallelworktrees.engine.ledger.Event;
import io.github.parallelworktrees.engine.ledger.RunInfo;
import io.github.parallelworktrees.engine.ledger.RunListener;
import io.github.parallelworktrees.engine.ledger.RunState;
import io.github.parallelworktrees.engine.ledger.RunView;
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
 * A Claude worker's branch that breaks the gate comes back to it: the real Claude Code CLI resumes its session
 * with the repair prompt (the gate's verdict), fixes the branch with its tools, and the branch lands.
 */
class ClaudeRepairTest {

    /**
     * The scripted model: writes src/a.txt, commits, reports. Its Bash call writes BROKEN unless the repair report
     * it was given holds the gate's verdict: the same script answers the first run and the repair.
     */
    private static final String SCRIPT = """
            turns:
              - tool_use:
                  name: Bash
                  input:
                    description: work
                    command: |
                      mkdir -p src
                      if [ -n "$PWT_REPAIR_REPORT" ] && grep -q 'grep -rq BROKEN src' "$PWT_REPAIR_REPORT"; then
                        echo fixed > src/a.txt
                      else
                        echo BROKEN > src/a.txt
                      fi
                      git add -A && git commit -q -m "a: work ${PWT_REPAIR:-0}"
              - tool_use: {name: Write, input: {file_path: "{{worktree}}/RESULTS.md", content: "# R\\n\\nWrote src/a.txt.\\n"}}
              - text: Done.
            """;

    @TempDir
    Path tmp;

    @Test
    void aClaudeCulpritResumesItsSessionWithTheGatesVerdictAndLandsOnItsRepair() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        repo.write("rehearsal.yaml", SCRIPT);
        Plan plan = repo.plan("feat.yaml", """
                autoMerge: true
                merge: {mode: queue}
                repair: {attempts: 1}
                waves: [{wave: 1, partial: true, gate: {command: "! grep -rq BROKEN src"}}]
                worker: {type: claude, claudePath: '%s', rehearsal: rehearsal.yaml, permissionMode: bypassPermissions, timeoutMinutes: 1}
                workstreams: [{name: a, prompt: Write src/a.txt.}]
                """.formatted(ClaudeCli.binary()));
        List<ScriptedModelServer> servers = Collections.synchronizedList(new ArrayList<>());
        // the CLI refuses bypassPermissions as root outside a declared sandbox; this test's machine is one
        Environment environment = Environment.ofThisProcess().with(Map.of("IS_SANDBOX", "1"));

        RunSummary summary = new PlanRunner(plan, repo.dir(), environment, Optional.empty(), RunListener.silent(),
                new ScriptedRehearsals(servers::add)).run();

        assertThat(summary.info().status()).as(summary.info().reason() + "\n"
                + TestRepo.read(repo.layout("feat").workerLog("a"))).isEqualTo(RunInfo.Status.SUCCEEDED);
        assertThat(summary.landed()).containsExactly("a");
        assertThat(repo.git().run("show", "feat/integration:src/a.txt")).isEqualTo("fixed");
        assertThat(repo.subjects("main", "feat/a")).contains("a: work 0", "a: work 1");
        assertThat(servers).hasSize(2);
        String sessionId = summary.workers().get(0).sessionId();
        // the repair continued the first run's session: its first request holds that conversation, then the repair
        String repairRequest = servers.get(1).turnRequests().get(0).conversationText();
        assertThat(repairRequest).contains("Read TASKS.md and carry out workstream 'a'")
                .contains("Your branch was left out of the integration branch")
                .contains("# Repair 1 of 1: workstream a")
                .contains("culprit: the gate fails with it")
                .contains("command '! grep -rq BROKEN src' exited with 1")
                // nothing had landed yet, so the worktree had nothing to take in
                .contains("your branch already holds the integration branch's commit");
        assertThat(TestRepo.read(repo.layout("feat").workerLog("a"))).contains("--resume " + sessionId);
        RunView view = RunState.load(repo.layout("feat")).orElseThrow().view();
        assertThat(view.repairsOf("a")).singleElement().satisfies(r -> {
            Event.RepairEnded ended = r.ended().orElseThrow();
            assertThat(ended.outcome()).isEqualTo(Event.RepairEnded.Outcome.LANDED);
            assertThat(ended.costUsd()).as("the repair's own spend").isPositive()
                    .isLessThan(summary.workers().get(0).costUsd());
        });
    }
}
