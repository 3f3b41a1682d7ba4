package io.jenkins.plugins.parallelworktrees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import groovy.lang.Closure;
import groovy.lang.GroovyClassLoader;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Parameter;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.codehaus.groovy.runtime.GStringImpl;
import org.codehaus.groovy.runtime.InvokerHelper;
import org.jenkinsci.plugins.workflow.cps.DSL;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * OptionalBody.groovy, the value of the parallelWorktrees and mergeWave global variables, takes every argument form
 * the step of the same name takes, and calls the step with the script's body, or without one with an empty body and
 * the step's no-body flag. Each call is made as workflow-cps' CpsScript.invokeMethod makes it for a global variable:
 * {@code InvokerHelper.getMetaClass(value).invokeMethod(value, "call", args)}, with the script's arguments packed in
 * an Object[] as Groovy packs them.
 */
class OptionalBodyDslTest {

    /**
     * Pipeline's step DSL (the script's {@code steps} variable): records each step call. A plan-only call returns
     * the plan's path, as the step does.
     */
    static final class RecordingDsl extends DSL {
        private static final long serialVersionUID = 1L;

        final transient List<Object[]> calls = new ArrayList<>();

        RecordingDsl() {
            super(null);
        }

        @Override
        public Object invokeMethod(String name, Object args) {
            calls.add(new Object[] {name, args});
            Object[] arguments = (Object[]) args;
            if (arguments.length > 0 && arguments[0] instanceof Map<?, ?> named
                    && Boolean.TRUE.equals(named.get("planOnly"))) {
                return PLANNED;
            }
            return Map.of("called", name);
        }

        /** The arguments of the {@code n}th call. */
        List<Object> arguments(int n) {
            return Arrays.asList((Object[]) calls.get(n)[1]);
        }

        String step() {
            return (String) calls.get(0)[0];
        }

        List<Object> arguments() {
            return Arrays.asList((Object[]) calls.get(0)[1]);
        }
    }

    /** The path a plan-only call returns: the plan the planner wrote. */
    static final String PLANNED = "specs/shop.plan.yaml";

    private final RecordingDsl steps = new RecordingDsl();

    private final Closure<Object> body = new Closure<>(this) {
        @Override
        public Object call() {
            return null;
        }
    };

    private static Class<?> optionalBodyClass() throws Exception {
        try (InputStream in = OptionalBodyDslTest.class.getResourceAsStream("OptionalBody.groovy");
             GroovyClassLoader loader = new GroovyClassLoader(OptionalBodyDslTest.class.getClassLoader())) {
            return loader.parseClass(new String(in.readAllBytes(), StandardCharsets.UTF_8), "OptionalBody.groovy");
        }
    }

    /** The variable's value as OptionalBodyDsl makes it. */
    private Object variable(OptionalBodyDsl dsl, Object stepsVariable) throws Exception {
        String flag = dsl instanceof OptionalBodyDsl.ParallelWorktrees ? "planWorkers" : "planGate";
        return optionalBodyClass().getConstructor(Object.class, String.class, String.class, String.class)
                .newInstance(stepsVariable, dsl.getName(), flag, dsl.soleArgument());
    }

    private Object parallelWorktrees() throws Exception {
        return variable(new OptionalBodyDsl.ParallelWorktrees(), steps);
    }

    private static Object call(Object variable, Object... args) {
        return InvokerHelper.getMetaClass(variable).invokeMethod(variable, "call", args);
    }

    private static Map<String, Object> named(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @Test
    void namedArgumentsWithABodyReachTheStepAsWritten() throws Exception {
        Map<String, Object> args = named("plan", "specs/plan.yaml");

        Object result = call(parallelWorktrees(), args, body);

        assertThat(result).isEqualTo(Map.of("called", "parallelWorktrees"));
        assertThat(steps.step()).isEqualTo("parallelWorktrees");
        assertThat(steps.arguments()).containsExactly(args, body);
    }

    @Test
    void namedArgumentsWithoutABodyGetTheFlagAndAnEmptyBody() throws Exception {
        Map<String, Object> args = named("plan", "specs/plan.yaml", "wave", 2);

        call(variable(new OptionalBodyDsl.MergeWave(), steps), args);

        assertThat(steps.step()).isEqualTo("mergeWave");
        assertThat(steps.arguments().get(0)).isEqualTo(Map.of("plan", "specs/plan.yaml", "wave", 2, "planGate", true));
        assertThat(steps.arguments().get(1)).isInstanceOf(Closure.class);
        assertThat(args).doesNotContainKey("planGate");
    }

    /** What the Snippet Generator writes when only plan is set: {@code parallelWorktrees('specs/plan.yaml') {...}}. */
    @Test
    void aLoneValueWithABodyReachesTheStepAsWrittenForItsDslToMap() throws Exception {
        call(parallelWorktrees(), "specs/plan.yaml", body);

        assertThat(steps.arguments()).containsExactly("specs/plan.yaml", body);
    }

    @Test
    void aLoneValueWithoutABodyIsThePlanWithTheFlag() throws Exception {
        call(parallelWorktrees(), "specs/plan.yaml");

        assertThat(steps.arguments().get(0)).isEqualTo(Map.of("plan", "specs/plan.yaml", "planWorkers", true));
        assertThat(steps.arguments().get(1)).isInstanceOf(Closure.class);
    }

    /** DSL.parseArgs takes any lone value that is not a map as the sole parameter: an interpolated string too. */
    @Test
    void aLoneInterpolatedStringIsThePlanToo() throws Exception {
        GStringImpl plan = new GStringImpl(new Object[] {"specs"}, new String[] {"", "/plan.yaml"});

        call(parallelWorktrees(), plan);

        assertThat(steps.arguments().get(0)).isEqualTo(Map.of("plan", plan, "planWorkers", true));
    }

    @Test
    void noArgumentsOrABodyAloneReachTheStepWhichSaysWhatIsMissing() throws Exception {
        call(parallelWorktrees());
        call(parallelWorktrees(), body);

        assertThat(Arrays.asList((Object[]) steps.calls.get(0)[1]).get(0)).isEqualTo(Map.of("planWorkers", true));
        assertThat((Object[]) steps.calls.get(1)[1]).containsExactly(body);
    }

    /**
     * With a spec and a body, the spec is planned by a call of its own (the planning arguments and planOnly), and the
     * body then runs on the plan it returned, with the other arguments: the plan must exist when the step starts its
     * bodies, and planning cannot run in the step's start().
     */
    @Test
    void aSpecWithABodyIsPlannedByACallOfItsOwnAndTheBodyRunsOnThePlannedPlan() throws Exception {
        Map<String, Object> planner = named("type", "command", "run", "./scripts/plan.sh");
        Map<String, Object> args = named("spec", "specs/shop.md", "planner", planner, "maxParallel", 2, "wave", 1,
                "failFast", true);

        Object result = call(parallelWorktrees(), args, body);

        assertThat(steps.calls).hasSize(2);
        assertThat(steps.arguments(0).get(0)).isEqualTo(Map.of("spec", "specs/shop.md", "planner", planner,
                "planOnly", true));
        assertThat(steps.arguments(0).get(1)).isInstanceOf(Closure.class).isNotSameAs(body);
        assertThat(steps.arguments(1)).containsExactly(Map.of("maxParallel", 2, "wave", 1, "failFast", true,
                "plan", PLANNED), body);
        assertThat(result).as("what the bodies' step returns").isEqualTo(Map.of("called", "parallelWorktrees"));
        assertThat(args).as("the script's map is left as it was").containsOnlyKeys("spec", "planner", "maxParallel",
                "wave", "failFast");
    }

    /** {@code plan} with a spec names where the plan goes: the planning call takes it, the run gets what it returns. */
    @Test
    void thePlanGivenWithASpecIsWhereThePlanningWritesAndTheRunReadsWhatItReturns() throws Exception {
        call(parallelWorktrees(), named("spec", "specs/shop.md", "plan", "plans/shop.yaml"), body);

        assertThat(steps.arguments(0).get(0)).isEqualTo(Map.of("spec", "specs/shop.md", "plan", "plans/shop.yaml",
                "planOnly", true));
        assertThat(steps.arguments(1).get(0)).isEqualTo(Map.of("plan", PLANNED));
    }

    /** Without a body the step plans and runs in one call, on the agent: nothing to split. */
    @Test
    void aSpecWithoutABodyIsOneCallWithTheFlag() throws Exception {
        call(parallelWorktrees(), named("spec", "specs/shop.md", "maxParallel", 2));

        assertThat(steps.calls).hasSize(1);
        assertThat(steps.arguments(0).get(0)).isEqualTo(Map.of("spec", "specs/shop.md", "maxParallel", 2,
                "planWorkers", true));
    }

    @Test
    void planOnlyWithoutABodyReachesTheStepWhichReturnsThePlan() throws Exception {
        Object planned = call(parallelWorktrees(), named("spec", "specs/shop.md", "planOnly", true));

        assertThat(planned).isEqualTo(PLANNED);
        assertThat(steps.arguments(0).get(0)).isEqualTo(Map.of("spec", "specs/shop.md", "planOnly", true,
                "planWorkers", true));
    }

    @Test
    void planOnlyWithABodyIsRefusedBeforeAnyStepRuns() throws Exception {
        Object variable = parallelWorktrees();
        Map<String, Object> args = named("spec", "specs/shop.md", "planOnly", true);

        assertThatThrownBy(() -> call(variable, args, body))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("planOnly: true) plans and runs nothing, so it takes no body");
        assertThat(steps.calls).isEmpty();
    }

    /** Only parallelWorktrees plans: mergeWave's arguments reach it as written, whatever their names. */
    @Test
    void mergeWaveIsNeverSplit() throws Exception {
        Map<String, Object> args = named("plan", "specs/plan.yaml", "wave", 1, "spec", "x");

        call(variable(new OptionalBodyDsl.MergeWave(), steps), args, body);

        assertThat(steps.calls).hasSize(1);
        assertThat(steps.arguments(0)).containsExactly(args, body);
    }

    /** MergeWaveStep(plan, wave): the DSL takes no lone value for it (DSL.loadSoleArgumentKey gives null). */
    @Test
    void aLoneValueForMergeWaveIsRefusedSayingToNameTheArguments() throws Exception {
        Object mergeWave = variable(new OptionalBodyDsl.MergeWave(), steps);

        assertThatThrownBy(() -> call(mergeWave, "specs/plan.yaml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mergeWave takes named arguments, e.g. mergeWave(plan: 'specs/plan.yaml'")
                .hasMessageContaining("'specs/plan.yaml'");
        assertThat(steps.calls).isEmpty();
    }

    /**
     * The sandbox permits every member of a class the trusted shell compiled, its constructor too
     * (GroovyClassLoaderWhitelist), so a script could make one itself: it must not reach anything but our steps.
     */
    @Test
    void itForwardsOnlyToThePluginsStepsThroughTheStepDsl() throws Exception {
        Constructor<?> constructor = optionalBodyClass().getConstructor(Object.class, String.class, String.class,
                String.class);

        assertThatThrownBy(() -> constructor.newInstance("rm -rf /", "execute", "x", null))
                .isInstanceOf(InvocationTargetException.class)
                .cause().isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only to the parallelWorktrees and mergeWave steps");
        assertThatThrownBy(() -> constructor.newInstance(steps, "sh", "x", null))
                .isInstanceOf(InvocationTargetException.class);
    }

    /** As DSL.loadSoleArgumentKey: the @DataBoundConstructor's parameter when it has exactly one. */
    @Test
    void eachVariablesLoneValueIsItsStepsSoleConstructorParameter() {
        assertThat(new OptionalBodyDsl.ParallelWorktrees().soleArgument())
                .isEqualTo(soleConstructorParameter(ParallelWorktreesStep.class));
        assertThat(new OptionalBodyDsl.MergeWave().soleArgument())
                .isEqualTo(soleConstructorParameter(MergeWaveStep.class)).isNull();
    }

    private static String soleConstructorParameter(Class<?> step) {
        for (Constructor<?> c : step.getConstructors()) {
            if (c.isAnnotationPresent(DataBoundConstructor.class)) {
                Parameter[] parameters = c.getParameters();
                return parameters.length == 1 ? parameters[0].getName() : null;
            }
        }
        throw new AssertionError(step + " has no @DataBoundConstructor");
    }

    /**
     * workflow-cps hides a plugin's Groovy source from Pipeline unless an allowlist allows its URL
     * (GroovySourceFileAllowlist.ClassLoaderImpl.getResource), so the variable's class could not be loaded.
     */
    @Test
    void theAllowlistLetsPipelineLoadOptionalBodyAndNoOtherSource() {
        URL source = getClass().getClassLoader().getResource(OptionalBodyDsl.SOURCE);
        OptionalBodyDsl.TrustedSource allowlist = new OptionalBodyDsl.TrustedSource();

        assertThat(source).isNotNull();
        assertThat(allowlist.isAllowed(source.toString())).isTrue();
        assertThat(allowlist.isAllowed("jar:file:/var/jenkins/plugins/parallel-worktrees/WEB-INF/lib/"
                + "parallel-worktrees.jar!/io/jenkins/plugins/parallelworktrees/OptionalBody.groovy")).isTrue();
        assertThat(allowlist.isAllowed(source.toString().replace("OptionalBody.groovy", "Other.groovy"))).isFalse();
        assertThat(allowlist.isAllowed("file:/x/lib/hudson/project/configurable.groovy")).isFalse();
    }
}
