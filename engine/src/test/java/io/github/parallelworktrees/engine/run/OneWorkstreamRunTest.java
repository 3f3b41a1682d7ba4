package io.github.parallelworktrees.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.parallelworktrees.engine.ledger.RunListener;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.ledger.RunLayout;
import io.github.parallelworktrees.engine.ledger.WorkerRecord;
import io.github.parallelworktrees.engine.ledger.WorkerStatus;
import io.github.parallelworktrees.engine.process.Environment;
import io.github.parallelworktrees.engine.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PlanRunner#runWorkstream}: one workstream of the whole plan, as a Jenkins body runs it in a checkout of
 * its own, where the other workstreams ran (or run) elsewhere.
 */
class OneWorkstreamRunTest {

    private static final String GOOD_WORKER = "echo \"$PWT_WORKSTREAM\" > \"$PWT_WORKSTREAM.txt\""
            + " && git add \"$PWT_WORKSTREAM.txt\" && git commit -q -m \"$PWT_WORKSTREAM: work\""
            + " && printf '# Results\\n\\nDid %s.\\n' \"$PWT_WORKSTREAM\" > RESULTS.md";

    private static final String PLAN = "worker: {type: command, run: '" + GOOD_WORKER.replace("'", "''")
            + "', timeoutMinutes: 1}\n" + """
            workstreams:
              - {name: core, prompt: Build the core.}
              - {name: api, prompt: Serve the API., dependsOn: [core]}
              - {name: docs, prompt: Document it.}
            """;

    @TempDir
    Path tmp;

    /** What the run said; warnings come as "warning: ..." (RunListener's default). */
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());

    private TestRepo repo;
    private Plan plan;
    private String base;

    @BeforeEach
    void repository() {
        repo = TestRepo.create(tmp.resolve("repo"));
        plan = repo.plan("feat.yaml", PLAN);
        base = repo.commitAll("the plan");
    }

    private RunSummary runOne(Plan plan, String workstream) {
        return new PlanRunner(plan, repo.dir(), Environment.ofThisProcess(), Optional.empty(), events::add).runWorkstream(workstream);
    }

    @Test
    void runsOnlyTheNamedWorkstreamWithTheWholePlansBrief() {

        RunSummary summary = runOne(plan, "core");

        assertThat(summary.succeeded()).isTrue();
        RunLayout layout = repo.layout("feat");
        assertThat(repo.subjects(base, "feat/core")).containsExactly("core: work");
        assertThat(layout.worktree("api")).doesNotExist();
        assertThat(layout.worktree("docs")).doesNotExist();
        assertThat(repo.git().branchExists("feat/api")).isFalse();
        String tasks = TestRepo.read(layout.worktree("core").resolve("TASKS.md"));
        assertThat(tasks).as("the brief knows the whole plan").contains("- Blocks: `api`");
        JsonNode run = TestRepo.json(layout.runFile());
        assertThat(run.path("workers")).extracting(w -> w.path("workstream").asText()).containsExactly("core");
        assertThat(run.path("plan").path("workstreams").size()).isEqualTo(3);
        assertThat(run.path("run").path("status").asText()).isEqualTo("succeeded");
    }

    @Test
    void aDependentWhoseDependenciesAreNotMergedHereStartsFromTheBaseAndSaysSo() {

        RunSummary summary = runOne(plan, "api");

        assertThat(summary.succeeded()).isTrue();
        assertThat(repo.subjects(base, "feat/api")).containsExactly("api: work");
        assertThat(TestRepo.read(repo.layout("feat").worktree("api").resolve("TASKS.md")))
                .contains("## Dependencies", "Depends on `core` (branch `feat/core`)");
        assertThat(events).anyMatch(e -> e.startsWith("warning: api: feat/integration does not hold all of core"));
    }

    @Test
    void aDependentStartsFromTheIntegrationBranchOnceItHoldsItsDependencies() {
        // wave 1 ran and was merged elsewhere; its branch and the integration branch reached this checkout
        repo.git().run("checkout", "--quiet", "-b", "feat/core");
        repo.write("core.txt", "core\n");
        String core = repo.commitAll("core: work");
        repo.git().run("checkout", "--quiet", "-b", "feat/integration", base);
        repo.git().run("merge", "--quiet", "--no-ff", "-m", "wave 1: core", "feat/core");
        repo.git().run("checkout", "--quiet", "main");

        RunSummary summary = runOne(plan, "api");

        assertThat(summary.succeeded()).isTrue();
        assertThat(repo.git().isAncestor(core, "feat/api")).as("api builds on core").isTrue();
        assertThat(repo.subjects(repo.tip("feat/integration"), "feat/api")).containsExactly("api: work");
        assertThat(events).anyMatch(e -> e.contains("api: starts from the integration branch"));
    }

    @Test
    void onADetachedHeadTheBaseIsTheCommitCheckedOut() {
        repo.git().run("checkout", "--quiet", "--detach", base);

        RunSummary summary = runOne(plan, "docs");

        assertThat(summary.succeeded()).isTrue();
        assertThat(summary.info().baseCommit()).isEqualTo(base);
        assertThat(repo.subjects(base, "feat/docs")).containsExactly("docs: work");
    }

    @Test
    void workstreamsRunOneAfterAnotherInOneWorkspaceShareItsRunAndEachIsJudgedAlone() throws Exception {
        Path failing = tmp.resolve("failing");
        Plan plan = repo.plan("feat.yaml", PLAN.replace("run: '", "run: 'test ! -f " + failing + " && "));
        Files.writeString(failing, "");
        RunSummary first = runOne(plan, "core");
        Files.delete(failing);

        RunSummary second = runOne(plan, "docs");

        assertThat(first.succeeded()).isFalse();
        assertThat(second.succeeded()).as("docs did what was asked").isTrue();
        assertThat(second.workers()).extracting(WorkerRecord::workstream).containsExactly("docs");
        JsonNode run = TestRepo.json(repo.layout("feat").runFile());
        assertThat(run.path("workers")).extracting(w -> w.path("workstream").asText() + " "
                + w.path("status").asText()).containsExactly("core failed", "docs done");
        assertThat(run.path("run").path("status").asText()).as("the workspace's run holds a failure")
                .isEqualTo("failed");
        assertThat(events).contains("run of workstream 'docs' joins this workspace's run of 'feat'");
    }

    @Test
    void aWorkspaceRunFromAnEarlierBaseGoesOnFromItAndSaysSo() {
        runOne(plan, "core");
        repo.write("later.txt", "a later commit on main\n");
        String later = repo.commitAll("later");

        RunSummary docs = runOne(plan, "docs");

        assertThat(docs.info().baseCommit()).isEqualTo(base);
        assertThat(repo.git().isAncestor(later, "feat/docs")).isFalse();
        assertThat(events).anyMatch(e -> e.startsWith("warning: this workspace's run of 'feat' started from "
                + base.substring(0, 12) + ", but the base is now " + later.substring(0, 12)));
    }

    @Test
    void aWorkstreamDoneHereIsKeptAndAFailedOneRunsAgain() throws Exception {
        Path fixed = tmp.resolve("fixed");
        Plan plan = repo.plan("feat.yaml", PLAN.replace("run: '", "run: 'test -f " + fixed + " && "));
        RunSummary failed = runOne(plan, "core");
        assertThat(failed.succeeded()).isFalse();
        assertThat(core(failed).status()).isEqualTo(WorkerStatus.FAILED);
        Files.writeString(fixed, "");

        RunSummary again = runOne(plan, "core");
        String tip = repo.tip("feat/core");
        RunSummary third = runOne(plan, "core");

        assertThat(core(again).status()).isEqualTo(WorkerStatus.DONE);
        assertThat(core(again).attempts()).isEqualTo(2);
        assertThat(core(third).attempts()).as("a done workstream does not run again").isEqualTo(2);
        assertThat(repo.tip("feat/core")).isEqualTo(tip);
        assertThat(events).anyMatch(e -> e.startsWith("core: already done in this workspace's run; kept as it is"));
    }

    private static WorkerRecord core(RunSummary summary) {
        return summary.workers().stream().filter(w -> w.workstream().equals("core")).findFirst().orElseThrow();
    }

    @Test
    void refusesAWorkstreamThatIsNotInThePlanNamingTheClosestOne() {

        assertThatThrownBy(() -> runOne(plan, "cores")).isInstanceOf(RunException.class)
                .hasMessageContaining("workstream 'cores' is not in the plan")
                .hasMessageContaining("did you mean 'core'")
                .hasMessageContaining("core, api, docs");
        assertThat(repo.layout("feat").runFile()).doesNotExist();
    }
}
