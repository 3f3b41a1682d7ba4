package io.jenkins.plugins.parallelworktrees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.plan.PlanException;
import io.github.parallelworktrees.engine.plan.RaceSpec;
import io.github.parallelworktrees.engine.plan.Workstream;
import io.github.parallelworktrees.engine.testing.TestRepo;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plan a step hands to the engine: the file's, with the global defaults and the step's parameters. */
class EffectivePlanTest {

    private static final WorkerDefaults DEFAULTS = new WorkerDefaults("/opt/claude/bin/claude", "haiku", 10.0);

    @TempDir
    Path tmp;

    private TestRepo repo;
    private Plan plan;

    @BeforeEach
    void plan() {
        repo = TestRepo.create(tmp.resolve("repo"));
        plan = repo.plan("specs/shop.yaml", """
                feature: shop
                budgetUsd: 40.0
                worker: {type: claude, maxTurns: 30}
                workstreams:
                  - {name: core, prompt: Build the core.}
                  - {name: api, tasks: specs/api.md, dependsOn: [core], worker: {model: opus}}
                waves:
                  - {wave: 1, gate: {junit: "**/*.xml"}}
                  - {wave: 2, gate: {junit: "**/*.xml", coverage: "**/jacoco.xml", minLine: 50}, partial: true}
                merge:
                  policies: [{path: "config.py", strategy: owner, owner: core}]
                """);
    }

    @Test
    void theGlobalDefaultsFillWhatThePlanLeavesOpenAndCapItsBudget() {
        Plan effective = EffectivePlan.withDefaults(plan, repo.dir(), DEFAULTS);

        Workstream core = effective.workstream("core").orElseThrow();
        assertThat(core.worker().claudePath()).isEqualTo("/opt/claude/bin/claude");
        assertThat(core.worker().model()).isEqualTo("haiku");
        assertThat(core.worker().maxTurns()).contains(30);
        assertThat(effective.workstream("api").orElseThrow().worker().model()).isEqualTo("opus");
        assertThat(effective.budgetUsd()).contains(10.0);
        assertThat(effective.workstreams()).hasSize(2);
    }

    @Test
    void withoutDefaultsThePlanIsUsedAsItIs() {
        assertThat(EffectivePlan.withDefaults(plan, repo.dir(), WorkerDefaults.NONE)).isSameAs(plan);
    }

    @Test
    void aLowerPlanBudgetIsKept() {
        Plan effective = EffectivePlan.withDefaults(plan, repo.dir(), new WorkerDefaults(null, null, 100.0));

        assertThat(effective.budgetUsd()).contains(40.0);
    }

    @Test
    void theWholePlanIsKeptWithTheStepsParametersOnItsOneWorkstream() {
        Plan effective = EffectivePlan.forWorkstream(plan, repo.dir(), "api", Optional.of("Build the API now."),
                Map.of("model", "sonnet", "maxTurns", 5, "budgetUsd", 2.5), DEFAULTS);

        assertThat(effective.workstreams()).extracting(Workstream::name).containsExactly("core", "api");
        Workstream api = effective.workstream("api").orElseThrow();
        assertThat(api.dependsOn()).containsExactly("core");
        assertThat(api.wave()).isEqualTo(2);
        assertThat(api.prompt()).contains("Build the API now.");
        assertThat(api.tasksFile()).isEmpty();
        assertThat(api.worker().model()).isEqualTo("sonnet");
        assertThat(api.worker().maxTurns()).contains(5);
        assertThat(api.worker().budgetUsd()).contains(2.5);
        assertThat(api.worker().claudePath()).isEqualTo("/opt/claude/bin/claude");
        assertThat(effective.branchOf(api)).isEqualTo("shop/api");
        Workstream core = effective.workstream("core").orElseThrow();
        assertThat(core.prompt()).as("only the step's workstream takes its parameters").contains("Build the core.");
        assertThat(core.worker().model()).isEqualTo("haiku");
        assertThat(effective.waves()).extracting(w -> w.number()).containsExactly(1, 2);
        assertThat(effective.autoMerge()).as("merging is mergeWave's; the branch is gated on its own").isFalse();
        assertThat(effective.source()).isEqualTo(repo.dir().resolve(".worktrees/shop/jenkins/api.json"));
    }

    @Test
    void aRacersStepParametersGoIntoItsEntryOfRacersWhereTheyWinOverThePlans() {
        Plan raced = repo.plan("specs/raced.yaml", """
                feature: shop
                worker: {type: claude, model: sonnet}
                workstreams:
                  - name: auth
                    prompt: Add login.
                    racers: [{model: opus}, {model: haiku, prompt: Add login with little code.}]
                """);

        Plan effective = EffectivePlan.forWorkstream(raced, repo.dir(), "auth", 2, Optional.of("Add login, small."),
                Map.of("model", "sonnet", "maxTurns", 7), WorkerDefaults.NONE);

        RaceSpec race = effective.workstream("auth").orElseThrow().race().orElseThrow();
        assertThat(race.racers().get(1).worker().model()).isEqualTo("sonnet");
        assertThat(race.racers().get(1).worker().maxTurns()).contains(7);
        assertThat(race.racers().get(1).prompt()).contains("Add login, small.");
        assertThat(race.racers().get(0).worker().model()).as("only the step's racer takes them").isEqualTo("opus");
        assertThat(effective.source()).as("each racer's own document").isEqualTo(
                repo.dir().resolve(".worktrees/shop/jenkins/auth-racer-2.json"));
    }

    @Test
    void aRacerOfARaceOfNTakesTheStepsParametersOnTheWorkstreamsWorker() {
        Plan raced = repo.plan("specs/raced.yaml", """
                feature: shop
                worker: {type: claude, model: sonnet}
                workstreams:
                  - {name: auth, prompt: Add login., race: 2}
                """);

        Plan effective = EffectivePlan.forWorkstream(raced, repo.dir(), "auth", 1, Optional.empty(),
                Map.of("model", "opus"), WorkerDefaults.NONE);

        assertThat(effective.workstream("auth").orElseThrow().race().orElseThrow().racers())
                .allSatisfy(r -> assertThat(r.worker().model()).isEqualTo("opus"));
    }

    @Test
    void aStepParameterThePlanWouldRefuseIsRefusedByTheEngine() {
        assertThatThrownBy(() -> EffectivePlan.forWorkstream(plan, repo.dir(), "core", Optional.empty(),
                Map.of("permissionMode", "plan"), WorkerDefaults.NONE))
                .isInstanceOf(PlanException.class).hasMessageContaining("permissionMode 'plan'");
    }

    @Test
    void aWorkstreamNotInThePlanIsNamedWithThoseThatAre() {
        assertThatThrownBy(() -> EffectivePlan.forWorkstream(plan, repo.dir(), "ui", Optional.empty(), Map.of(),
                WorkerDefaults.NONE)).hasMessageContaining("workstream 'ui' is not in the plan")
                .hasMessageContaining("[core, api]");
    }

    @Test
    void aWorkerWithoutAPlanIsAPlanOfOneClaudeWorkstream() {
        Plan single = EffectivePlan.single(repo.dir(), "claude", "fix-login", "Fix the login form.",
                Map.of("model", "opus"), DEFAULTS);

        Workstream ws = single.workstreams().get(0);
        assertThat(single.branchOf(ws)).isEqualTo("claude/fix-login");
        assertThat(ws.prompt()).contains("Fix the login form.");
        assertThat(ws.worker().type().id()).isEqualTo("claude");
        assertThat(ws.worker().model()).isEqualTo("opus");
        assertThat(single.budgetUsd()).contains(10.0);
    }
}
