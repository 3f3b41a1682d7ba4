package io.jenkins.plugins.parallelworktrees.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.parallelworktrees.GateDefinition;
import java.lang.reflect.Constructor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The class-file fallback finds the names javac's {@code -parameters} would give. Our builds compile with
 * {@code -parameters}, so without these tests the fallback (what a build without it relies on) would never run.
 */
class ConstructorParameterNamesTest {

    /** Wide (long, double) parameters take two local variable slots, which the slot count must skip. */
    static final class Fixture {
        Fixture(String plan, long budget, double ratio, int wave, boolean push) {
        }
    }

    @Test
    void theLocalVariableTableGivesTheNamesAcrossWideParameters() throws Exception {
        Constructor<?> constructor = Fixture.class.getDeclaredConstructor(String.class, long.class, double.class,
                int.class, boolean.class);

        assertThat(ConstructorParameterNames.fromLocalVariableTable(constructor))
                .hasValue(List.of("plan", "budget", "ratio", "wave", "push"));
    }

    @Test
    void theLocalVariableTableOfAPluginDescribableAgreesWithReflection() throws Exception {
        Constructor<?> constructor = GateDefinition.class.getConstructor(String.class, double.class);

        assertThat(ConstructorParameterNames.fromLocalVariableTable(constructor))
                .hasValue(ConstructorParameterNames.of(constructor))
                .hasValue(List.of("type", "threshold"));
    }

    @Test
    void theDescriptorIsTheJvmsOne() throws Exception {
        Constructor<?> constructor = Fixture.class.getDeclaredConstructor(String.class, long.class, double.class,
                int.class, boolean.class);

        assertThat(ConstructorParameterNames.descriptor(constructor)).isEqualTo("(Ljava/lang/String;JDIZ)V");
    }
}
