package io.jenkins.plugins.parallelworktrees;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.TaskListener;
import io.github.parallelworktrees.engine.testing.TestRepo;
import io.jenkins.plugins.parallelworktrees.report.RaceRow;
import io.jenkins.plugins.parallelworktrees.report.WorkstreamRow;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A race run in the body form, without Jenkins: each racer's claudeWorker (its {@link RunWorker})
 * in a checkout of its own, as a body on its own agent runs it, its files "archived" into one folder as the build's
 * artifacts; then mergeWave's merge ({@link WaveMerge}) in another checkout, which brings the racers'
 * branches from their bundles, judges the race with the engine's RaceJudge and merges the winner. Real git, command
 * workers.
 */
class RacesInMergeWaveTest {

    /** The wave's gate refuses a tree with BROKEN in src/; which racers write it is the test's choice. */
    private static final String PLAN = """
            feature: shop
            waves: [{wave: 1, gate: {command: "! grep -rq BROKEN src"}}]
            worker:
              type: command
              run: >-
                mkdir -p src && if [ "$PWT_RACER" = "$WINNER" ]; then echo ok > src/auth.txt; else echo BROKEN > src/auth.txt; fi;
                printf '# Racer %s\\n\\nLogin by racer %s\\n' "$PWT_RACER" "$PWT_RACER" > RESULTS.md
            workstreams:
              - {name: auth, prompt: "Add login", race: 3}
              - {name: docs, prompt: "Write docs", worker: {type: command, run: 'mkdir -p src && echo d > src/docs.txt && echo "# R" > RESULTS.md'}}
            """;

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final TaskListener listener = () -> new PrintStream(out, true, StandardCharsets.UTF_8);
    private TestRepo origin;
    /** The build's artifacts, as the steps archive them. */
    private Path archive;
    /** The build's rows, as the claudeWorker steps record them. */
    private final List<WorkstreamRow> rows = new ArrayList<>();

    @BeforeEach
    void origin() throws Exception {
        origin = TestRepo.create(tmp.resolve("origin"));
        origin.write("specs/plan.yaml", PLAN);
        origin.commitAll("the plan");
        archive = Files.createDirectories(tmp.resolve("archive"));
    }

    /** One body's claudeWorker on its own agent: racer {@code racer} of auth (0: workstream {@code ws}). */
    private void body(String ws, int racer, String winner) throws Exception {
        String name = racer == 0 ? ws : ws + "-racer-" + racer;
        TestRepo agent = TestRepo.cloneOf(origin, tmp.resolve("agent-" + name));
        Map<String, String> env = new LinkedHashMap<>(System.getenv());
        env.put("WINNER", winner);
        RunWorker worker = new RunWorker(ws, racer, "specs/plan.yaml",
                agent.dir().toString(), PipelineEnvironment.of(env), null, null, new LinkedHashMap<>(), false,
                tmp.resolve("carried-" + name).toString(), List.of(), WorkerDefaults.NONE, null,
                new BuildLog(listener, List.of()));

        WorkersReport report = worker.invoke(agent.dir().toFile(), null);

        for (Map.Entry<String, String> file : report.artifacts().entrySet()) {
            Path to = archive.resolve(file.getKey());
            Files.createDirectories(to.getParent());
            Files.copy(Path.of(report.base()).resolve(file.getValue()), to);
        }
        rows.addAll(report.rows());
    }

    /** mergeWave(plan: 'specs/plan.yaml', wave: 1), without a body, in a checkout of its own. */
    private WaveMerge.Report mergeWave(TestRepo merge) throws Exception {
        return mergeWave(merge, null);
    }

    /** The same, with {@code body} as mergeWave's body (null: none). */
    private WaveMerge.Report mergeWave(TestRepo merge, MergeWaveStep.CandidateJudge body) throws Exception {
        List<String> copied = new ArrayList<>();
        try (var files = Files.walk(archive)) {
            files.filter(Files::isRegularFile).forEach(f -> copied.add(archive.relativize(f).toString()));
        }
        WaveMerge step = new WaveMerge("specs/plan.yaml", merge.dir().toString(),
                PipelineEnvironment.of(System.getenv()), 1, null, MergeWaveStep.unfinished(rows), false,
                archive.toString(), copied, WorkerDefaults.NONE, body, null, new BuildLog(listener, List.of()))
                .withRows(rows);
        return step.invoke(merge.dir().toFile(), null);
    }

    private static WorkstreamRow row(WaveMerge.Report report, String name) {
        return report.workstreams().stream().filter(r -> r.getWorkstream().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aRaceOfThreeRunInBodiesIsJudgedByMergeWaveAndTheOnlyRacerThatPassesTheGateWinsAndLands()
            throws Exception {
        for (int n = 1; n <= 3; n++) {
            body("auth", n, "2");
        }
        body("docs", 0, "2");
        assertThat(rows).extracting(WorkstreamRow::getWorkstream)
                .containsExactly("auth-racer-1", "auth-racer-2", "auth-racer-3", "docs");
        assertThat(archive.resolve("workers/auth-racer-2/branch.bundle")).isRegularFile();
        TestRepo merge = TestRepo.cloneOf(origin, tmp.resolve("merge"));

        WaveMerge.Report report = mergeWave(merge);

        // the winner's tip became the workstream's branch, and landed with docs
        assertThat(report.row().getLanded()).containsExactlyInAnyOrder("auth", "docs");
        assertThat(merge.tip("shop/auth")).isEqualTo(merge.tip("shop/auth-racer-2"));
        assertThat(merge.git().run("show", "shop/integration:src/auth.txt")).isEqualTo("ok");
        // the losers' branches are kept, with their work
        assertThat(merge.git().run("show", "shop/auth-racer-1:src/auth.txt")).isEqualTo("BROKEN");
        assertThat(merge.git().run("show", "shop/auth-racer-3:src/auth.txt")).isEqualTo("BROKEN");
        // the judgement, for the build page: each racer, its verdict, score and cost, and why the winner won
        RaceRow race = report.row().getRaces().get(0);
        assertThat(race.getWorkstream()).isEqualTo("auth");
        assertThat(race.getWinner()).isEqualTo(2);
        assertThat(race.getWhy()).contains("racer 2 won: the only racer whose gate let it land");
        assertThat(race.getRacers()).extracting(RaceRow.Racer::getVerdict)
                .containsExactly("unstable", "passed", "unstable");
        assertThat(race.getRacers()).extracting(RaceRow.Racer::isWinner).containsExactly(false, true, false);
        assertThat(race.getRacers()).extracting(RaceRow.Racer::getBranch)
                .containsExactly("shop/auth-racer-1", "shop/auth-racer-2", "shop/auth-racer-3");
        assertThat(race.getRacers().get(1).getTerms()).contains("diffSize");
        assertThat(race.getRacers().get(0).getScore()).isEqualTo("-");
        // the rows: the workstream done by its race, each racer with its verdict
        assertThat(row(report, "auth").getStatus()).isEqualTo("done");
        assertThat(row(report, "auth").getReason()).contains("race: racer 2 won");
        assertThat(row(report, "auth").getSummary()).isEqualTo("Login by racer 2");
        assertThat(row(report, "auth-racer-1").getGate()).isEqualTo("unstable");
        assertThat(row(report, "auth-racer-2").getGate()).isEqualTo("passed");
        // archived: the winner's RESULTS.md and branch as the workstream's, for its page and the next waves
        assertThat(report.artifacts()).containsKeys("workers/auth/RESULTS.md", "workers/auth/branch.bundle",
                "workers/auth-racer-1/gate.json");
        assertThat(TestRepo.read(Path.of(report.base()).resolve(report.artifacts().get("workers/auth/RESULTS.md"))))
                .contains("Login by racer 2");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("auth: judging its race of 3 racers here");
    }

    @Test
    void racersThatRanOnOtherAgentsAreReviewedInMergeWavesCheckoutAndTheReviewKeepsOneOut() throws Exception {
        origin.write("specs/plan.yaml", """
                feature: shop
                waves: [{wave: 1, gate: {command: "! grep -rq BROKEN src"}}]
                worker: {type: command, run: 'mkdir -p src && echo "racer $PWT_RACER" > src/auth.txt && echo "# Racer $PWT_RACER" > RESULTS.md'}
                workstreams:
                  - name: auth
                    prompt: Add login
                    race: 2
                    review:
                      worker: {type: command, run: 'if [ "$PWT_RACER" = 1 ]; then v=request-changes; else v=approve; fi; printf "# Review of racer %s\\n\\nVerdict: %s\\n" "$PWT_RACER" "$v" > "$PWT_REVIEW_FILE"'}
                      criticality: FAILURE
                """);
        origin.commitAll("a reviewed race");
        body("auth", 1, "-");
        body("auth", 2, "-");
        TestRepo merge = TestRepo.cloneOf(origin, tmp.resolve("merge"));
        assertThat(merge.dir().resolve(".worktrees/shop/auth-racer-1")).as("the racers ran elsewhere").doesNotExist();

        WaveMerge.Report report = mergeWave(merge);

        // both pass the gate; racer 1 would win on order, but its review asks for changes and keeps it out
        assertThat(report.row().getLanded()).containsExactly("auth");
        assertThat(merge.tip("shop/auth")).isEqualTo(merge.tip("shop/auth-racer-2"));
        RaceRow race = report.row().getRaces().get(0);
        assertThat(race.getWinner()).isEqualTo(2);
        assertThat(race.getWhy()).contains("review");
        Path results = merge.dir().resolve(".worktrees/shop/results");
        assertThat(results.resolve("auth-racer-1/review-1/REVIEW.md")).content()
                .contains("Review of racer 1", "Verdict: request-changes");
        assertThat(results.resolve("auth-racer-2/review-1/REVIEW.md")).content().contains("Verdict: approve");
        // archived for the build's page: each racer's review, and the winner's as the workstream's
        assertThat(report.artifacts()).containsKeys("workers/auth-racer-1/REVIEW.md", "workers/auth-racer-2/REVIEW.md",
                "workers/auth/REVIEW.md");
    }

    @Test
    void mergeWavesBodyGatesTheRacersWhenThePlanHasNoWaveGateAndThenTheMerge() throws Exception {
        origin.write("specs/plan.yaml", PLAN.replace("waves: [{wave: 1, gate: {command: \"! grep -rq BROKEN src\"}}]\n",
                ""));
        origin.commitAll("no wave gate: mergeWave's body is the gate");
        for (int n = 1; n <= 3; n++) {
            body("auth", n, "3");
        }
        body("docs", 0, "3");
        TestRepo merge = TestRepo.cloneOf(origin, tmp.resolve("merge"));
        List<String> racersGated = new ArrayList<>();
        List<Integer> mergeRuns = new ArrayList<>();
        MergeWaveStep.CandidateJudge gate = new MergeWaveStep.CandidateJudge() {
            @Override
            public MergeCandidate.Judgement judge(String tree, String commit, int run) {
                mergeRuns.add(run);
                return verdict(tree);
            }

            @Override
            public MergeCandidate.Judgement judgeRacer(String tree, String commit, String workstream, int racer) {
                racersGated.add(workstream + " " + racer);
                assertThat(TestRepo.read(Path.of(tree, "src", "auth.txt")).strip()).as("racer %d's merge", racer)
                        .isEqualTo(racer == 3 ? "ok" : "BROKEN");
                return verdict(tree);
            }

            private MergeCandidate.Judgement verdict(String tree) {
                boolean broken;
                try (var files = Files.walk(Path.of(tree, "src"))) {
                    broken = files.filter(Files::isRegularFile).anyMatch(f -> TestRepo.read(f).contains("BROKEN"));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return new MergeCandidate.Judgement(!broken, broken ? "failed" : "passed",
                        broken ? "src holds BROKEN" : "", false, List.of());
            }
        };

        WaveMerge.Report report = mergeWave(merge, gate);

        assertThat(racersGated).containsExactly("auth 1", "auth 2", "auth 3");
        RaceRow race = report.row().getRaces().get(0);
        assertThat(race.getWinner()).isEqualTo(3);
        assertThat(race.getRacers()).extracting(RaceRow.Racer::getVerdict).containsExactly("failed", "failed",
                "passed");
        assertThat(race.getRacers().get(0).getVerdictReason()).isEqualTo("src holds BROKEN");
        // then the body gates the merge of the wave, with the winner in it
        assertThat(mergeRuns).isNotEmpty();
        assertThat(report.row().getLanded()).containsExactlyInAnyOrder("auth", "docs");
        assertThat(merge.tip("shop/auth")).isEqualTo(merge.tip("shop/auth-racer-3"));
    }

    @Test
    void aRaceWithoutAWinnerLeavesItsWorkstreamOutAndTheRestOfTheWaveLands() throws Exception {
        for (int n = 1; n <= 3; n++) {
            body("auth", n, "none");
        }
        body("docs", 0, "none");
        TestRepo merge = TestRepo.cloneOf(origin, tmp.resolve("merge"));

        WaveMerge.Report report = mergeWave(merge);

        assertThat(report.row().getLanded()).containsExactly("docs");
        assertThat(report.row().getLeftOut()).containsOnlyKeys("auth");
        assertThat(report.row().getLeftOut().get("auth")).startsWith("its race has no winner: no racer may"
                + " land").contains("racer 1: unstable");
        assertThat(merge.git().branchExists("shop/auth")).isFalse();
        assertThat(List.of("shop/auth-racer-1", "shop/auth-racer-2", "shop/auth-racer-3"))
                .allMatch(b -> merge.git().branchExists(b));
        assertThat(row(report, "auth").getStatus()).isEqualTo("failed");
        assertThat(report.row().getRaces().get(0).getWinner()).isNull();
    }

    @Test
    void aWaveWhoseOnlyRaceHasNoWinnerStillReportsTheJudgement() throws Exception {
        for (int n = 1; n <= 3; n++) {
            body("auth", n, "none");
        }
        TestRepo merge = TestRepo.cloneOf(origin, tmp.resolve("merge"));
        WaveMerge step = new WaveMerge("specs/plan.yaml", merge.dir().toString(),
                PipelineEnvironment.of(System.getenv()), 1, List.of("auth"), Map.of(), false, archive.toString(),
                copiedArtifacts(), WorkerDefaults.NONE, null, null, new BuildLog(listener, List.of())).withRows(rows);

        WaveMerge.Report report = step.invoke(merge.dir().toFile(), null);

        assertThat(report.row().isMoved()).isFalse();
        assertThat(report.row().getLanded()).isEmpty();
        assertThat(report.row().getLeftOut()).containsOnlyKeys("auth");
        assertThat(report.row().getRaces()).hasSize(1);
        assertThat(row(report, "auth").getStatus()).isEqualTo("failed");
    }

    private List<String> copiedArtifacts() throws Exception {
        List<String> copied = new ArrayList<>();
        try (var files = Files.walk(archive)) {
            files.filter(Files::isRegularFile).forEach(f -> copied.add(archive.relativize(f).toString()));
        }
        return copied;
    }
}
