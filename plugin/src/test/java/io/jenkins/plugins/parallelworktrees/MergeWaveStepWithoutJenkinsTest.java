package io.jenkins.plugins.parallelworktrees;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.TaskListener;
import io.github.parallelworktrees.engine.testing.TestRepo;
import io.jenkins.plugins.parallelworktrees.report.GateRunRow;
import io.jenkins.plugins.parallelworktrees.report.WaveRow;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What mergeWave does that needs no running Jenkins: the merge it runs on the workspace's agent, where a Claude
 * conflict resolver gets the credential's key, and the Snippet Generator's branches text.
 */
class MergeWaveStepWithoutJenkinsTest {

    static final String KEY = "sk-ant-api03-merge-resolver-test-key-0123456789";

    /**
     * A stand-in for the Claude Code CLI as a conflict resolver: it records the length of the key it got (never the
     * key) in a file the merge commit takes along, names the key variable in a tool call the way a model would,
     * resolves the conflict in src/log.txt by keeping both sides, and reports success in stream-json.
     */
    static final String FAKE_RESOLVER = """
            #!/bin/sh
            printf '%s' "${#ANTHROPIC_API_KEY}" > key-length.txt
            printf 'from a\\nfrom b\\n' > src/log.txt
            git add src/log.txt key-length.txt
            echo '{"type":"system","subtype":"init","session_id":"11111111-2222-3333-4444-555555555555","model":"fake"}'
            echo '{"type":"assistant","message":{"id":"m1","content":[{"type":"tool_use","name":"Bash","input":{"command":"curl -H x-api-key:$ANTHROPIC_API_KEY"}}]}}'
            echo '{"type":"result","subtype":"success","is_error":false,"result":"done","session_id":"11111111-2222-3333-4444-555555555555","num_turns":1,"total_cost_usd":0.01,"usage":{"input_tokens":10,"output_tokens":5}}'
            """;

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final TaskListener listener = () -> new PrintStream(out, true, StandardCharsets.UTF_8);

    /** Branch shop/ws of {@code repo} adding src/log.txt with "from ws", so that a and b conflict. */
    private static void branch(TestRepo repo, String ws) {
        repo.git().run("checkout", "--quiet", "-b", "shop/" + ws, "main");
        repo.write("src/log.txt", "from " + ws + "\n");
        repo.commitAll(ws + ": work");
        repo.git().run("checkout", "--quiet", "main");
    }

    private static List<Path> filesHolding(Path dir, String text) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(f -> {
                try {
                    return new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(text);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }

    @Test
    void aClaudeResolverGetsTheKeyInItsEnvironmentAndTheEngineWritesItNowhere() throws Exception {
        Path claude = Files.writeString(tmp.resolve("claude"), FAKE_RESOLVER);
        Files.setPosixFilePermissions(claude, PosixFilePermissions.fromString("rwxr-xr-x"));
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        branch(repo, "a");
        branch(repo, "b");
        repo.write("specs/plan.yaml", """
                feature: shop
                worker: {type: command, run: 'true'}
                workstreams: [{name: a, prompt: x}, {name: b, prompt: x}]
                merge:
                  resolver: {type: claude, claudePath: '%s'}
                """.formatted(claude));
        WaveMerge merge = new WaveMerge("specs/plan.yaml", repo.dir().toString(),
                PipelineEnvironment.of(System.getenv()), 1, null,
                Map.of(), false, tmp.resolve("bundles").toString(), List.of(), WorkerDefaults.NONE, null, KEY,
                new BuildLog(listener, List.of(KEY)));

        WaveMerge.Report report = merge.invoke(repo.dir().toFile(), null);

        assertThat(report.row().getLanded()).containsExactly("a", "b");
        assertThat(repo.git().run("show", "shop/integration:key-length.txt")).isEqualTo(
                String.valueOf(KEY.length()));
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("resolved by the claude resolver")
                .doesNotContain(KEY);
        assertThat(filesHolding(repo.dir().resolve(".worktrees"), KEY)).isEmpty();
    }

    /** A plan of two branches, a (clean) and bad (which the gate command rejects), for mergeWave's wave 1. */
    private TestRepo culpritRepo() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        // committed: the gate's command runs beside the plan, in each candidate's checkout
        repo.write("plan.yaml", """
                feature: shop
                worker: {type: command, run: 'true'}
                waves: [{wave: 1, partial: true, gate: {command: "! grep -rq BROKEN src", criticality: FAILURE}}]
                workstreams: [{name: a, prompt: x}, {name: bad, prompt: x}]
                """);
        repo.commitAll("the plan");
        repo.git().run("checkout", "--quiet", "-b", "shop/a", "main");
        repo.write("src/a.txt", "a\n");
        repo.commitAll("a: work");
        repo.git().run("checkout", "--quiet", "-b", "shop/bad", "main");
        repo.write("src/bad.txt", "BROKEN\n");
        repo.commitAll("bad: work");
        repo.git().run("checkout", "--quiet", "main");
        return repo;
    }

    private WaveMerge merge(TestRepo repo, MergeWaveStep.CandidateJudge judge) {
        return new WaveMerge("plan.yaml", repo.dir().toString(), PipelineEnvironment.of(System.getenv()),
                1, null, Map.of(), false, tmp.resolve("bundles").toString(), List.of(), WorkerDefaults.NONE, judge,
                null, new BuildLog(listener, List.of()));
    }

    @Test
    void thePlansGateRunsAreTimedAndTheirGateMdIsArchivedForTheBuildPage() throws Exception {
        TestRepo repo = culpritRepo();

        WaveMerge.Report report = merge(repo, null).invoke(repo.dir().toFile(), null);

        WaveRow row = report.row();
        assertThat(row.getLanded()).containsExactly("a");
        assertThat(row.getLeftOut()).containsOnlyKeys("bad");
        assertThat(row.getMerge()).isEqualTo(1);
        assertThat(row.getMergedAt()).isNotNull();
        assertThat(row.getGates()).hasSize(row.getGateRuns()).allSatisfy(gate -> {
            assertThat(gate.getFrom()).isPositive();
            assertThat(gate.getTo()).isGreaterThanOrEqualTo(gate.getFrom());
            assertThat(gate.getReports()).containsExactly(WaveRow.gateReport(1, 1, gate.getRun()));
            assertThat(report.artifacts()).containsEntry(WaveRow.gateReport(1, 1, gate.getRun()),
                    ".worktrees/shop/merges/wave-1/merge-1/gate-" + gate.getRun() + "/gate.md");
        });
        assertThat(row.getGates()).extracting(GateRunRow::getStatus).contains("failed", "passed");

        // a second merge of the wave is merge 2, as WaveMerger names its gate runs' folders
        repo.git().run("checkout", "--quiet", "shop/bad");
        repo.write("src/bad.txt", "fixed\n");
        repo.commitAll("bad: fixed");
        repo.git().run("checkout", "--quiet", "main");

        WaveRow again = merge(repo, null).invoke(repo.dir().toFile(), null).row();

        assertThat(again.getMerge()).isEqualTo(2);
        assertThat(again.getLanded()).containsExactly("bad");
        assertThat(again.getGates()).allSatisfy(gate -> assertThat(gate.getReports())
                .containsExactly(WaveRow.gateReport(1, 2, gate.getRun())));
    }

    @Test
    void theBodysGateRunsAreTimedAndLinkTheGateMdItsQualityGatesArchived() throws Exception {
        TestRepo repo = culpritRepo();
        MergeWaveStep.CandidateJudge body = (tree, commit, run) -> {
            boolean broken = Files.exists(Path.of(tree, "src", "bad.txt"));
            return new MergeCandidate.Judgement(!broken, broken ? "failed" : "passed", broken ? "BROKEN" : "", false,
                    List.of("gates/" + (10 + run) + "/gate.md"));
        };

        WaveMerge.Report report = merge(repo, body).invoke(repo.dir().toFile(), null);

        assertThat(report.row().getLanded()).containsExactly("a");
        assertThat(report.row().getGates()).isNotEmpty().allSatisfy(gate -> {
            assertThat(gate.getFrom()).isPositive();
            assertThat(gate.getReports()).containsExactly("gates/" + (10 + gate.getRun()) + "/gate.md");
        });
        assertThat(report.artifacts().keySet()).noneMatch(path -> path.endsWith("gate.md"));
    }

    @Test
    void theFormsBranchesTextIsSplitIntoWorkstreamNames() {
        assertThat(MergeWaveStep.branchNames("api\r\nui, docs\n\n  search ")).containsExactly("api", "ui", "docs",
                "search");
    }

    @Test
    void anEmptyBranchesTextMergesTheDefaultBranches() {
        MergeWaveStep step = new MergeWaveStep("specs/plan.yaml", 1);

        step.setBranches(MergeWaveStep.branchNames(" \n "));

        assertThat(step.getBranches()).isNull();
    }

    @Test
    void aBlankCredentialsIdMeansTheGlobalDefault() {
        MergeWaveStep step = new MergeWaveStep("specs/plan.yaml", 1);

        step.setCredentialsId("  ");
        assertThat(step.getCredentialsId()).isNull();
        step.setCredentialsId(" anthropic ");
        assertThat(step.getCredentialsId()).isEqualTo("anthropic");
    }
}
