package io.jenkins.plugins.parallelworktrees;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FormChecksTest {

    @Test
    void aPlanOutsideTheWorkspaceIsRefusedInTheForm() {
        assertThat(FormChecks.workspacePath("../../x", true))
                .hasValueSatisfying(p -> assertThat(p).contains("'../../x'", "leaves the workspace"));
        assertThat(FormChecks.workspacePath("specs/plan.yaml", true)).isEmpty();
    }

    @Test
    void aRequiredPathMustBeGivenAnOptionalOneNeedNot() {
        assertThat(FormChecks.workspacePath("", true)).isPresent();
        assertThat(FormChecks.workspacePath("", false)).isEmpty();
    }

    /** parallelWorktrees' plan is required unless a spec is planned first; the form asks with both fields. */
    @Test
    void thePlanIsRequiredOnlyWithoutASpec() {
        assertThat(FormChecks.planOrSpec("", "")).hasValueSatisfying(p -> assertThat(p).startsWith("Required")
                .contains("unless a spec is given"));
        assertThat(FormChecks.planOrSpec("", "specs/shop.md")).isEmpty();
        assertThat(FormChecks.planOrSpec("specs/plan.yaml", "")).isEmpty();
        assertThat(FormChecks.planOrSpec("../plan.yaml", "specs/shop.md")).hasValueSatisfying(p -> assertThat(p)
                .contains("leaves the workspace"));
    }

    @Test
    void theSpecStaysInTheWorkspaceAndIsNotThePlan() {
        assertThat(FormChecks.spec("specs/shop.md", "")).isEmpty();
        assertThat(FormChecks.spec("", "specs/plan.yaml")).isEmpty();
        assertThat(FormChecks.spec("../x/shop.md", "")).hasValueSatisfying(p -> assertThat(p)
                .contains("leaves the workspace"));
        assertThat(FormChecks.spec("specs/shop.md", "./specs/shop.md")).hasValueSatisfying(p -> assertThat(p)
                .contains("'specs/shop.md' is also the plan file", "<spec name>.plan.yaml"));
    }

    @Test
    void aCommandPlannerNeedsItsCommandAndOnlyItTakesOne() {
        assertThat(FormChecks.plannerRun("./plan.sh", "command")).isEmpty();
        assertThat(FormChecks.plannerRun("", "command")).hasValueSatisfying(p -> assertThat(p)
                .startsWith("Required for a command planner"));
        assertThat(FormChecks.plannerRun("./plan.sh", "claude")).isPresent();
        assertThat(FormChecks.plannerRun("./plan.sh", "")).as("claude by default").isPresent();
        assertThat(FormChecks.plannerRun("", "")).isEmpty();
    }

    @Test
    void aPercentageRunsFromZeroToHundred() {
        assertThat(FormChecks.percentage("0")).isEmpty();
        assertThat(FormChecks.percentage("100")).isEmpty();
        assertThat(FormChecks.percentage("60.5")).isEmpty();
        assertThat(FormChecks.percentage("100.1")).hasValueSatisfying(p -> assertThat(p).contains("0 to 100"));
        assertThat(FormChecks.percentage("-1")).isPresent();
        assertThat(FormChecks.percentage("sixty")).hasValueSatisfying(p -> assertThat(p).contains("Not a number"));
        assertThat(FormChecks.percentage("")).isPresent();
    }

    @Test
    void countsAndAmountsAreChecked() {
        assertThat(FormChecks.wholeNumber("4", 1)).isEmpty();
        assertThat(FormChecks.wholeNumber("0", 1)).hasValueSatisfying(p -> assertThat(p).contains("at least 1"));
        assertThat(FormChecks.wholeNumber("2.5", 1)).hasValueSatisfying(p -> assertThat(p).contains("whole number"));
        assertThat(FormChecks.positiveNumber("0.5")).isEmpty();
        assertThat(FormChecks.positiveNumber("0")).isPresent();
        assertThat(FormChecks.positiveNumber("")).isEmpty();
    }
}
