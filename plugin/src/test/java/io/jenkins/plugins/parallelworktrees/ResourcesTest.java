package io.jenkins.plugins.parallelworktrees;

import static org.assertj.core.api.Assertions.assertThat;

import java.beans.Introspector;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** Every step and describable has its form and a help text per parameter, and every view is well-formed XML. */
class ResourcesTest {

    private static final List<Class<?>> FORMS = List.of(ParallelWorktreesStep.class, ClaudeWorkerStep.class,
            QualityGateStep.class, MergeWaveStep.class, GateDefinition.class, ParallelWorktreesConfiguration.class);
    private static final String[] VIEWS = {
        "index.jelly",
        "io/jenkins/plugins/parallelworktrees/report/ParallelWorktreesAction/summary.jelly",
        "io/jenkins/plugins/parallelworktrees/report/ParallelWorktreesAction/index.jelly",
        "io/jenkins/plugins/parallelworktrees/report/ResultsPage/index.jelly",
        "io/jenkins/plugins/parallelworktrees/OptionalBodyDsl/ParallelWorktrees/help.jelly",
        "io/jenkins/plugins/parallelworktrees/OptionalBodyDsl/MergeWave/help.jelly",
    };

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

    private static String folder(Class<?> type) {
        return type.getName().replace('.', '/') + "/";
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
