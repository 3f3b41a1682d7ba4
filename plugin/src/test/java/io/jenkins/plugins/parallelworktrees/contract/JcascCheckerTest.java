package io.jenkins.plugins.parallelworktrees.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A JCasC snippet is held to the properties the global configuration class really has. */
class JcascCheckerTest {

    private final StepCatalog catalog = StepCatalog.plugin();

    @Test
    void aJcascKeyTheGlobalConfigurationLacksIsReported() {
        PipelineFile file = ProjectFiles.markdown("docs/x.md", "```yaml\nunclassified:\n  parallelWorktrees:\n"
                + "    claudePath: /usr/local/bin/claude\n    defaultModle: sonnet\n```\n");
        assertThat(JcascChecker.check(file, catalog.globalConfiguration()))
                .extracting(Violation::toString)
                .singleElement().satisfies(v -> assertThat(v).startsWith("docs/x.md:5:").contains("defaultModle"));
    }
}
