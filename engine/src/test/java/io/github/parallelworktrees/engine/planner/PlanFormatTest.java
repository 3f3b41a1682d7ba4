package io.github.parallelworktrees.engine.planner;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.plan.PlanParser;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The plan format the planner is briefed with shows a plan that pwt run accepts. */
class PlanFormatTest {

    @Test
    void theBriefsExamplePlanIsValid() {
        Plan plan = PlanParser.parse(Path.of("plan-format.md"), PlannerBrief.planFormat());

        assertThat(plan.feature()).isEqualTo("checkout_flow");
        assertThat(plan.workstreams()).extracting(w -> w.name() + "@" + w.wave())
                .containsExactly("cart@1", "payments@1", "checkout@2");
        assertThat(plan.mergePolicies()).hasSize(3);
        assertThat(plan.waves()).allSatisfy(w -> assertThat(w.gateSpec()).isPresent());
    }
}
