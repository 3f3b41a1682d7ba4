package io.jenkins.plugins.parallelworktrees.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The checker catches what it is for: a misspelt parameter, gate key or value, an unknown step, a body a step does
 * not take, a snippet that does not parse; each on the line of the file a reader opens. Checked against the real
 * step classes, so a message names what the plugin really takes.
 */
class PipelineCheckerTest {

    private final StepCatalog catalog = StepCatalog.plugin();

    @Test
    void aMisspeltParameterIsReportedWithItsFileAndLine() {
        List<Violation> found = check("echo 'gate'\nqualityGate(critcality: 'UNSTABLE')\n");
        assertThat(found).singleElement().satisfies(v -> {
            assertThat(v.line()).isEqualTo(2);
            assertThat(v.toString()).startsWith("snippet.groovy:2: qualityGate")
                    .contains("unknown parameter 'critcality'", "did you mean 'criticality'");
        });
    }

    @Test
    void aMisspeltParameterInsideNestedClosuresIsReported() {
        List<Violation> found = check("""
                pipeline {
                  stages {
                    stage('workers') {
                      steps {
                        script {
                          parallelWorktrees(plan: 'p.yaml') {
                            node('claude') { claudeWorker(modle: 'opus') }
                          }
                        }
                      }
                    }
                  }
                }
                """);
        assertThat(found).singleElement().satisfies(v -> {
            assertThat(v.line()).isEqualTo(7);
            assertThat(v.message()).contains("claudeWorker", "unknown parameter 'modle'", "did you mean 'model'");
        });
    }

    @Test
    void aMisspeltGateKeyIsReported() {
        List<Violation> found = check("qualityGate(junit: '**/*.xml', gates: [[type: 'LINE', threshold: 60.0],\n"
                + "                                    [typ: 'BRANCH', threshold: 40.0]])\n");
        assertThat(found).singleElement().satisfies(v ->
                assertThat(v.message()).contains("gates[1]", "unknown key 'typ'", "did you mean 'type'"));
    }

    @Test
    void anUnknownGateTypeOrCriticalityIsReported() {
        assertThat(check("qualityGate(coverage: 'jacoco.xml', criticality: 'WARNING',\n"
                + "        gates: [[type: 'LINES', threshold: 60.0, criticality: 'unstable']])"))
                .extracting(Violation::toString)
                .satisfiesExactlyInAnyOrder(
                        v -> assertThat(v).startsWith("snippet.groovy:1: qualityGate criticality: 'WARNING'"),
                        v -> assertThat(v).startsWith("snippet.groovy:2: qualityGate gates[0] type: 'LINES'")
                                .contains("did you mean 'LINE'"));
    }

    @Test
    void aGateWrittenWithItsSymbolIsCheckedToo() {
        assertThat(check("qualityGate(coverage: 'jacoco.xml', gates: [gate(type: 'LINE', treshold: 60.0)])"))
                .singleElement().satisfies(v -> assertThat(v.message())
                        .contains("gate: unknown parameter 'treshold'", "did you mean 'threshold'"));
    }

    @Test
    void anUnknownStepIsReportedWithASuggestion() {
        List<Violation> found = check("node { qualityGates(junit: 'x.xml') }");
        assertThat(found).singleElement().satisfies(v ->
                assertThat(v.message()).contains("unknown step 'qualityGates'", "did you mean 'qualityGate'"));
    }

    @Test
    void callsOnObjectsAndLocalMethodsAreNotSteps() {
        assertThat(check("""
                def summarize(Map outcomes) { outcomes.collect { ws, o -> "${ws}: ${o}" }.join(', ') }
                def outcomes = parallelWorktrees(plan: 'p.yaml')
                echo summarize(outcomes)
                currentBuild.description = outcomes.keySet().toString()
                """)).isEmpty();
    }

    /**
     * Every step here needs the workspace when it starts (ParallelWorktreesStep.workspaceFor; the others' required
     * FilePath): a script that takes agents only inside the body would fail at once.
     */
    @Test
    void aStepCalledOutsideAnyNodeOfAScriptThatTakesAgentsIsReported() {
        assertThat(check("""
                parallelWorktrees(plan: 'p.yaml') {
                    node('claude') { claudeWorker() }
                }
                """)).singleElement().satisfies(v -> {
                    assertThat(v.line()).isEqualTo(1);
                    assertThat(v.message()).startsWith("parallelWorktrees is called outside node { }");
                });
    }

    @Test
    void stepsInsideANodeOrADeclarativeStageOrInAFragmentAreFine() {
        assertThat(check("node {\n  parallelWorktrees(plan: 'p.yaml') { node('claude') { claudeWorker() } }\n}"))
                .isEmpty();
        assertThat(check("stage('w') { steps { script {\n"
                + "  parallelWorktrees(plan: 'p.yaml') { node('claude') { claudeWorker() } }\n} } }")).isEmpty();
        assertThat(check("sh 'mvn -B verify'\nqualityGate(junit: 'x.xml')")).isEmpty();
    }

    @Test
    void aBodyForAStepThatTakesNoneIsReported() {
        assertThat(check("qualityGate(junit: 'x.xml') { echo 'no' }"))
                .singleElement().satisfies(v -> assertThat(v.message()).contains("takes no body"));
    }

    @Test
    void aSnippetThatDoesNotParseIsReportedWithItsLine() {
        assertThat(check("node {\n  qualityGate(junit: 'x.xml'\n}\n"))
                .singleElement().satisfies(v -> assertThat(v.message()).contains("does not parse"));
    }

    @Test
    void markdownLinesAreCountedFromTheFileNotTheSnippet() {
        String markdown = "# Title\n\ntext\n\n```groovy\necho 'one'\nqualityGate(critcality: 'UNSTABLE')\n```\n\n"
                + "```bash\nqualityGate(ignored: 1)\n```\n   ```groovy\n   mergeWave(wav: 1) { echo 'x' }\n   ```\n";
        PipelineFile file = ProjectFiles.markdown("docs/x.md", markdown);
        assertThat(new PipelineChecker(catalog).check(file))
                .extracting(Violation::toString)
                .satisfiesExactly(
                        first -> assertThat(first).startsWith("docs/x.md:7: qualityGate"),
                        second -> assertThat(second).startsWith("docs/x.md:14: mergeWave"));
    }

    private List<Violation> check(String groovy) {
        return new PipelineChecker(catalog).check(new PipelineFile("snippet.groovy", List.of(new Snippet(0, groovy))));
    }
}
