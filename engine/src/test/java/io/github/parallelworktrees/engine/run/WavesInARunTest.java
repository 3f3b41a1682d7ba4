package io.github.parallelworktrees.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.parallelworktrees.engine.claude.ScriptedRehearsals;
import io.github.parallelworktrees.engine.ledger.RunListener;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.process.Environment;
import io.github.parallelworktrees.engine.rehearsal.ScriptedModelServer;
import io.github.parallelworktrees.engine.ledger.WorkerRecord;
import io.github.parallelworktrees.engine.ledger.WorkerStatus;
import io.github.parallelworktrees.engine.testing.ClaudeCli;
import io.github.parallelworktrees.engine.testing.TestRepo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Gates and merges inside `pwt run`: per-branch gates, and waves merged as soon as their workers finish. */
class WavesInARunTest {

    /** Writes src/<ws>.txt (BROKEN for workstreams named bad*), commits it, reports. */
    private static final String WORKER = "mkdir -p src && if [ \"${PWT_WORKSTREAM#bad}\" != \"$PWT_WORKSTREAM\" ];"
            + " then echo BROKEN > src/$PWT_WORKSTREAM.txt; else echo ok > src/$PWT_WORKSTREAM.txt; fi"
            + " && git add src && git commit -qm \"$PWT_WORKSTREAM: work\" && echo '# R' > RESULTS.md";
    private static final String GATE = "{command: \"! grep -rq BROKEN src\"}";

    @TempDir
    Path tmp;

    private RunSummary run(TestRepo repo, Plan plan) {
        return new PlanRunner(plan, repo.dir(), Environment.ofThisProcess(), Optional.empty(), RunListener.silent()).run();
    }

    @Test
    void withoutAutoMergeEachBranchIsGatedInItsWorktree() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Plan plan = repo.plan("f.yaml", "worker: {type: command, run: '" + WORKER.replace("'", "''") + "'}\n"
                + "waves: [{wave: 1, gate: " + GATE + "}]\n"
                + "workstreams: [{name: good, prompt: x}, {name: bad, prompt: x}]\n");

        RunSummary summary = run(repo, plan);

        assertThat(summary.workers()).extracting(WorkerRecord::gate).containsExactly("passed", "unstable");
        assertThat(summary.workers().get(1).gateReason()).contains("command '! grep -rq BROKEN src' exited with 1");
        assertThat(repo.layout("f").resultsDir("bad").resolve("gate.json")).exists();
        assertThat(repo.layout("f").resultsDir("bad").resolve("gate.md")).content().contains("UNSTABLE");
        assertThat(repo.git().branchExists("f/integration")).as("no merge without autoMerge").isFalse();
    }

    @Test
    void withAutoMergeWavesLandInOrderTheNextStartsFromTheIntegrationAndCulpritsDependentsWait() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Plan plan = repo.plan("f.yaml", "autoMerge: true\nmerge: {mode: waves}\nworker: {type: command, run: '"
                + WORKER.replace("'", "''") + "'}\n"
                + "waves: [{wave: 1, partial: true, gate: " + GATE + "}, {wave: 2, partial: true, gate: " + GATE + "}]\n"
                + """
                workstreams:
                  - {name: core, prompt: x}
                  - {name: bad-idea, prompt: x}
                  - {name: api, prompt: x, dependsOn: [core]}
                  - {name: on-bad, prompt: x, dependsOn: [bad-idea]}
                """);

        RunSummary summary = run(repo, plan);

        assertThat(summary.workers()).extracting(WorkerRecord::status).containsExactly(WorkerStatus.DONE,
                WorkerStatus.DONE, WorkerStatus.DONE, WorkerStatus.SKIPPED);
        assertThat(summary.workers().get(3).reason()).isEqualTo("dependency 'bad-idea' was left out of its wave's"
                + " merge");
        assertThat(summary.leftOut()).singleElement().satisfies(l -> {
            assertThat(l.workstream()).isEqualTo("bad-idea");
            assertThat(l.reason()).startsWith("culprit");
        });
        assertThat(summary.merges()).hasSize(2);
        assertThat(repo.git().isAncestor("f/core", "f/integration")).isTrue();
        assertThat(repo.git().isAncestor("f/api", "f/integration")).isTrue();
        assertThat(repo.git().isAncestor("f/bad-idea", "f/integration")).isFalse();
        String wave1 = summary.merges().get(1).result().before();
        assertThat(repo.git().isAncestor(wave1, "f/api")).as("wave 2 started from wave 1's merge").isTrue();
        assertThat(summary.succeeded()).isFalse();
        assertThat(summary.info().reason()).contains("bad-idea (left out of its wave)");
        assertThat(TestRepo.json(repo.layout("f").runFile()).path("merges").get(0).path("landed").get(0).asText())
                .isEqualTo("core");
    }

    @Test
    void withAutoMergeAClaudeResolverTalksThroughTheRunnersEndpointsLikeItsWorkers() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        repo.write("resolve.yaml", """
                turns:
                  - tool_use: {name: Write, input: {file_path: "{{worktree}}/src/log.txt", content: "from a\\nfrom b\\n"}}
                  - tool_use: {name: Bash, input: {command: "git add src/log.txt && git commit -q --no-edit", description: commit}}
                  - text: Resolved.
                """);
        Plan plan = repo.plan("f.yaml", """
                autoMerge: true
                worker: {type: command, run: "mkdir -p src && echo from $PWT_WORKSTREAM > src/log.txt && git add src && git commit -qm work && echo '# R' > RESULTS.md"}
                workstreams: [{name: a, prompt: x}, {name: b, prompt: x}]
                merge:
                  mode: waves
                  resolver: {type: claude, claudePath: '%s', rehearsal: resolve.yaml, allowedTools: ['Bash(git:*)'], timeoutMinutes: 1}
                """.formatted(ClaudeCli.binary()));
        List<ScriptedModelServer> servers = Collections.synchronizedList(new ArrayList<>());

        RunSummary summary = new PlanRunner(plan, repo.dir(), Environment.ofThisProcess(), Optional.empty(), RunListener.silent(),
                new ScriptedRehearsals(servers::add)).run();

        assertThat(summary.merges()).singleElement().satisfies(m -> assertThat(m.result().landed())
                .containsExactly("a", "b"));
        assertThat(repo.git().run("show", "f/integration:src/log.txt")).isEqualTo("from a\nfrom b");
        assertThat(servers).as("the command workers need no model; the resolver's came from the runner").hasSize(1);
    }

    private static final String TWO_WAVES = "autoMerge: true\nmerge: {mode: waves}\nworker: {type: command, run: '"
            + WORKER.replace("'", "''") + "'}\n"
            + "waves: [{wave: 1, partial: true, gate: " + GATE + "}, {wave: 2, partial: true, gate: " + GATE + "}]\n";

    private static final String ONE_WAVE = "autoMerge: true\nmerge: {mode: waves}\nworker: {type: command, run: '"
            + WORKER.replace("'", "''") + "'}\nwaves: [{wave: 1, partial: true, gate: " + GATE + "}]\n";

    @Test
    void aCulpritFixedAndLandedByHandLetsResumeRunItsDependents() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Plan plan = repo.plan("f.yaml", TWO_WAVES + """
                workstreams:
                  - {name: bad-idea, prompt: x}
                  - {name: on-bad, prompt: x, dependsOn: [bad-idea]}
                """);
        RunSummary first = run(repo, plan);
        assertThat(first.workers().get(1).status()).isEqualTo(WorkerStatus.SKIPPED);
        // the user fixes the culprit on its branch and lands it by hand, as the summary suggests
        repo.git().run("worktree", "list");
        io.github.parallelworktrees.engine.git.Git wt = io.github.parallelworktrees.engine.git.Git.in(
                repo.layout("f").worktree("bad-idea"), Environment.ofThisProcess());
        java.nio.file.Files.writeString(repo.layout("f").worktree("bad-idea").resolve("src/bad-idea.txt"), "ok\n");
        wt.run("commit", "-qam", "fix");
        io.github.parallelworktrees.engine.merge.WaveMerger merger = new io.github.parallelworktrees.engine.merge
                .WaveMerger(plan, repo.layout(plan.feature()), RunListener.silent(), io.github.parallelworktrees.engine.ledger.RunState
                .load(repo.layout("f")));
        assertThat(merger.merge(1, Optional.empty(), merger.planGate(1)).landed()).containsExactly("bad-idea");

        RunSummary resumed = new PlanRunner(plan, repo.dir(), Environment.ofThisProcess(), Optional.empty(), RunListener.silent()).resume();

        assertThat(resumed.workers()).extracting(WorkerRecord::status).containsOnly(WorkerStatus.DONE);
        assertThat(resumed.landed()).containsExactlyInAnyOrder("bad-idea", "on-bad");
        assertThat(resumed.leftOut()).isEmpty();
        assertThat(resumed.succeeded()).isTrue();
        assertThat(repo.git().isAncestor("f/bad-idea", "f/on-bad")).as("it built on the fix").isTrue();
    }

    @Test
    void aWorkstreamThatFailedInAnAutoMergeWaveAndThenSucceedsIsMergedOnResumeBeforeItsDependentStarts() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        java.nio.file.Path marker = tmp.resolve("second-time");
        // flaky fails its first attempt; it succeeds once the marker exists
        String flaky = "if [ ! -e '" + marker + "' ]; then touch '" + marker + "'; exit 1; fi; " + WORKER;
        Plan plan = repo.plan("f.yaml", TWO_WAVES + "workstreams:\n"
                + "  - {name: core, prompt: x}\n"
                + "  - {name: flaky, prompt: x, worker: {type: command, run: '" + flaky.replace("'", "''") + "'}}\n"
                + "  - {name: api, prompt: x, dependsOn: [flaky]}\n");
        RunSummary first = run(repo, plan);
        assertThat(first.succeeded()).isFalse();
        assertThat(first.landed()).containsExactly("core");

        RunSummary resumed = new PlanRunner(plan, repo.dir(), Environment.ofThisProcess(), Optional.empty(), RunListener.silent()).resume();

        assertThat(resumed.landed()).containsExactlyInAnyOrder("core", "flaky", "api");
        assertThat(resumed.succeeded()).isTrue();
        assertThat(repo.git().isAncestor("f/flaky", "f/api")).as("api started from the integration with flaky")
                .isTrue();
        assertThat(TestRepo.json(repo.layout("f").runFile()).path("totals").path("landed").asInt()).isEqualTo(3);
    }

    @Test
    void aRefusedWaveMergeIsNotASuccess() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Plan plan = repo.plan("f.yaml", ONE_WAVE + "workstreams: [{name: core, prompt: x}]\n");
        repo.git().run("branch", "f/integration", "main");
        repo.git().run("worktree", "add", "--quiet", tmp.resolve("elsewhere").toString(), "f/integration");

        RunSummary summary = run(repo, plan);

        assertThat(summary.workers()).extracting(WorkerRecord::status).containsOnly(WorkerStatus.DONE);
        assertThat(summary.succeeded()).isFalse();
        assertThat(summary.info().reason()).contains("core (done, but not on f/integration)");
    }

    @Test
    void aResumeKeepsWhenTheRunStartedAndAReportWrittenAtTheEndDoesNotSayARunIsWorking() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Plan plan = repo.plan("f.yaml", ONE_WAVE + "workstreams: [{name: bad, prompt: x}]\n");
        RunSummary first = run(repo, plan);

        RunSummary resumed = new PlanRunner(plan, repo.dir(), Environment.ofThisProcess(), Optional.empty(), RunListener.silent()).resume();

        assertThat(resumed.info().startedAt()).isEqualTo(first.info().startedAt());
        assertThat(resumed.info().resumedAt()).isAfterOrEqualTo(first.info().finishedAt());
        assertThat(repo.layout("f").reportFile()).content().doesNotContain("a pwt process is working on it")
                .contains("Run <b class=\"failed\">failed</b>");
    }

    @Test
    void aSucceededRunIsNoLongerShownAsASuccessOnceARollbackTookWorkOffTheIntegrationBranch() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Plan plan = repo.plan("f.yaml", ONE_WAVE + "workstreams: [{name: core, prompt: x}]\n");
        assertThat(run(repo, plan).succeeded()).isTrue();

        new io.github.parallelworktrees.engine.merge.WaveMerger(plan, repo.layout(plan.feature()), RunListener.silent(),
                io.github.parallelworktrees.engine.ledger.RunState.load(repo.layout("f"))).rollback(1, false);

        io.github.parallelworktrees.engine.status.StatusReport status = io.github.parallelworktrees.engine.status
                .StatusReport.read(repo.layout("f"), 0).orElseThrow();
        assertThat(status.runStatus()).isEqualTo("failed");
        assertThat(status.info().reason()).contains("core is no longer on f/integration");
        assertThat(TestRepo.json(repo.layout("f").runFile()).path("run").path("status").asText()).isEqualTo("failed");
    }

    @Test
    void uncommittedEditsInTheUsersCheckoutAreNamedBeforeTheRunSinceNoWorkstreamHasThem() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Plan plan = repo.plan("f.yaml", ONE_WAVE + "workstreams: [{name: core, prompt: x}]\n");
        repo.write("README.md", "edited, not committed\n");
        List<String> said = Collections.synchronizedList(new ArrayList<>());

        new PlanRunner(plan, repo.dir(), Environment.ofThisProcess(), Optional.empty(), said::add).run();

        assertThat(said).anySatisfy(line -> assertThat(line).contains("your checkout has 1 uncommitted change(s)"
                + " to tracked files (README.md)").contains("these edits are in none of them"));
    }
}
