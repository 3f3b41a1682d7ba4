package io.jenkins.plugins.parallelworktrees.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import jenkins.model.TransientActionFactory;
import jenkins.tasks.SimpleBuildStep;
import org.junit.jupiter.api.Test;

/**
 * The job page's link to a build's Parallel Worktrees page costs no build loading: core computes a job's actions on
 * every {@code getAllActions()}, and a factory of ours that walked back through builds loaded them each time.
 */
class LatestRunLinkTest {

    @Test
    void theJobsLinkPointsAtItsBuildsPage() {
        LatestRunLink link = new LatestRunLink(42);

        assertThat(link.getUrlName()).isEqualTo("42/parallel-worktrees");
        assertThat(link.getDisplayName()).isEqualTo("Parallel Worktrees (#42)");
    }

    /**
     * Core's own factory offers it, from the one build it already looks at (jenkins core
     * {@code jenkins/tasks/SimpleBuildStep.java:196-209} at jenkins-2.504.3: the last successful build's
     * LastBuildActions), so the plugin needs no factory of its own.
     */
    @Test
    void theLinkComesFromTheLastSuccessfulBuildsActionAndThePluginWalksNoBuilds() throws Exception {
        assertThat(SimpleBuildStep.LastBuildAction.class).isAssignableFrom(ParallelWorktreesAction.class);

        assertThat(pluginClasses()).as("the plugin's job action factories").filteredOn(
                TransientActionFactory.class::isAssignableFrom).isEmpty();
    }

    @Test
    void anActionNotYetAttachedToABuildOffersNoLink() {
        assertThat(new ParallelWorktreesAction().getProjectActions()).isEmpty();
    }

    /** Every class of the plugin's main code (the folder or jar that holds the action). */
    private static List<Class<?>> pluginClasses() throws Exception {
        Path root = Path.of(ParallelWorktreesAction.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path plugin = root.resolve("io/jenkins/plugins/parallelworktrees");
        try (Stream<Path> files = Files.walk(plugin)) {
            List<String> names = files.filter(f -> f.toString().endsWith(".class"))
                    .map(f -> root.relativize(f).toString().replace(f.getFileSystem().getSeparator(), ".")
                            .replaceAll("\\.class$", ""))
                    .toList();
            assertThat(names).as("classes under %s", plugin).contains(ParallelWorktreesAction.class.getName());
            ClassLoader loader = ParallelWorktreesAction.class.getClassLoader();
            return names.stream().<Class<?>>map(name -> {
                try {
                    return Class.forName(name, false, loader);
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException("cannot load " + name, e);
                }
            }).toList();
        }
    }
}
