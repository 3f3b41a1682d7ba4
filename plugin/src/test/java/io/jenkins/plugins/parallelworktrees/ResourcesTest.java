package io.jenkins.plugins.parallelworktrees;

import static org.assertj.core.api.Assertions.assertThat;

import java.beans.Introspector;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * Every step and describable has its form and a help text per parameter, every view is well-formed XML, and each
 * global variable's help names every parameter of the step it forwards to.
 */
class ResourcesTest {

    private static final List<Class<?>> FORMS = List.of(ParallelWorktreesStep.class, ClaudeWorkerStep.class,
            QualityGateStep.class, MergeWaveStep.class, GateDefinition.class, PlannerDefinition.class,
            ParallelWorktreesConfiguration.class);
    private static final String[] VIEWS = {
        "index.jelly",
        "io/jenkins/plugins/parallelworktrees/report/ParallelWorktreesAction/summary.jelly",
        "io/jenkins/plugins/parallelworktrees/report/ParallelWorktreesAction/index.jelly",
        "io/jenkins/plugins/parallelworktrees/report/ResultsPage/index.jelly",
    };

    /**
     * The plugin's global variables and the step each forwards to. The step's internal flag (planWorkers,
     * planGate) is among the parameters the help must name: the variable sets it, but the step takes it, the Snippet
     * Generator offers it, and with a body it changes what the call does, so a reader of the variable's help learns
     * what it is there.
     */
    private static final Map<Class<? extends OptionalBodyDsl>, Class<?>> GLOBAL_VARIABLES = Map.of(
            OptionalBodyDsl.ParallelWorktrees.class, ParallelWorktreesStep.class,
            OptionalBodyDsl.MergeWave.class, MergeWaveStep.class);

    private static Set<String> parameters(Class<?> type) {
        Set<String> names = new TreeSet<>();
        for (Constructor<?> c : type.getConstructors()) {
            if (c.isAnnotationPresent(DataBoundConstructor.class)) {
                for (Parameter p : c.getParameters()) {
                    names.add(p.getName());
                }
            }
        }
        for (Method m : type.getMethods()) {
            if (m.isAnnotationPresent(DataBoundSetter.class)) {
                names.add(Introspector.decapitalize(m.getName().substring(3)));
            }
        }
        return names;
    }

    /** Where Stapler looks for a class's views: its name as a path, a nested class in its outer class's folder. */
    private static String folder(Class<?> type) {
        return type.getName().replace('.', '/').replace('$', '/') + "/";
    }

    @Test
    void everyParameterHasAHelpText() {
        List<String> missing = new ArrayList<>();
        for (Class<?> type : FORMS) {
            for (String parameter : parameters(type)) {
                String help = folder(type) + "help-" + parameter + ".html";
                if (getClass().getClassLoader().getResource(help) == null) {
                    missing.add(help);
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void everyFormIsWellFormedAndEscapesByDefault() throws Exception {
        for (Class<?> type : FORMS) {
            assertView(folder(type) + "config.jelly");
        }
        for (String view : VIEWS) {
            assertView(view);
        }
        for (Class<?> variable : GLOBAL_VARIABLES.keySet()) {
            // the Global Variable Reference includes the variable's "help" view: help.jelly (a help.html is not a view)
            assertView(folder(variable) + "help.jelly");
        }
    }

    @Test
    void everyGlobalVariableOfThePluginIsPairedWithItsStep() {
        assertThat(Arrays.stream(OptionalBodyDsl.class.getDeclaredClasses())
                .filter(OptionalBodyDsl.class::isAssignableFrom))
                .containsExactlyInAnyOrderElementsOf(GLOBAL_VARIABLES.keySet());
    }

    /**
     * Checked one way only: every parameter of the step is named in a {@code <code>} element of the help; the help
     * may name more (a parameter being added to the step in another change, the PWT_* variables).
     */
    @Test
    void eachGlobalVariablesHelpNamesEveryParameterOfItsStep() throws Exception {
        Map<String, Set<String>> unnamed = new TreeMap<>();
        for (Map.Entry<Class<? extends OptionalBodyDsl>, Class<?>> pair : GLOBAL_VARIABLES.entrySet()) {
            Set<String> named = codeElements(folder(pair.getKey()) + "help.jelly");
            Set<String> missing = new TreeSet<>(parameters(pair.getValue()));
            missing.removeAll(named);
            if (!missing.isEmpty()) {
                unnamed.put(pair.getKey().getSimpleName(), missing);
            }
        }
        assertThat(unnamed).as("step parameters a global variable's help.jelly does not name in <code>").isEmpty();
    }

    private Set<String> codeElements(String path) throws Exception {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            Document help = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
            NodeList codes = help.getElementsByTagName("code");
            Set<String> texts = new TreeSet<>();
            for (int i = 0; i < codes.getLength(); i++) {
                texts.add(codes.item(i).getTextContent().strip());
            }
            return texts;
        }
    }

    @Test
    void everyStepHasAHelpPage() {
        for (Class<?> step : List.of(ParallelWorktreesStep.class, ClaudeWorkerStep.class, QualityGateStep.class,
                MergeWaveStep.class)) {
            assertThat(getClass().getClassLoader().getResource(folder(step) + "help.html")).as(step.getName())
                    .isNotNull();
        }
    }

    private void assertView(String path) throws Exception {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            byte[] bytes = in.readAllBytes();
            assertThat(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)).as(path)
                    .startsWith("<?jelly escape-by-default='true'?>");
            DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new java.io.ByteArrayInputStream(bytes));
        }
    }
}
