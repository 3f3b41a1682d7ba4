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
    /**
     * A Claude worker whose branch conflicts with what landed first: its worktree is left in the middle of pwt's
     * merge of the integration branch, and the resumed session resolves it and commits the merge.
     */
    private static final String CONFLICT_SCRIPT = """
            turns:
              - tool_use:
                  name: Bash
                  input:
                    description: work
                    command: |
                      mkdir -p src
                      if [ -n "$PWT_REPAIR" ]; then
                        git diff --name-only --diff-filter=U > unmerged.txt.ignored
                        printf 'from a\\nfrom b\\n' > src/shared.txt
                        git add src/shared.txt && git commit -q --no-edit
                      else
                        sleep 2
                        echo 'from a' > src/shared.txt
                        git add -A && git commit -q -m "a: work"
                      fi
              - tool_use: {name: Write, input: {file_path: "{{worktree}}/RESULTS.md", content: "# R\\n\\nWrote src/shared.txt.\\n"}}
              - text: Done.
            """;

    @Test
    void aClaudeWorkerWhoseBranchConflictsResolvesPwtsMergeInItsResumedSessionAndLands() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        repo.write("rehearsal.yaml", CONFLICT_SCRIPT);
        repo.write(".gitignore", "*.ignored\n");
        repo.commitAll("ignore");
        // b, a command worker, lands at once; a (Claude) changes the same line and finishes later: a conflict
        Plan plan = repo.plan("feat.yaml", """
                autoMerge: true
                repair: {attempts: 1}
                worker: {type: claude, claudePath: '%s', rehearsal: rehearsal.yaml, permissionMode: bypassPermissions, timeoutMinutes: 1}
                workstreams:
                  - {name: a, prompt: Write src/shared.txt.}
                  - {name: b, prompt: x, worker: {type: command, run: "mkdir -p src && echo 'from b' > src/shared.txt && echo '# R' > RESULTS.md"}}
                """.formatted(ClaudeCli.binary()));
        List<ScriptedModelServer> servers = Collections.synchronizedList(new ArrayList<>());
        Environment environment = Environment.ofThisProcess().with(Map.of("IS_SANDBOX", "1"));

        RunSummary summary = new PlanRunner(plan, repo.dir(), environment, Optional.empty(), RunListener.silent(),
                new ScriptedRehearsals(servers::add)).run();

        assertThat(summary.info().status()).as(summary.info().reason() + "\n"
                + TestRepo.read(repo.layout("feat").workerLog("a"))).isEqualTo(RunInfo.Status.SUCCEEDED);
        assertThat(summary.landed()).containsExactlyInAnyOrder("a", "b");
        assertThat(repo.git().run("show", "feat/integration:src/shared.txt")).isEqualTo("from a\nfrom b");
        // the worker found pwt's merge of the integration branch in its worktree, with the conflicted file
        assertThat(TestRepo.read(repo.layout("feat").worktree("a").resolve("unmerged.txt.ignored")).strip())
                .isEqualTo("src/shared.txt");
        // the merge it committed is a merge of its branch and the integration branch (not a rebase)
        assertThat(repo.git().run("rev-list", "--parents", "-n", "1", "feat/a").split(" ")).hasSize(3);
        assertThat(repo.git().isAncestor(repo.tip("feat/b"), repo.tip("feat/a"))).isTrue();
        assertThat(servers).hasSize(2);
        String repairRequest = servers.get(1).turnRequests().get(0).conversationText();
        assertThat(repairRequest).contains("Read TASKS.md and carry out workstream 'a'")
                .contains("# Repair 1 of 1: workstream a")
                .contains("a conflict with the integration branch").contains("src/shared.txt");
        assertThat(TestRepo.read(repo.layout("feat").workerLog("a")))
                .contains("--resume " + summary.workers().get(0).sessionId());
        RunView view = RunState.load(repo.layout("feat")).orElseThrow().view();
        assertThat(view.repairsOf("a")).singleElement().satisfies(r -> {
            assertThat(r.started().why()).isEqualTo(io.github.parallelworktrees.engine.ledger.WaveResult.LeftOut
                    .Kind.CONFLICT);
            assertThat(r.ended().orElseThrow().outcome()).isEqualTo(Event.RepairEnded.Outcome.LANDED);
        });
    }
}
