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
