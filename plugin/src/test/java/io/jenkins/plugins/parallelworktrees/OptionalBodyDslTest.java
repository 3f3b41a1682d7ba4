package io.jenkins.plugins.parallelworktrees;

import static org.assertj.core.api.Assertions.assertThat;

import groovy.lang.Closure;
import groovy.lang.GroovyClassLoader;
import groovy.lang.GroovyObjectSupport;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * OptionalBody.groovy, the value of the parallelWorktrees and mergeWave global variables, calls the step of the same
 * name with the script's body, or without one with an empty body and the step's no-body flag.
 */
class OptionalBodyDslTest {

    /** Pipeline's {@code steps} variable: records each step call. */
    public static final class Steps extends GroovyObjectSupport {
        final List<Object[]> calls = new ArrayList<>();

        @Override
        public Object invokeMethod(String name, Object args) {
            calls.add(new Object[] {name, args});
            return Map.of("called", name);
        }
    }

    private Object optionalBody(Object steps, String step, String flag) throws Exception {
        try (InputStream in = getClass().getResourceAsStream("OptionalBody.groovy");
             GroovyClassLoader loader = new GroovyClassLoader(getClass().getClassLoader())) {
            Class<?> type = loader.parseClass(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    "OptionalBody.groovy");
            return type.getConstructor(Object.class, String.class, String.class).newInstance(steps, step, flag);
        }
    }

    @Test
    void withABodyTheStepGetsTheArgumentsAndTheBodyAsWritten() throws Exception {
        Steps steps = new Steps();
        Object dsl = optionalBody(steps, "parallelWorktrees", "planWorkers");
        Closure<Object> body = new Closure<>(this) {
            @Override
            public Object call() {
                return null;
            }
        };
        Map<String, Object> args = new LinkedHashMap<>(Map.of("plan", "specs/plan.yaml"));

        Object result = groovy.lang.GroovySystem.getMetaClassRegistry().getMetaClass(dsl.getClass())
                .invokeMethod(dsl, "call", new Object[] {args, body});

        assertThat(result).isEqualTo(Map.of("called", "parallelWorktrees"));
        Object[] call = steps.calls.get(0);
        assertThat(call[0]).isEqualTo("parallelWorktrees");
        assertThat((Object[]) call[1]).containsExactly(args, body);
    }

    @Test
    void withoutABodyTheStepGetsItsFlagAndAnEmptyBody() throws Exception {
        Steps steps = new Steps();
        Object dsl = optionalBody(steps, "mergeWave", "planGate");
        Map<String, Object> args = new LinkedHashMap<>(Map.of("plan", "specs/plan.yaml", "wave", 2));

        groovy.lang.GroovySystem.getMetaClassRegistry().getMetaClass(dsl.getClass())
                .invokeMethod(dsl, "call", new Object[] {args});

        Object[] passed = (Object[]) steps.calls.get(0)[1];
        assertThat(steps.calls.get(0)[0]).isEqualTo("mergeWave");
        assertThat(passed[0]).isEqualTo(Map.of("plan", "specs/plan.yaml", "wave", 2, "planGate", true));
        assertThat(passed[1]).isInstanceOf(Closure.class);
        assertThat(args).doesNotContainKey("planGate");
    }
}
