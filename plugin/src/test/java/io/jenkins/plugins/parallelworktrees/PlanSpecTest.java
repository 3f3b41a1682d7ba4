package io.jenkins.plugins.parallelworktrees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import hudson.model.TaskListener;
import io.github.parallelworktrees.engine.planner.Planner;
import io.github.parallelworktrees.engine.testing.TestRepo;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code parallelWorktrees(spec: ...)}'s planning as it runs on the workspace's agent: the callable invoked as
 * FilePath.act invokes it, in a real repository, with a command planner (the Claude planner is the engine's,
 * tested there against the real CLI and a scripted model).
 */
class PlanSpecTest {

    static final String KEY = "sk-ant-api03-planner-test-key-0123456789";

    /** A plan pwt run refuses: an invalid name. */
    static final String INVALID_PLAN = """
            workstreams:
              - {name: Bad Name, prompt: do it}
            """;

    static final String VALID_PLAN = """
            workstreams:
              - {name: api, prompt: "Build the API.", files: ["src/api/**"]}
              - {name: ui, prompt: "Build the UI.", files: ["src/ui/**"], dependsOn: [api]}
            """;

    /** Invalid first, then valid once the errors name the bad name; counts its runs in planner-runs. */
    static final String INVALID_THEN_VALID = """
            echo run >> "%s/planner-runs"
            echo "planner sees the key $ANTHROPIC_API_KEY"
            if [ -z "$PWT_PLAN_ERRORS" ]; then
              cat > "$PWT_PLAN_OUT" <<'PLAN'
            %sPLAN
            elif grep -q "Bad Name" "$PWT_PLAN_ERRORS"; then
              cat > "$PWT_PLAN_OUT" <<'PLAN'
            %sPLAN
            fi
            """;

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final TaskListener listener = () -> new PrintStream(out, true, StandardCharsets.UTF_8);
    private TestRepo repo;

    @BeforeEach
    void aRepositoryWithASpec() {
        repo = TestRepo.create(tmp.resolve("ws"));
        repo.write("specs/shop.md", "# Shop\n\nAn API and a UI.\n");
        repo.commitAll("spec");
    }

    private PlannerDefinition command(String script) {
        PlannerDefinition planner = new PlannerDefinition();
        planner.setType("command");
        planner.setRun("sh " + TestRepo.writeFile(tmp.resolve("plan-" + System.nanoTime() + ".sh"), script));
        return planner;
    }

    private PlannerDefinition invalidThenValid() {
        return command(INVALID_THEN_VALID.formatted(tmp, INVALID_PLAN, VALID_PLAN));
    }

    private PlanSpec planSpec(String spec, String plan, PlannerDefinition planner, String token) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("ANTHROPIC_API_KEY", KEY);
        return new PlanSpec(spec, plan, repo.dir().toString(), PipelineEnvironment.of(env), planner,
                WorkerDefaults.NONE, null, new BuildLog(listener, List.of(KEY)), token);
    }

    private PlannedPlan plan(String spec, String plan, PlannerDefinition planner, String token) throws Exception {
        return planSpec(spec, plan, planner, token).invoke(repo.dir().toFile(), null);
    }

    private String log() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private long plannerRuns() throws Exception {
        Path runs = tmp.resolve("planner-runs");
        return Files.isRegularFile(runs) ? Files.readAllLines(runs).size() : 0;
    }

    @Test
    void aFirstInvalidPlanGoesBackToThePlannerAndTheValidSecondIsWrittenBesideTheSpecAndListedToArchive()
            throws Exception {
        PlannedPlan planned = plan("specs/shop.md", null, invalidThenValid(), "build-1");

        assertThat(planned.valid()).as(planned.failure().orElse("")).isTrue();
        assertThat(planned.plan()).isEqualTo("specs/shop.plan.yaml");
        assertThat(repo.dir().resolve("specs/shop.plan.yaml")).content().isEqualTo(VALID_PLAN);
        assertThat(planned.failure()).isEmpty();
        String records = "planning/records/specs/shop.plan.yaml/";
        assertThat(planned.artifacts()).containsEntry("planning/specs/shop.plan.yaml", "specs/shop.plan.yaml")
                .containsKeys(records + "brief.md", records + "planner.log", records + "errors-1.txt",
                        records + "plan.attempt-1.yaml", records + "plan.attempt-2.yaml", records + "planning.json");
        planned.artifacts().values().forEach(file -> assertThat(Path.of(planned.base()).resolve(file)).isRegularFile());
        assertThat(Path.of(planned.base()).resolve(planned.artifacts().get(records + "errors-1.txt"))).content()
                .contains("Bad Name");
        assertThat(planned.report()).containsExactly(
                "plan: specs/shop.plan.yaml, valid after 2 attempts",
                "  feature shop, 2 workstreams, 2 waves",
                "  wave 1: api; gate none",
                "  wave 2: ui (after api); gate none",
                "archived: planning/specs/shop.plan.yaml, " + records + " (the planner's records) (in the workspace: "
                        + planned.artifacts().get(records + "brief.md").replace("/brief.md", "") + ")");
        assertThat(log()).contains("[pwt] planning specs/shop.md into specs/shop.plan.yaml with a command planner,"
                + " at most 3 attempts", "planner attempt 1 of 3", "planner attempt 2 of 3", "plan valid after 2"
                + " attempts").doesNotContain(KEY);
    }

    /** What the archive gets is masked: the planner's log held the key it saw. */
    @Test
    void thePlannersRecordsAreArchivedFromMaskedCopies() throws Exception {
        PlannedPlan planned = plan("specs/shop.md", null, invalidThenValid(), "build-1");
        String log = "planning/records/specs/shop.plan.yaml/planner.log";
        assertThat(repo.dir().resolve(planned.artifacts().get(log))).content().contains(KEY);

        Map<String, String> copies = new MaskedCopies.Copy(planned.artifacts(), List.of(KEY), ".worktrees/copies")
                .invoke(repo.dir().toFile(), null);

        assertThat(repo.dir().resolve(copies.get(log))).content().contains("planner sees the key ****")
                .doesNotContain(KEY);
        assertThat(copies.get("planning/specs/shop.plan.yaml")).as("the plan is text too")
                .startsWith(".worktrees/copies/");
    }

    @Test
    void aPlanStillInvalidAfterTheAttemptsFailsWithTheValidatorsProblemsAndWhatThePlannerWroteIsArchived()
            throws Exception {
        PlannerDefinition planner = command("cat > \"$PWT_PLAN_OUT\" <<'PLAN'\n" + INVALID_PLAN + "PLAN\n");
        planner.setAttempts(2);

        PlannedPlan planned = plan("specs/shop.md", "plans/shop.yaml", planner, "build-1");

        assertThat(planned.valid()).isFalse();
        assertThat(planned.failure()).hasValueSatisfying(message -> assertThat(message)
                .startsWith("parallelWorktrees: planning plans/shop.yaml failed: the plan is still invalid after 2"
                        + " attempts")
                .contains("\n  " + repo.dir().resolve("plans/shop.yaml") + ":2:", "Bad Name")
                .contains("What the planner wrote is archived: planning/plans/shop.yaml,"
                        + " planning/records/plans/shop.yaml/ (the planner's records)"));
        assertThat(planned.errors()).anySatisfy(e -> assertThat(e).contains("Bad Name"));
        assertThat(planned.artifacts()).containsEntry("planning/plans/shop.yaml", "plans/shop.yaml")
                .containsKeys("planning/records/plans/shop.yaml/errors-2.txt");
        assertThat(planned.report().get(0)).startsWith("planning failed after 2 attempts: the plan is still invalid");
    }

    /** Inside dir('specs') the paths are the step's directory's, and so is the plan's path the step returns. */
    @Test
    void thePathsAreRelativeToTheStepsDirectory() throws Exception {
        PlannedPlan planned = planSpec("shop.md", null, invalidThenValid(), "build-1")
                .invoke(repo.dir().resolve("specs").toFile(), null);

        assertThat(planned.plan()).isEqualTo("shop.plan.yaml");
        assertThat(repo.dir().resolve("specs/shop.plan.yaml")).isRegularFile();
        assertThat(planned.artifacts()).containsKey("planning/specs/shop.plan.yaml");
    }

    /**
     * After a controller restart the step's work runs again: the plan it made is run as it is, not planned again;
     * the next build (another step, another token) plans afresh and replaces it, as pwt plan replaces its own.
     */
    @Test
    void theSameStepAfterARestartRunsThePlanItMadeAndTheNextBuildPlansAgain() throws Exception {
        plan("specs/shop.md", null, invalidThenValid(), "build-1");
        assertThat(plannerRuns()).isEqualTo(2);

        PlannedPlan again = plan("specs/shop.md", null, invalidThenValid(), "build-1");
        assertThat(plannerRuns()).as("no planner ran").isEqualTo(2);
        assertThat(again.valid()).isTrue();
        assertThat(again.report().get(0)).isEqualTo("plan: specs/shop.plan.yaml, planned by this step before the"
                + " controller restarted (records: " + again.artifacts().get(
                        "planning/records/specs/shop.plan.yaml/brief.md").replace("/brief.md", "") + ")");
        assertThat(again.artifacts()).containsKeys("planning/specs/shop.plan.yaml",
                "planning/records/specs/shop.plan.yaml/planning.json");

        PlannedPlan next = plan("specs/shop.md", null, invalidThenValid(), "build-2");
        assertThat(plannerRuns()).isEqualTo(4);
        assertThat(next.valid()).isTrue();
        assertThat(Files.list(repo.dir().resolve(".worktrees/.planning/specs__shop.plan.yaml"))
                .filter(Files::isDirectory)).hasSize(2);
    }

    /** A restart in the middle of planning left a plan no planning recorded: the same step plans over it. */
    @Test
    void theSameStepPlansAgainOverWhatItsUnfinishedPlanningLeft() throws Exception {
        Path out = repo.write("specs/shop.plan.yaml", "# half written by the planner\n");
        Path token = Planner.recordsOf(repo.dir(), out).resolve(PlanSpec.STEP_TOKEN);
        Files.createDirectories(token.getParent());
        Files.writeString(token, "build-1\n");

        PlannedPlan planned = plan("specs/shop.md", null, invalidThenValid(), "build-1");

        assertThat(planned.valid()).isTrue();
        assertThat(log()).contains("did not finish before the controller restarted: planning again");
        assertThat(planned.artifacts()).containsKey(
                "planning/records/specs/shop.plan.yaml/replaced-shop.plan.yaml");
    }

    @Test
    void aFileAtThePlanThatNoPlanningWroteIsReplacedOnlyWithForce() throws Exception {
        repo.write("specs/shop.plan.yaml", "# the team's own plan\n");

        assertThatThrownBy(() -> plan("specs/shop.md", null, invalidThenValid(), "build-1"))
                .isInstanceOf(AbortException.class)
                .hasMessageStartingWith("plan " + repo.dir().resolve("specs/shop.plan.yaml") + " exists and is not"
                        + " a plan an earlier planning (pwt plan, or this step) wrote")
                .hasMessageContaining("choose another plan, or set planner: [force: true] to replace it");
        assertThat(repo.dir().resolve("specs/shop.plan.yaml")).content().isEqualTo("# the team's own plan\n");
        assertThat(plannerRuns()).isZero();

        PlannerDefinition forced = invalidThenValid();
        forced.setForce(true);
        assertThat(plan("specs/shop.md", null, forced, "build-1").valid()).isTrue();
        assertThat(repo.dir().resolve("specs/shop.plan.yaml")).content().isEqualTo(VALID_PLAN);
    }

    @Test
    void aSpecOutsideTheWorkspaceIsRefused() {
        assertThatThrownBy(() -> plan("../secrets.md", null, invalidThenValid(), "build-1"))
                .isInstanceOf(AbortException.class)
                .hasMessageStartingWith("spec '../secrets.md' leads outside the workspace");
    }

    /** The plan runs in the repository that holds the spec, so it must lie there. */
    @Test
    void aPlanOutsideTheSpecsRepositoryIsRefused() throws Exception {
        TestRepo workspace = TestRepo.create(tmp.resolve("outer"));
        TestRepo inner = TestRepo.create(workspace.dir().resolve("app"));
        inner.write("shop.md", "# Shop\n");
        PlanSpec planSpec = new PlanSpec("app/shop.md", "shop.plan.yaml", workspace.dir().toString(),
                PipelineEnvironment.of(System.getenv()), invalidThenValid(), WorkerDefaults.NONE, null,
                new BuildLog(listener, List.of()), "build-1");

        assertThatThrownBy(() -> planSpec.invoke(workspace.dir().toFile(), null))
                .isInstanceOf(AbortException.class)
                .hasMessageStartingWith("plan 'shop.plan.yaml' lies outside the repository " + inner.dir());
        assertThat(plannerRuns()).isZero();
    }

    @Test
    void theEnginesOptionNamesBecomeTheStepsInItsRefusals() {
        assertThat(PlanSpec.inStepTerms("--out /ws/shop.md is the spec itself; the plan needs a file of its own"))
                .isEqualTo("plan /ws/shop.md is the spec itself; the plan needs a file of its own");
        assertThat(PlanSpec.inStepTerms("--attempts 0: the planner needs at least 1 attempt"))
                .isEqualTo("planner attempts 0: the planner needs at least 1 attempt");
    }
}
