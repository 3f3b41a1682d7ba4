package io.jenkins.plugins.parallelworktrees;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.plan.PlanParser;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The body form does not run racers as parallel bodies yet: a raced plan is refused before any body starts. */
class RacesInBodiesTest {

    private static Plan plan(String race) {
        return PlanParser.parse(Path.of("plan.yaml"), """
                feature: f
                worker: {type: command, run: 'true'}
                workstreams:
                  - {name: auth, prompt: x%s}
                  - {name: docs, prompt: y}
                """.formatted(race));
    }

    @Test
    void aRacedWorkstreamInTheBodyFormIsRefusedNamingTheFormThatRaces() {
        Plan plan = plan(", race: 2");
        assertThatThrownBy(() -> ParallelWorktreesStep.BodiesExecution.refuseRaces(plan, plan.workstreams()))
                .isInstanceOf(AbortException.class)
                .hasMessageContaining("workstream(s) auth")
                .hasMessageContaining("not supported yet in the body form")
                .hasMessageContaining("without a body");
    }

    @Test
    void aPlanWithoutRacesRunsInBodies() {
        Plan plan = plan("");
        assertThatCode(() -> ParallelWorktreesStep.BodiesExecution.refuseRaces(plan, plan.workstreams()))
                .doesNotThrowAnyException();
    }
}
