package io.github.parallelworktrees.engine.merge;

import static org.assertj.core.api.Assertions.assertThat;
import io.github.parallelworktrees.engine.ledger.Event;
import io.github.parallelworktrees.engine.ledger.Ledger;
import io.github.parallelworktrees.engine.ledger.RunState;
import io.github.parallelworktrees.engine.ledger.RunView;
import io.github.parallelworktrees.engine.ledger.WaveResult;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.parallelworktrees.engine.claude.Rehearsals;
import io.github.parallelworktrees.engine.claude.ScriptedRehearsals;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.rehearsal.ScriptedModelServer;
import io.github.parallelworktrees.engine.ledger.RunListener;
import io.github.parallelworktrees.engine.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Gated wave merges on real repositories. */
class WaveMergerTest {

    @TempDir
    Path tmp;

    private TestRepo repo;

    @BeforeEach
    void repository() {
        repo = TestRepo.create(tmp.resolve("repo"));
        repo.write("src/config.py", "debug = False\n");
        repo.write("src/log.txt", "start\n");
        repo.commitAll("project");
    }

    /** Makes branch f/<ws> from main with the given files written and committed. */
    private String branch(String ws, String... pathsAndContents) {
        repo.git().run("checkout", "--quiet", "-b", "f/" + ws, "main");
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            repo.write(pathsAndContents[i], pathsAndContents[i + 1]);
        }
        String tip = repo.commitAll(ws + ": work");
        repo.git().run("checkout", "--quiet", "main");
        return tip;
    }

    private Plan plan(String yaml) {
        return repo.plan("f.yaml", "feature: f\nworker: {type: command, run: 'true'}\n" + yaml);
    }

    private WaveMerger merger(Plan plan) {
        return new WaveMerger(plan, repo.layout(plan.feature()), RunListener.silent(), Optional.empty());
    }

    private List<String> integrationLog() {
        return repo.git().lines("log", "--first-parent", "--format=%s", "main..f/integration");
    }

    @Test
    void mergesTheWavesBranchesInDependencyOrderAsMergeCommits() throws Exception {
        branch("core", "src/core.txt", "core\n");
        branch("api", "src/api.txt", "api\n");
        branch("ui", "src/ui.txt", "ui\n");
        Files.createDirectories(repo.dir().resolve(".worktrees/f/results/api"));
        Files.writeString(repo.dir().resolve(".worktrees/f/results/api/RESULTS.md"), "# R\n\nServes the API.\n");
        Plan plan = plan("""
                workstreams:
                  - {name: api, prompt: x, dependsOn: [core]}
                  - {name: ui, prompt: x}
                  - {name: core, prompt: x}
                """);

        WaveResult result = merger(plan).merge(1, Optional.of(List.of("api", "ui", "core")),
                merger(plan).planGate(1));

        assertThat(result.landed()).containsExactly("core", "api", "ui");
        assertThat(integrationLog()).containsExactly("Merge workstream ui (f/ui)", "Merge workstream api (f/api)",
                "Merge workstream core (f/core)");
        assertThat(repo.git().run("log", "-1", "--format=%B", "f/integration~1")).contains("Serves the API.");
        assertThat(repo.git().run("rev-list", "--parents", "-1", "f/integration").split(" ")).hasSize(3);
        assertThat(repo.git().run("status", "--porcelain")).as("the user's checkout is untouched")
                .isEqualTo("?? f.yaml");
        assertThat(repo.git().run("rev-parse", "--abbrev-ref", "HEAD")).isEqualTo("main");
        assertThat(repo.git().lines("tag")).as("where the branch was is in the ledger, not in a tag").isEmpty();
        assertThat(RunState.view(repo.layout("f")).merges()).singleElement()
                .satisfies(m -> assertThat(m.result()).isEqualTo(result));
    }

    @Test
    void createsTheIntegrationBranchFromBaseAndSkipsWhatIsAlreadyMerged() throws Exception {
        branch("a", "src/a.txt", "a\n");
        Plan plan = plan("workstreams: [{name: a, prompt: x}]\n");
        merger(plan).merge(1, Optional.empty(), merger(plan).planGate(1));

        WaveResult again = merger(plan).merge(1, Optional.empty(), merger(plan).planGate(1));

        assertThat(again.alreadyMerged()).containsExactly("a");
        assertThat(again.after()).isEqualTo(again.before());
        assertThat(again.gateRuns()).isEmpty();
    }

    @Test
    void theOwnersVersionWinsForAnOwnedPath() throws Exception {
        branch("config", "src/config.py", "debug = True\nport = 8000\n");
        branch("api", "src/config.py", "debug = False\nport = 9000\n");
        Plan plan = plan("""
                workstreams: [{name: config, prompt: x}, {name: api, prompt: x}]
                merge:
                  policies: [{path: "src/config.py", strategy: owner, owner: config}]
                """);

        WaveResult result = merger(plan).merge(1, Optional.empty(), merger(plan).planGate(1));

        assertThat(result.landed()).containsExactly("config", "api");
        assertThat(repo.git().run("show", "f/integration:src/config.py")).isEqualTo("debug = True\nport = 8000");
    }

    @Test
    void theOwnersVersionWinsEvenWhenTheOwnerMergesLast() throws Exception {
        branch("api", "src/config.py", "debug = False\nport = 9000\n");
        branch("config", "src/config.py", "debug = True\nport = 8000\n");
        Plan plan = plan("""
                workstreams: [{name: api, prompt: x}, {name: config, prompt: x}]
                merge:
                  policies: [{path: "src/config.py", strategy: owner, owner: config}]
                """);

        merger(plan).merge(1, Optional.empty(), merger(plan).planGate(1));

        assertThat(repo.git().run("show", "f/integration:src/config.py")).isEqualTo("debug = True\nport = 8000");
    }

    @Test
    void unionKeepsBothSidesLines() throws Exception {
        branch("a", "src/log.txt", "start\nfrom a\n");
        branch("b", "src/log.txt", "start\nfrom b\n");
        Plan plan = plan("""
                workstreams: [{name: a, prompt: x}, {name: b, prompt: x}]
                merge:
                  policies: [{path: "src/*.txt", strategy: union}]
                """);

        merger(plan).merge(1, Optional.empty(), merger(plan).planGate(1));

        assertThat(repo.git().run("show", "f/integration:src/log.txt")).contains("start", "from a", "from b")
                .doesNotContain("<<<<<<<");
    }

    @Test
    void oursKeepsTheIntegrationsVersionAndTheirsTheWorkstreams() throws Exception {
        branch("a", "src/log.txt", "start\nfrom a\n", "src/config.py", "debug = 1\n");
        branch("b", "src/log.txt", "start\nfrom b\n", "src/config.py", "debug = 2\n");
        Plan plan = plan("""
                workstreams: [{name: a, prompt: x}, {name: b, prompt: x}]
                merge:
                  policies:
                    - {path: "src/log.txt", strategy: ours}
                    - {path: "src/config.py", strategy: theirs}
                """);

        merger(plan).merge(1, Optional.empty(), merger(plan).planGate(1));

        assertThat(repo.git().run("show", "f/integration:src/log.txt")).isEqualTo("start\nfrom a");
        assertThat(repo.git().run("show", "f/integration:src/config.py")).isEqualTo("debug = 2");
    }

    @Test
    void anUnresolvableConflictLeavesTheBranchOutAndNothingHalfMerged() throws Exception {
        branch("a", "src/log.txt", "start\nfrom a\n");
        branch("b", "src/log.txt", "start\nfrom b\n", "src/b.txt", "b\n");
        Plan plan = plan("workstreams: [{name: a, prompt: x}, {name: b, prompt: x}]\n");

        WaveResult result = merger(plan).merge(1, Optional.empty(), merger(plan).planGate(1));

        assertThat(result.landed()).containsExactly("a");
        assertThat(result.leftOut()).singleElement().satisfies(l -> {
            assertThat(l.workstream()).isEqualTo("b");
            assertThat(l.reason()).isEqualTo("conflict in src/log.txt with workstream a; no merge policy resolves"
                    + " it");
        });
        assertThat(repo.git().tryRun("show", "f/integration:src/b.txt").succeeded()).isFalse();
        assertThat(repo.git().run("show", "f/integration:src/log.txt")).isEqualTo("start\nfrom a");
    }

    @Test
    void aConflictNoPolicyResolvesGoesToTheResolverAndIsGatedLikeAnyMerge() throws Exception {
        branch("a", "src/log.txt", "start\nfrom a\n");
        branch("b", "src/log.txt", "start\nfrom b\n");
        Plan plan = plan("""
                waves: [{wave: 1, gate: {command: "test -f src/log.txt && ! grep -q '<<<<<<<' src/log.txt"}}]
                workstreams: [{name: a, prompt: x}, {name: b, prompt: x}]
                merge:
                  resolver:
                    type: command
                    run: "for f in $PWT_CONFLICTS; do grep -v -E '^(<<<<<<<|=======|>>>>>>>)' $f > $f.tmp && mv $f.tmp $f && git add $f; done && git commit -q --no-edit"
                """);

        WaveResult result = merger(plan).merge(1, Optional.empty(), merger(plan).planGate(1));

        assertThat(result.landed()).containsExactly("a", "b");
        assertThat(repo.git().run("show", "f/integration:src/log.txt")).isEqualTo("start\nfrom a\nfrom b");
        assertThat(repo.git().run("rev-list", "--parents", "-1", "f/integration").split(" ")).hasSize(3);
        assertThat(result.gateRuns()).singleElement().satisfies(r -> assertThat(r.passed()).isTrue());
    }

    @Test
    void aResolverThatLeavesConflictsLeavesTheBranchOutAndSaysWhere() throws Exception {
        branch("a", "src/log.txt", "start\nfrom a\n");
        branch("b", "src/log.txt", "start\nfrom b\n");
        Plan plan = plan("""
                workstreams: [{name: a, prompt: x}, {name: b, prompt: x}]
                merge: {resolver: {type: command, run: "true"}}
                """);

        WaveResult result = merger(plan).merge(1, Optional.empty(), merger(plan).planGate(1));

        assertThat(result.landed()).containsExactly("a");
        assertThat(result.leftOut().get(0).reason()).contains("the resolver left conflicts in src/log.txt")
                .contains("its worktree is kept");
    }

    /**
     * Branches a and b that conflict in src/log.txt, and a plan whose resolver is the real Claude CLI rehearsing a
     * script: the turns {@code first}, then it keeps both sides' lines and commits the merge.
     */
    private Plan conflictForAClaudeResolver(String first, String allowedTools) {
        branch("a", "src/log.txt", "start\nfrom a\n");
        branch("b", "src/log.txt", "start\nfrom b\n");
        repo.write("resolve.yaml", "turns:\n" + first + """
                  - tool_use: {name: Write, input: {file_path: "{{worktree}}/src/log.txt", content: "start\\nfrom a\\nfrom b\\n"}}
                  - tool_use: {name: Bash, input: {command: "git add src/log.txt && git commit -q --no-edit", description: commit}}
                  - text: Resolved.
                """);
        return plan("""
                workstreams: [{name: a, prompt: x}, {name: b, prompt: x}]
                merge:
                  resolver: {type: claude, claudePath: '%s', rehearsal: resolve.yaml, allowedTools: [%s], timeoutMinutes: 1}
                """.formatted(io.github.parallelworktrees.engine.testing.ClaudeCli.binary(), allowedTools));
    }

    @Test
    void aClaudeResolverResolvesTheConflictWithTheRealCli() throws Exception {
        Plan plan = conflictForAClaudeResolver("", "'Bash(git:*)'");

        WaveResult result = merger(plan).merge(1, Optional.empty(), merger(plan).planGate(1));

        assertThat(result.landed()).containsExactly("a", "b");
        assertThat(repo.git().run("show", "f/integration:src/log.txt")).isEqualTo("start\nfrom a\nfrom b");
        assertThat(repo.dir().resolve(".worktrees/f/merges/wave-1/resolve-b/transcript.jsonl")).isNotEmptyFile();
    }

    @Test
    void aClaudeResolverTalksThroughTheEndpointsTheMergerWasGivenWithTheirKeyInItsEnvironment() throws Exception {
        String key = "sk-ant-api03-resolver-test-key";
        // the scripted model records request headers with the key redacted, so the resolver's CLI is asked to
        // print its environment's key with a tool, whose output comes back to the model in the next request
        Plan plan = conflictForAClaudeResolver("""
                  - tool_use: {name: Bash, input: {command: "printenv ANTHROPIC_API_KEY", description: key}}
                """, "'Bash(git:*)', 'Bash(printenv:*)'");
        List<ScriptedModelServer> servers = Collections.synchronizedList(new ArrayList<>());
        Rehearsals withKey = context -> {
            Rehearsals.Endpoint scripted = new ScriptedRehearsals(servers::add).start(context);
            return new Rehearsals.Endpoint() {
                @Override
                public Map<String, String> environment() {
                    Map<String, String> env = new HashMap<>(scripted.environment());
                    env.put("ANTHROPIC_API_KEY", key);
                    return env;
                }

                @Override
                public Set<String> unset() {
                    return scripted.unset();
                }

                @Override
                public void close() {
                    scripted.close();
                }
            };
        };
        WaveMerger merger = new WaveMerger(plan, repo.layout(plan.feature()), RunListener.silent(), Optional.empty(), withKey);

        WaveResult result = merger.merge(1, Optional.empty(), merger.planGate(1));

        assertThat(result.landed()).containsExactly("a", "b");
        assertThat(servers).singleElement().satisfies(server -> assertThat(server.turnRequests().get(1)
                .toolResults()).singleElement().satisfies(r -> assertThat(r.toString()).contains(key)));
    }

    @Test
    void aConflictAloneLeavesTheIntegrationBranchWhereItWas() throws Exception {
        repo.git().run("branch", "f/integration", "main");
        repo.git().run("checkout", "--quiet", "f/integration");
        repo.write("src/log.txt", "start\nintegration\n");
        String before = repo.commitAll("integration work");
        repo.git().run("checkout", "--quiet", "main");
        branch("b", "src/log.txt", "start\nfrom b\n");
        Plan plan = plan("workstreams: [{name: b, prompt: x}]\n");

        WaveResult result = merger(plan).merge(1, Optional.empty(), merger(plan).planGate(1));

        assertThat(result.landed()).isEmpty();
        assertThat(repo.tip("f/integration")).isEqualTo(before);
        assertThat(result.leftOut().get(0).reason()).contains("conflict in src/log.txt with the integration branch");
    }

    @Test
    void inAWaveOfEightWhereTwoBreakTheGateTheSixGoodOnesLandAndTheCulpritsAreNamed() throws Exception {
        StringBuilder yaml = new StringBuilder("waves: [{wave: 1, partial: true, gate: {command: \"! grep -rq BROKEN"
                + " src\"}}]\nworkstreams:\n");
        for (int i = 1; i <= 8; i++) {
            boolean broken = i == 4 || i == 8;
            branch("ws" + i, "src/ws" + i + ".txt", broken ? "BROKEN\n" : "fine\n");
            yaml.append("  - {name: ws").append(i).append(", prompt: x}\n");
        }
        Plan plan = plan(yaml.toString());

        WaveResult result = merger(plan).merge(1, Optional.empty(), merger(plan).planGate(1));

        assertThat(result.landed()).containsExactlyInAnyOrder("ws1", "ws2", "ws3", "ws5", "ws6", "ws7");
        assertThat(result.leftOut()).extracting(WaveResult.LeftOut::workstream).containsExactly("ws4", "ws8");
        assertThat(result.leftOut()).allSatisfy(l -> assertThat(l.reason()).startsWith("culprit: the gate fails"));
        // the bound for two culprits among eight (CulpritPlacementsTest checks every placement)
        assertThat(result.gateRuns()).hasSizeLessThanOrEqualTo(8);
        assertThat(result.gateRuns().get(result.gateRuns().size() - 1).passed()).isTrue();
        String tip = repo.tip("f/integration");
        assertThat(result.gateRuns()).filteredOn(WaveResult.GateRun::passed)
                .extracting(WaveResult.GateRun::commit).contains(tip);
        assertThat(repo.git().tryRun("grep", "-q", "BROKEN", tip, "--", "src").exitCode()).as("no match").isEqualTo(1);
    }

    @Test
    void aFailedGateLandsNothingWhenTheWaveIsNotPartial() throws Exception {
        branch("a", "src/a.txt", "fine\n");
        branch("b", "src/b.txt", "BROKEN\n");
        Plan plan = plan("""
                waves: [{wave: 1, gate: {command: "! grep -rq BROKEN src"}}]
                workstreams: [{name: a, prompt: x}, {name: b, prompt: x}]
                """);

        WaveResult result = merger(plan).merge(1, Optional.empty(), merger(plan).planGate(1));

        assertThat(result.landed()).isEmpty();
        assertThat(result.after()).isEqualTo(result.before());
        assertThat(result.gateRuns()).hasSize(1);
        assertThat(result.leftOut()).extracting(WaveResult.LeftOut::workstream).containsExactly("a", "b");
        assertThat(result.leftOut().get(0).reason()).contains("not partial: nothing lands");
    }

    @Test
    void inTheQueueABatchIsNeverAllOrNothingTheInnocentLandsAndTheCulpritIsNamed() throws Exception {
        // two workers of a wave that is not partial finished in the same minute and share a batch: in the queue
        // that is an accident of timing, so the batch is bisected as if the wave were partial
        branch("a", "src/a.txt", "fine\n");
        branch("b", "src/b.txt", "BROKEN\n");
        Plan plan = plan("""
                autoMerge: true
                waves: [{wave: 1, gate: {command: "! grep -rq BROKEN src"}}]
                workstreams: [{name: a, prompt: x}, {name: b, prompt: x}]
                """);
        assertThat(plan.mergeMode()).isEqualTo(io.github.parallelworktrees.engine.plan.MergeMode.QUEUE);

        WaveResult result = merger(plan).merge(1, Optional.empty(), merger(plan).planGate(1));

        assertThat(result.landed()).containsExactly("a");
        assertThat(result.leftOut()).singleElement().satisfies(l -> {
            assertThat(l.workstream()).isEqualTo("b");
            assertThat(l.kind()).isEqualTo(WaveResult.LeftOut.Kind.CULPRIT);
        });
        assertThat(repo.git().tryRun("merge-base", "--is-ancestor", repo.tip("f/a"), repo.tip("f/integration"))
                .exitCode()).isZero();
        // with waves, the same wave lands all or nothing (aFailedGateLandsNothingWhenTheWaveIsNotPartial)
        assertThat(plan("""
                autoMerge: true
                merge: {mode: waves}
                waves: [{wave: 1, partial: false, gate: {command: "! grep -rq BROKEN src"}}]
                workstreams: [{name: a, prompt: x}, {name: b, prompt: x}]
                """).warnings()).isEmpty();
        assertThat(plan.warnings()).isEmpty();
        assertThat(plan("""
                autoMerge: true
                waves: [{wave: 1, partial: false, gate: {command: "! grep -rq BROKEN src"}}]
                workstreams: [{name: a, prompt: x}, {name: b, prompt: x}]
                """).warnings()).singleElement().asString().contains("in the queue every wave is partial");
    }

    @Test
    void rollbackMovesTheIntegrationBranchBackToBeforeTheWavesLandingAndRecordsIt() throws Exception {
        branch("a", "src/a.txt", "a\n");
        Plan plan = plan("workstreams: [{name: a, prompt: x}]\n");
        WaveResult result = merger(plan).merge(1, Optional.empty(), merger(plan).planGate(1));
        assertThat(repo.tip("f/integration")).isEqualTo(result.after()).isNotEqualTo(result.before());

        WaveMerger.Rollback rollback = merger(plan).rollback(1, false);

        assertThat(repo.tip("f/integration")).isEqualTo(result.before());
        assertThat(rollback.undone()).containsExactly("a");
        assertThat(repo.git().branchExists("f/a")).isTrue();
        RunView view = RunState.view(repo.layout("f"));
        assertThat(view.rollbacks()).singleElement().satisfies(r -> {
            assertThat(r.from()).isEqualTo(result.after());
            assertThat(r.to()).isEqualTo(result.before());
        });
        assertThat(view.merges()).singleElement().satisfies(m -> assertThat(m.stands()).isFalse());
        assertThatThrownBy(() -> merger(plan).rollback(1, false)).isInstanceOf(MergeException.class)
                .hasMessageContaining("wave 1 has no landing on f/integration to roll back")
                .hasMessageContaining("rolled back already");
    }

    @Test
    void aRollbackAfterARollbackAndAMergeAgainTargetsTheLatestLandingNotAnOldOne() throws Exception {
        branch("a", "src/a.txt", "a\n");
        branch("b", "src/b.txt", "b\n");
        Plan plan = plan("workstreams: [{name: a, prompt: x}, {name: b, prompt: x, dependsOn: [a]}]\n");
        merger(plan).merge(1, Optional.empty(), merger(plan).planGate(1));
        WaveResult wave2 = merger(plan).merge(2, Optional.empty(), merger(plan).planGate(2));
        merger(plan).rollback(2, false);
        WaveResult again = merger(plan).merge(2, Optional.empty(), merger(plan).planGate(2));
        assertThat(again.before()).isEqualTo(wave2.before());

        merger(plan).rollback(2, false);

        assertThat(repo.tip("f/integration")).as("wave 1 stays").isEqualTo(wave2.before());
        assertThat(repo.git().isAncestor("f/a", "f/integration")).isTrue();
    }

    @Test
    void rollingBackAWaveThatLaterLandingsStandOnIsRefusedNamingThemUnlessConfirmed() throws Exception {
        branch("a", "src/a.txt", "a\n");
        branch("b", "src/b.txt", "b\n");
        Plan plan = plan("workstreams: [{name: a, prompt: x}, {name: b, prompt: x, dependsOn: [a]}]\n");
        // wave 2 first, then wave 1: a rollback of wave 2 would undo wave 1's landing too
        WaveResult wave2 = merger(plan).merge(2, Optional.empty(), merger(plan).planGate(2));
        WaveResult wave1 = merger(plan).merge(1, Optional.empty(), merger(plan).planGate(1));

        assertThatThrownBy(() -> merger(plan).rollback(2, false)).isInstanceOf(MergeException.class)
                .hasMessageContaining("would also undo what landed after it: wave 1 (a)")
                .hasMessageContaining("Nothing was changed")
                .hasMessageContaining("--rollback --undo-later");
        assertThat(repo.tip("f/integration")).isEqualTo(wave1.after());

        WaveMerger.Rollback both = merger(plan).rollback(2, true);

        assertThat(repo.tip("f/integration")).isEqualTo(wave2.before());
        assertThat(both.undone()).containsExactlyInAnyOrder("a", "b");
        assertThat(RunState.view(repo.layout("f")).merges()).noneMatch(RunView.Merge::stands);
    }

    @Test
    void aCommitMadeOnTheIntegrationBranchByHandIsNamedBeforeARollbackWouldDropIt() throws Exception {
        branch("a", "src/a.txt", "a\n");
        Plan plan = plan("workstreams: [{name: a, prompt: x}]\n");
        merger(plan).merge(1, Optional.empty(), merger(plan).planGate(1));
        repo.git().run("checkout", "--quiet", "f/integration");
        repo.write("hand.txt", "by hand\n");
        String hand = repo.commitAll("a fix by hand");
        repo.git().run("checkout", "--quiet", "main");

        assertThatThrownBy(() -> merger(plan).rollback(1, false)).isInstanceOf(MergeException.class)
                .hasMessageContaining("1 commit(s) made on f/integration by other means");
        assertThat(repo.tip("f/integration")).isEqualTo(hand);
    }

    @Test
    void everyMergeOfAWaveKeepsItsGateRunsOutputAndALeftOverGateProcessIsStoppedFirst() throws Exception {
        branch("a", "src/a.txt", "a\n");
        Plan plan = plan("waves: [{wave: 1, gate: {command: 'echo gated > out.txt'}}]\n"
                + "workstreams: [{name: a, prompt: x}]\n");
        merger(plan).merge(1, Optional.empty(), merger(plan).planGate(1));
        merger(plan).rollback(1, false);
        // a gate of a pwt that was killed: its process is still running and the ledger says so
        Process leftOver = new ProcessBuilder(io.github.parallelworktrees.engine.process.ProcessTree.inOwnGroup(
                List.of("sleep", "300"))).start();
        Ledger.of(repo.layout("f")).append(new Event.ProcessStarted(java.time.Instant.now(), "gate",
                "wave 1, merge 1, gate run 1", leftOver.pid(), leftOver.toHandle().info().startInstant().orElseThrow()));

        merger(plan).merge(1, Optional.empty(), merger(plan).planGate(1));

        assertThat(leftOver.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).as("stopped before the merge").isTrue();
        java.nio.file.Path merges = repo.layout("f").root().resolve("merges/wave-1");
        assertThat(merges.resolve("merge-1/gate-1/gate.json")).exists();
        assertThat(merges.resolve("merge-2/gate-1/gate.json")).exists();
        assertThat(RunState.view(repo.layout("f")).openProcesses()).isEmpty();
    }

    @Test
    void aConcurrentChangeOfTheIntegrationBranchIsDetectedNotOverwritten() throws Exception {
        branch("a", "src/a.txt", "a\n");
        Plan plan = plan("workstreams: [{name: a, prompt: x}]\n");
        repo.git().run("branch", "f/integration", "main");
        String[] concurrent = new String[1];
        WaveGate racingGate = (tree, commit, run) -> {
            // someone else moves the integration branch while the gate runs
            repo.git().run("update-ref", "refs/heads/f/integration", repo.tip("f/a"));
            concurrent[0] = repo.tip("f/integration");
            return WaveGate.Judgement.of(true, "passed", "");
        };

        assertThatThrownBy(() -> merger(plan).merge(1, Optional.empty(), racingGate))
                .isInstanceOf(MergeException.class).hasMessageContaining("moved from")
                .hasMessageContaining("nothing was changed");
        assertThat(repo.tip("f/integration")).isEqualTo(concurrent[0]);
    }

    @Test
    void refusesWhenTheIntegrationBranchIsCheckedOutSomewhere() {
        branch("a", "src/a.txt", "a\n");
        repo.git().run("checkout", "--quiet", "-b", "f/integration");
        Plan plan = plan("workstreams: [{name: a, prompt: x}]\n");

        assertThatThrownBy(() -> merger(plan).merge(1, Optional.empty(), merger(plan).planGate(1)))
                .isInstanceOf(MergeException.class).hasMessageContaining("is checked out at");
    }

    @Test
    void refusesADirtyIntegrationWorktree() throws Exception {
        branch("a", "src/a.txt", "a\n");
        branch("b", "src/b.txt", "b\n");
        Plan plan = plan("workstreams: [{name: a, prompt: x}, {name: b, prompt: x, wave: 2}]\n");
        merger(plan).merge(1, Optional.empty(), merger(plan).planGate(1));
        Files.writeString(repo.dir().resolve(".worktrees/f/integration/src/a.txt"), "edited by hand\n");

        assertThatThrownBy(() -> merger(plan).merge(2, Optional.empty(), merger(plan).planGate(2)))
                .isInstanceOf(MergeException.class).hasMessageContaining("has uncommitted changes")
                .hasMessageContaining("src/a.txt");
    }

    @Test
    void saysSoForAMissingBranchAndAWaveWithNoBranches() {
        Plan plan = plan("workstreams: [{name: a, prompt: x}]\n");

        assertThatThrownBy(() -> merger(plan).merge(1, Optional.empty(), merger(plan).planGate(1)))
                .isInstanceOf(MergeException.class).hasMessageContaining("wave 1 has no branches to merge")
                .hasMessageContaining("branch f/a does not exist");
        assertThat(repo.git().branchExists("f/integration")).as("nothing is created for nothing").isFalse();
        assertThat(repo.layout("f").root().resolve("ledger.jsonl")).as("nothing happened").doesNotExist();
        assertThatThrownBy(() -> merger(plan).merge(3, Optional.empty(), merger(plan).planGate(1)))
                .isInstanceOf(MergeException.class).hasMessageContaining("the plan has no wave 3");
    }
}
