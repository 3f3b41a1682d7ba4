package io.jenkins.plugins.parallelworktrees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.plan.PlanParser;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What a parallelWorktrees body sees of its workstream. */
class WorkstreamEnvironmentTest {

    private static final Plan PLAN = PlanParser.parse(Path.of("specs/2025_06_07_14_35_00_conversation_system.md"), """
            # Conversation system

            ```yaml
            worker: {type: command, run: "true"}
            workstreams:
              - {name: core, prompt: Build the core.}
              - {name: api, prompt: Build the API., dependsOn: [core]}
            ```
            """);

    @Test
    void theBodySeesItsWorkstreamBranchWaveWorktreeTasksFeatureAndPlan() {
        WorkstreamEnvironment env = WorkstreamEnvironment.of(PLAN, PLAN.workstream("api").orElseThrow(),
                "specs/2025_06_07_14_35_00_conversation_system.md");

        assertThat(env.variables()).containsExactly(
                entry("PWT_WORKSTREAM", "api"),
                entry("PWT_BRANCH", "conversation_system/api"),
                entry("PWT_WAVE", "2"),
                entry("PWT_WORKTREE", ".worktrees/conversation_system/api"),
                entry("PWT_TASKS", ".worktrees/conversation_system/api/TASKS.md"),
                entry("PWT_FEATURE", "conversation_system"),
                entry("PWT_PLAN", "specs/2025_06_07_14_35_00_conversation_system.md"));
    }

    @Test
    void eachWorkstreamHasItsOwnValues() {
        WorkstreamEnvironment core = WorkstreamEnvironment.of(PLAN, PLAN.workstream("core").orElseThrow(), "p.md");

        assertThat(core.variables()).contains(entry("PWT_WORKSTREAM", "core"), entry("PWT_WAVE", "1"),
                entry("PWT_BRANCH", "conversation_system/core"));
    }

    @Test
    void aRacersBodySeesItsWorkstreamItsNumberAndItsOwnBranchWorktreeAndTasks() {
        Plan raced = PlanParser.parse(Path.of("specs/plan.yaml"), """
                feature: shop
                worker: {type: command, run: "true"}
                workstreams:
                  - {name: auth, prompt: Add login., race: 3}
                """);

        WorkstreamEnvironment env = WorkstreamEnvironment.ofRacer(raced, raced.workstream("auth").orElseThrow(), 2,
                "specs/plan.yaml");

        assertThat(env.variables()).containsExactly(
                entry("PWT_WORKSTREAM", "auth"),
                entry("PWT_RACER", "2"),
                entry("PWT_BRANCH", "shop/auth-racer-2"),
                entry("PWT_WAVE", "1"),
                entry("PWT_WORKTREE", ".worktrees/shop/auth-racer-2"),
                entry("PWT_TASKS", ".worktrees/shop/auth-racer-2/TASKS.md"),
                entry("PWT_FEATURE", "shop"),
                entry("PWT_PLAN", "specs/plan.yaml"));
    }
}
