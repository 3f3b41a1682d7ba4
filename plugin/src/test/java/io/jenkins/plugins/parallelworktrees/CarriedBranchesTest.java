package io.jenkins.plugins.parallelworktrees;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.parallelworktrees.engine.merge.WaveGate;
import io.github.parallelworktrees.engine.merge.WaveMerger;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.plan.PlanParser;
import io.github.parallelworktrees.engine.process.Environment;
import io.github.parallelworktrees.engine.run.PlanRunner;
import io.github.parallelworktrees.engine.ledger.RunListener;
import io.github.parallelworktrees.engine.run.RunSummary;
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
 * A dependent's claudeWorker in a checkout of its own: wave 1 ran and was merged in another checkout (another
 * agent), and only the build's bundles connect the two, as in a Jenkins build. Real git, no Jenkins.
 */
class CarriedBranchesTest {

    private static final String PLAN = """
            feature: shop
            worker: {type: command, run: "echo $PWT_WORKSTREAM > $PWT_WORKSTREAM.txt && echo Done. > RESULTS.md"}
            workstreams:
              - {name: core, prompt: Build the core.}
              - {name: api, prompt: Build the API., dependsOn: [core]}
            """;

    @TempDir
    Path tmp;

    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    /** What the run and the bringing said; warnings come as "warning: ..." (RunListener's default). */
    private final RunListener listener = log::add;

    /** A CI checkout of {@code origin}: a clone detached at the commit built. */
    private TestRepo checkout(TestRepo origin, String name) {
        TestRepo checkout = TestRepo.cloneOf(origin, tmp.resolve(name));
        checkout.git().run("checkout", "--quiet", "--detach");
        return checkout;
    }

    private Plan plan(TestRepo checkout) {
        return PlanParser.read(checkout.dir().resolve("specs/plan.yaml"));
    }

    @Test
    void theBundlesCarriedToAWorkerAreTheOtherFinishedWorkstreamsNotRacers() {
        io.jenkins.plugins.parallelworktrees.report.ParallelWorktreesAction action =
                new io.jenkins.plugins.parallelworktrees.report.ParallelWorktreesAction();
        action.put(List.of(done("core"), done("auth-racer-1").asRacerOf("auth"), done("auth-racer-2").asRacerOf("auth"),
                done("auth"), done("ui")));

        assertThat(CarriedBranches.artifacts(action, "ui")).containsExactly("workers/core/branch.bundle",
                "workers/auth/branch.bundle");
    }

    private static io.jenkins.plugins.parallelworktrees.report.WorkstreamRow done(String name) {
        return io.jenkins.plugins.parallelworktrees.report.WorkstreamRow.of(
                io.github.parallelworktrees.engine.ledger.WorkerRecord.pending(name, "shop/" + name, 1)
                        .withStatus(io.github.parallelworktrees.engine.ledger.WorkerStatus.DONE, null),
                Optional.empty(), true);
    }

    @Test
    void aDependentStartsFromTheIntegrationBranchThatABundleBrought() throws Exception {
        TestRepo origin = PipelineFixtures.origin(tmp.resolve("origin"), PLAN, Map.of());
        TestRepo first = checkout(origin, "first");
        Plan plan = plan(first);
        new PlanRunner(plan, first.dir(), Environment.ofThisProcess(), Optional.empty(), listener).runWorkstream("core");
        WaveGate passes = (tree, commit, run) -> WaveGate.Judgement.of(true, "passed", "test gate");
        new WaveMerger(plan, first.layout(plan.feature()), listener, Optional.empty()).merge(1, Optional.empty(), passes);
        Path dir = tmp.resolve("artifacts");
        assertThat(BranchBundles.create(first.git(), "shop/core", dir.resolve("workers/core/branch.bundle")))
                .isTrue();
        assertThat(BranchBundles.create(first.git(), "shop/integration",
                dir.resolve(CarriedBranches.integrationArtifact(1)))).isTrue();
        String core = first.tip("shop/core");

        TestRepo second = checkout(origin, "second");
        Plan again = plan(second);
        CarriedBranches.bring(second.git(), again, again.workstream("api").orElseThrow(), dir,
                List.of("workers/core/branch.bundle", CarriedBranches.integrationArtifact(1)), listener);
        RunSummary api = new PlanRunner(again, second.dir(), Environment.ofThisProcess(), Optional.empty(), listener).runWorkstream("api");

        assertThat(api.succeeded()).isTrue();
        assertThat(second.git().isAncestor(core, "shop/api")).as("api builds on core's work").isTrue();
        assertThat(second.tip("shop/integration")).isEqualTo(first.tip("shop/integration"));
        assertThat(log).contains("shop/core from the build's workers/core/branch.bundle",
                "shop/integration from the build's waves/1/integration.bundle");
        assertThat(log).anyMatch(l -> l.startsWith("api: starts from the integration branch"));
    }

    @Test
    void aBranchThatHoldsOtherCommitsHereIsKeptAsItIs() throws Exception {
        TestRepo origin = PipelineFixtures.origin(tmp.resolve("origin"), PLAN, Map.of());
        TestRepo first = checkout(origin, "first");
        new PlanRunner(plan(first), first.dir(), Environment.ofThisProcess(), Optional.empty(), listener).runWorkstream("core");
        Path dir = tmp.resolve("artifacts");
        BranchBundles.create(first.git(), "shop/core", dir.resolve("workers/core/branch.bundle"));
        TestRepo second = checkout(origin, "second");
        second.git().run("checkout", "--quiet", "-b", "shop/core");
        second.write("local.txt", "someone's work\n");
        String local = second.commitAll("local work");
        second.git().run("checkout", "--quiet", "--detach");
        Plan plan = plan(second);

        CarriedBranches.bring(second.git(), plan, plan.workstream("api").orElseThrow(), dir,
                List.of("workers/core/branch.bundle"), listener);

        assertThat(second.tip("shop/core")).isEqualTo(local);
        assertThat(log).anyMatch(l -> l.startsWith("warning: kept shop/core as it is here: cannot bring branch"));
        assertThat(log).contains("api: this build has merged no wave into shop/integration yet");
    }

    @Test
    void pushedBranchesComeFromOriginsRemoteTrackingBranches() throws Exception {
        TestRepo origin = PipelineFixtures.origin(tmp.resolve("origin"), PLAN, Map.of());
        origin.git().run("branch", "shop/core");
        origin.git().run("branch", "shop/integration");
        TestRepo checkout = checkout(origin, "checkout");
        Plan plan = plan(checkout);

        CarriedBranches.bring(checkout.git(), plan, plan.workstream("api").orElseThrow(), tmp.resolve("none"),
                List.of(), listener);

        assertThat(checkout.tip("shop/core")).isEqualTo(origin.tip("shop/core"));
        assertThat(checkout.tip("shop/integration")).isEqualTo(origin.tip("shop/integration"));
        assertThat(log).contains("shop/core from origin", "shop/integration from origin");
    }
}
