package io.github.parallelworktrees.engine.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.parallelworktrees.engine.claude.Rehearsals;
import io.github.parallelworktrees.engine.plan.WorkerSpec;
import io.github.parallelworktrees.engine.plan.WorkerType;
import io.github.parallelworktrees.engine.process.Environment;
import io.github.parallelworktrees.engine.testing.TestRepo;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pwt plan} with a command planner, end to end in a real repository: validation, errors back, refusals. */
class CommandPlannerTest {

    /** A plan pwt run refuses: an invalid name and a dependency on nothing. */
    static final String INVALID_PLAN = """
            workstreams:
              - name: Bad Name
                prompt: do it
                dependsOn: [nothing]
            """;

    static final String VALID_PLAN = """
            waves: [{wave: 1, gate: {command: "mvn -B test"}}]
            workstreams:
              - {name: api, prompt: "Build the API.", files: ["src/api/**"]}
              - {name: ui, prompt: "Build the UI.", files: ["src/ui/**"], dependsOn: [api]}
            """;

    @TempDir
    Path tmp;

    private final List<String> progress = new ArrayList<>();

    @Test
    void aPlannerWhoseFirstPlanIsInvalidGetsTheErrorsBackAndItsSecondPlanIsValid() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        repo.write("pom.xml", "<project/>\n");
        repo.write("specs/shop.md", "# Shop\n\nAn API and a UI.\n");
        repo.commitAll("spec");
        Path env = tmp.resolve("env");
        Path script = script("""
                env | grep '^PWT_' | sort > "%s-$PWT_PLAN_ATTEMPT"
                if [ -z "$PWT_PLAN_ERRORS" ]; then
                  cat > "$PWT_PLAN_OUT" <<'PLAN'
                %sPLAN
                elif grep -q "Bad Name" "$PWT_PLAN_ERRORS"; then
                  cat > "$PWT_PLAN_OUT" <<'PLAN'
                %sPLAN
                fi
                """.formatted(env, INVALID_PLAN, VALID_PLAN));
        Path out = repo.dir().resolve("specs/shop.plan.yaml");

        Planning planning = planner().plan(request(repo, "specs/shop.md", out, script, 3));

        assertThat(planning.status()).as(planning.reason().orElse("")).isEqualTo(Planning.Status.VALID);
        assertThat(planning.attempts()).hasSize(2);
        assertThat(planning.attempts().get(0).valid()).isFalse();
        assertThat(planning.attempts().get(0).errors()).anySatisfy(e -> assertThat(e).contains("Bad Name"));
        assertThat(planning.attempts().get(1).valid()).isTrue();
        assertThat(planning.plan().orElseThrow().feature()).isEqualTo("shop");
        assertThat(planning.plan().orElseThrow().workstreams()).extracting(w -> w.name()).containsExactly("api", "ui");
        assertThat(out).content().isEqualTo(VALID_PLAN);
        // the same environment for every attempt, with the errors from the second on
        assertThat(tmp.resolve("env-1")).content().contains("PWT_ROLE=planner", "PWT_PLAN_OUT=" + out,
                "PWT_SPEC=" + repo.dir().resolve("specs/shop.md"), "PWT_PLAN_ATTEMPT=1",
                "PWT_PLAN_BRIEF=" + planning.records().resolve("brief.md")).doesNotContain("PWT_PLAN_ERRORS");
        assertThat(tmp.resolve("env-2")).content().contains("PWT_PLAN_ATTEMPT=2",
                "PWT_PLAN_ERRORS=" + planning.records().resolve("errors-1.txt"));
        // the records: brief with the spec and the detected gate, each attempt's plan, the errors, planning.json
        assertThat(planning.records()).startsWith(repo.dir().resolve(".worktrees/.planning/specs__shop.plan.yaml"));
        assertThat(planning.records().resolve("brief.md")).content().contains("An API and a UI.",
                "Maven (pom.xml): `gate: {command: \"mvn -B test\"}`", "PWT_PLAN_OUT", out.toString(),
                "## The plan format");
        assertThat(planning.records().resolve("plan.attempt-1.yaml")).content().isEqualTo(INVALID_PLAN);
        assertThat(planning.records().resolve("plan.attempt-2.yaml")).content().isEqualTo(VALID_PLAN);
        JsonNode record = TestRepo.json(planning.records().resolve("planning.json"));
        assertThat(record.path("status").asText()).isEqualTo("valid");
        assertThat(record.path("attempts")).hasSize(2);
        assertThat(record.path("attempts").get(0).path("errors").toString()).contains("Bad Name");
        assertThat(progress).contains("plan valid after 2 attempts");
        // the records are not the user's files: git status does not list them
        assertThat(repo.git().run("status", "--porcelain")).isEqualTo("?? specs/shop.plan.yaml");
    }

    @Test
    void whenTheAttemptsAreSpentTheLastInvalidPlanIsKeptWithItsErrors() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        repo.write("spec.md", "# Spec\n");
        Path script = script("cat > \"$PWT_PLAN_OUT\" <<'PLAN'\n" + INVALID_PLAN + "PLAN\necho \"# attempt $PWT_PLAN_ATTEMPT\" >> \"$PWT_PLAN_OUT\"\n");
        Path out = repo.dir().resolve("spec.plan.yaml");

        Planning planning = planner().plan(request(repo, "spec.md", out, script, 2));

        assertThat(planning.status()).isEqualTo(Planning.Status.INVALID);
        assertThat(planning.reason().orElseThrow()).contains("still invalid after 2 attempts", out.toString());
        assertThat(planning.attempts()).hasSize(2).noneMatch(Planning.Attempt::valid);
        assertThat(planning.errors()).anySatisfy(e -> assertThat(e).startsWith(out + ":").contains("Bad Name"));
        assertThat(out).content().contains("# attempt 2");
        assertThat(planning.records().resolve("errors-2.txt")).content().contains("Bad Name");
        assertThat(TestRepo.json(planning.records().resolve("planning.json")).path("status").asText())
                .isEqualTo("invalid");
    }

    @Test
    void aPlannerThatWritesNoPlanIsToldSo() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        repo.write("spec.md", "# Spec\n");
        Path out = repo.dir().resolve("spec.plan.yaml");

        Planning planning = planner().plan(request(repo, "spec.md", out, script("true\n"), 1));

        assertThat(planning.status()).isEqualTo(Planning.Status.INVALID);
        assertThat(planning.errors()).singleElement().asString().contains("the planner wrote no plan here");
    }

    @Test
    void aPlannerThatTouchesAnotherFileIsRefusedAndItsChangeIsNamedNotReverted() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        repo.write("spec.md", "# Spec\n");
        repo.write("notes.txt", "the user's own uncommitted note\n");
        Path script = script("""
                cat > "$PWT_PLAN_OUT" <<'PLAN'
                %sPLAN
                echo "planner was here" >> README.md
                echo "and here" >> notes.txt
                """.formatted(VALID_PLAN));
        Path out = repo.dir().resolve("spec.plan.yaml");

        Planning planning = planner().plan(request(repo, "spec.md", out, script, 3));

        assertThat(planning.status()).isEqualTo(Planning.Status.TOUCHED_FILES);
        assertThat(planning.touched()).containsExactly("README.md", "notes.txt");
        assertThat(planning.reason().orElseThrow()).contains("changed files besides the plan: README.md, notes.txt");
        assertThat(planning.attempts()).hasSize(1);
        assertThat(repo.dir().resolve("README.md")).content().contains("planner was here");
        assertThat(repo.dir().resolve("notes.txt")).content().contains("the user's own uncommitted note", "and here");
    }

    @Test
    void aPlannerThatCommitsIsRefused() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        repo.write("spec.md", "# Spec\n");
        repo.commitAll("spec");
        Path script = script("git commit -q --allow-empty -m sneaky\ncat > \"$PWT_PLAN_OUT\" <<'PLAN'\n"
                + VALID_PLAN + "PLAN\n");

        Planning planning = planner().plan(request(repo, "spec.md", repo.dir().resolve("spec.plan.yaml"), script, 1));

        assertThat(planning.status()).isEqualTo(Planning.Status.TOUCHED_FILES);
        assertThat(planning.touched()).singleElement().asString().startsWith("HEAD (was ");
    }

    @Test
    void aFileAtOutIsReplacedOnlyWhenAnEarlierPlanningWroteItOrWithForce() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        repo.write("spec.md", "# Spec\n");
        Path out = repo.write("spec.plan.yaml", "# the user's own plan\n");
        Path script = script("cat > \"$PWT_PLAN_OUT\" <<'PLAN'\n" + VALID_PLAN + "PLAN\n");

        assertThatThrownBy(() -> planner().plan(request(repo, "spec.md", out, script, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--out " + out + " exists and is not a plan an earlier 'pwt plan' wrote")
                .hasMessageContaining("--force");
        assertThat(out).content().isEqualTo("# the user's own plan\n");
        assertThat(Planner.recordsOf(repo.dir(), out)).as("a refusal leaves no records").isEmptyDirectory();

        PlanningRequest forced = request(repo, "spec.md", out, script, 1);
        forced = new PlanningRequest(forced.repository(), forced.spec(), forced.out(), forced.workstreams(),
                forced.attempts(), forced.worker(), true);
        Planning first = planner().plan(forced);
        assertThat(first.status()).isEqualTo(Planning.Status.VALID);
        assertThat(first.records().resolve("replaced-spec.plan.yaml")).content().isEqualTo("# the user's own plan\n");

        // the plan an earlier planning wrote is its own to replace, without --force
        Planning second = planner().plan(request(repo, "spec.md", out, script, 1));
        assertThat(second.status()).isEqualTo(Planning.Status.VALID);
        assertThat(second.records()).isNotEqualTo(first.records());

        // once the user edited it, it is theirs again
        Files.writeString(out, VALID_PLAN + "# edited\n");
        assertThatThrownBy(() -> planner().plan(request(repo, "spec.md", out, script, 1)))
                .hasMessageContaining("or it was edited since");
    }

    @Test
    void theLatestValidPlanningOfAFileIsFoundUntilTheFileIsEditedOrAPlanningFails() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        repo.write("spec.md", "# Spec\n");
        Path out = repo.dir().resolve("spec.plan.yaml");
        assertThat(Planner.validPlanAt(repo.dir(), out)).as("never planned").isEmpty();

        Planning valid = planner().plan(request(repo, "spec.md", out,
                script("cat > \"$PWT_PLAN_OUT\" <<'PLAN'\n" + VALID_PLAN + "PLAN\n"), 1));
        assertThat(Planner.validPlanAt(repo.dir(), out)).contains(valid.records());

        Files.writeString(out, VALID_PLAN + "# edited\n");
        assertThat(Planner.validPlanAt(repo.dir(), out)).as("edited since").isEmpty();

        Files.writeString(out, VALID_PLAN);
        Planning invalid = planner().plan(request(repo, "spec.md", out,
                script("cat > \"$PWT_PLAN_OUT\" <<'PLAN'\n" + INVALID_PLAN + "PLAN\n"), 1));
        assertThat(invalid.status()).isEqualTo(Planning.Status.INVALID);
        assertThat(Planner.validPlanAt(repo.dir(), out)).as("the latest planning was invalid").isEmpty();
    }

    @Test
    void theDefaultPlanLiesBesideTheSpecNamedAfterIt() {
        assertThat(PlanningRequest.defaultOut(Path.of("/r/specs/auth.md")))
                .isEqualTo(Path.of("/r/specs/auth.plan.yaml"));
        assertThat(PlanningRequest.defaultOut(Path.of("/r/SPEC"))).isEqualTo(Path.of("/r/SPEC.plan.yaml"));
    }

    @Test
    void theNumberOfWorkstreamsAskedForIsChecked() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        repo.write("spec.md", "# Spec\n");
        Path script = script("cat > \"$PWT_PLAN_OUT\" <<'PLAN'\n" + VALID_PLAN + "PLAN\n");
        PlanningRequest r = request(repo, "spec.md", repo.dir().resolve("spec.plan.yaml"), script, 1);

        Planning planning = planner().plan(new PlanningRequest(r.repository(), r.spec(), r.out(), Optional.of(3),
                1, r.worker(), false));

        assertThat(planning.status()).isEqualTo(Planning.Status.INVALID);
        assertThat(planning.errors()).singleElement().asString()
                .contains("the plan has 2 workstreams; the user asked for exactly 3");
        assertThat(planning.records().resolve("brief.md")).content().contains("exactly 3 (the user asked for 3)");
    }

    @Test
    void branchesInTheWayAndMissingTasksFilesAreSentBackAsTheyWouldStopPwtRun() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        repo.write("spec.md", "# Spec\n");
        repo.git().run("branch", "shop");
        Path script = script("""
                cat > "$PWT_PLAN_OUT" <<'PLAN'
                feature: shop
                workstreams:
                  - {name: api, tasks: specs/api.md}
                PLAN
                """);

        Planning planning = planner().plan(request(repo, "spec.md", repo.dir().resolve("spec.plan.yaml"), script, 1));

        assertThat(planning.status()).isEqualTo(Planning.Status.INVALID);
        assertThat(planning.errors()).hasSize(2)
                .anySatisfy(e -> assertThat(e).contains("shop/api").contains("branch 'shop'"))
                .anySatisfy(e -> assertThat(e).contains("tasks file 'specs/api.md' is not a file in the repository"));
    }

    @Test
    void aFailingPlannerEndsThePlanningWithItsExitCode() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        repo.write("spec.md", "# Spec\n");

        Planning planning = planner().plan(request(repo, "spec.md", repo.dir().resolve("spec.plan.yaml"),
                script("exit 4\n"), 3));

        assertThat(planning.status()).isEqualTo(Planning.Status.PLANNER_FAILED);
        assertThat(planning.attempts()).hasSize(1);
        assertThat(planning.reason().orElseThrow()).contains("failed on attempt 1: command exited with 4");
    }

    @Test
    void aMissingSpecIsBadInput() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        assertThatThrownBy(() -> planner().plan(request(repo, "nope.md", repo.dir().resolve("p.yaml"),
                script("true\n"), 1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("spec " + repo.dir().resolve("nope.md") + " does not exist");
    }

    private Planner planner() {
        return new Planner(Environment.ofThisProcess(), ctx -> Rehearsals.REAL_API, progress::add);
    }

    private Path script(String text) {
        return TestRepo.writeFile(tmp.resolve("planner-" + System.nanoTime() + ".sh"), text);
    }

    static PlanningRequest request(TestRepo repo, String spec, Path out, Path script, int attempts) {
        WorkerSpec worker = new WorkerSpec(WorkerType.COMMAND, "sonnet", Optional.empty(), Duration.ofMinutes(1),
                "acceptEdits", Optional.empty(), "claude", Optional.of("sh " + script), Optional.empty(), List.of(), 0,
                Duration.ofSeconds(1));
        return new PlanningRequest(repo.dir(), repo.dir().resolve(spec), out, Optional.empty(), attempts, worker,
                false);
    }
}
