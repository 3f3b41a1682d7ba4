package io.jenkins.plugins.parallelworktrees.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The pipelines users copy (Jenkinsfile.example and every {@code ```groovy} block of docs/*.md) call our steps
 * only with parameters the step classes really have, and call no step this project does not know.
 *
 * <p>The snippets are parsed by the real Groovy parser ({@link ParsedSnippet}); the steps, their DSL names and their
 * parameters are read from the compiled step classes the way Jenkins reads them ({@link StepCatalog}:
 * DescriptorImpl#getFunctionName, the {@code @DataBoundConstructor} parameter names, {@code @DataBoundSetter}
 * properties), so neither side can drift without this test saying where. Runs without Jenkins: it only loads
 * classes and instantiates descriptors. {@link PipelineCheckerTest} shows the checker catches what it is for.
 */
class PipelineContractTest {

    /** The contract the steps were written to (docs/jenkins.md documents each of these). */
    private static final Map<String, Set<String>> CONTRACT_PARAMETERS = Map.of(
            "parallelWorktrees", Set.of("plan", "maxParallel", "failFast", "spec", "planner", "planOnly"),
            "claudeWorker", Set.of("workstream", "prompt", "model", "maxTurns", "timeoutMinutes", "budgetUsd",
                    "permissionMode", "credentialsId", "push", "rehearsal"),
            "qualityGate", Set.of("dir", "junit", "coverage", "baseline", "gates", "criticality", "allowEmpty"),
            "mergeWave", Set.of("plan", "wave", "push", "branches"));

    private static final Set<String> CONTRACT_GLOBAL_CONFIGURATION =
            Set.of("claudePath", "defaultModel", "defaultCredentialsId", "budgetUsd", "maxParallel");

    private static final Set<String> CONTRACT_GATE_TYPES = Set.of("LINE", "BRANCH", "INSTRUCTION", "METHOD",
            "FAILED_TESTS", "MIN_TESTS", "SKIPPED_TESTS", "LINE_DROP");

    private static final Set<String> CONTRACT_CRITICALITIES = Set.of("NOTE", "UNSTABLE", "ERROR", "FAILURE");

    private static Path projectRoot;
    private static StepCatalog catalog;

    @BeforeAll
    static void findTheProjectAndTheSteps() throws IOException {
        projectRoot = ProjectFiles.root();
        catalog = StepCatalog.plugin();
    }

    @TestFactory
    Stream<DynamicTest> eachPipelineFileCallsOurStepsOnlyWithTheirParameters() throws IOException {
        return checkEach(ProjectFiles.pipelineFiles(projectRoot), "groovy snippets");
    }

    /** The examples Jenkins shows in Pipeline Syntax are copied as often as the docs' ones. */
    @TestFactory
    Stream<DynamicTest> eachHelpPageExampleCallsOurStepsOnlyWithTheirParameters() throws IOException {
        return checkEach(ProjectFiles.helpPages(projectRoot), "examples");
    }

    private static Stream<DynamicTest> checkEach(List<PipelineFile> files, String snippets) {
        return files.stream().map(file -> DynamicTest.dynamicTest(
                file.name() + " (" + file.snippets().size() + " " + snippets + ")",
                () -> assertThat(new PipelineChecker(catalog).check(file))
                        .as("pipeline calls in %s that do not match the step classes", file.name())
                        .isEmpty()));
    }

    @TestFactory
    Stream<DynamicTest> eachJcascSnippetUsesOnlyTheGlobalConfigurationsFields() throws IOException {
        return ProjectFiles.markdownFiles(projectRoot).stream()
                .filter(file -> file.text().contains("unclassified:"))
                .map(file -> DynamicTest.dynamicTest(file.name() + " (JCasC)",
                        () -> assertThat(JcascChecker.check(file, catalog.globalConfiguration()))
                                .as("JCasC keys in %s that the global configuration does not have", file.name())
                                .isEmpty()));
    }

    @Test
    void theStepsOfTheContractAreFoundWithTheirDslNames() {
        assertThat(catalog.stepNames()).containsAll(CONTRACT_PARAMETERS.keySet());
    }

    @Test
    void eachStepTakesTheParametersOfTheContract() {
        Map<String, Set<String>> missing = new TreeMap<>();
        CONTRACT_PARAMETERS.forEach((name, wanted) -> {
            Set<String> lacking = new TreeSet<>(wanted);
            catalog.step(name).ifPresent(step -> lacking.removeAll(step.model().parameters().keySet()));
            if (!lacking.isEmpty()) {
                missing.put(name, lacking);
            }
        });
        assertThat(missing).as("contract parameters a step class does not take").isEmpty();
    }

    @Test
    void parallelWorktreesAndMergeWaveTakeABodyAndTheOthersDoNot() {
        assertThat(catalog.step("parallelWorktrees")).hasValueSatisfying(s -> assertThat(s.takesBody()).isTrue());
        assertThat(catalog.step("mergeWave")).hasValueSatisfying(s -> assertThat(s.takesBody()).isTrue());
        assertThat(catalog.step("claudeWorker")).hasValueSatisfying(s -> assertThat(s.takesBody()).isFalse());
        assertThat(catalog.step("qualityGate")).hasValueSatisfying(s -> assertThat(s.takesBody()).isFalse());
    }

    @Test
    void claudeWorkerNeedsNoArgumentInsideAParallelWorktreesBody() {
        assertThat(catalog.step("claudeWorker"))
                .hasValueSatisfying(s -> assertThat(s.model().constructorParameters()).isEmpty());
    }

    @Test
    void aGateTakesTypeThresholdAndCriticalityWithTheContractsValues() {
        Optional<DescribableModel> gate = catalog.gateModel();
        assertThat(gate).as("the class of qualityGate's gates elements (a describable with @DataBoundConstructor)")
                .isPresent();
        assertThat(gate.get().parameters()).containsKeys("type", "threshold", "criticality");
        assertThat(gate.get().vocabulary("type")).as("the gate types").hasValueSatisfying(
                values -> assertThat(values).containsExactlyInAnyOrderElementsOf(CONTRACT_GATE_TYPES));
        assertThat(gate.get().vocabulary("criticality")).as("the criticalities").hasValueSatisfying(
                values -> assertThat(values).containsExactlyInAnyOrderElementsOf(CONTRACT_CRITICALITIES));
    }

    @Test
    void theGlobalConfigurationHasTheContractFields() {
        assertThat(catalog.globalConfiguration())
                .as("a class in %s with @Symbol(\"parallelWorktrees\") that is not a step", StepCatalog.PLUGIN_PACKAGE)
                .hasValueSatisfying(c -> assertThat(JcascChecker.properties(c))
                        .containsAll(CONTRACT_GLOBAL_CONFIGURATION));
    }

    @Test
    void theExamplesCallEveryStep() throws IOException {
        Set<String> called = new TreeSet<>();
        for (PipelineFile file : ProjectFiles.pipelineFiles(projectRoot)) {
            for (Snippet snippet : file.snippets()) {
                ParsedSnippet.calls(snippet).forEach(call -> called.add(call.name()));
            }
        }
        assertThat(called).containsAll(catalog.stepNames());
    }

    @Test
    void docsJenkinsMdDocumentsEveryParameterOfEveryStep() throws IOException {
        String doc = Files.readString(projectRoot.resolve("docs/jenkins.md"));
        Map<String, Set<String>> undocumented = new TreeMap<>();
        for (StepInfo step : catalog.steps()) {
            String section = Markdown.sectionAbout(doc, "`" + step.name() + "`");
            Set<String> missing = step.model().parameters().keySet().stream()
                    .filter(p -> !section.contains("`" + p + "`"))
                    .collect(Collectors.toCollection(TreeSet::new));
            if (!missing.isEmpty()) {
                undocumented.put(step.name(), missing);
            }
        }
        catalog.globalConfiguration().ifPresent(c -> {
            Set<String> missing = JcascChecker.properties(c).stream()
                    .filter(p -> !doc.contains("`" + p + "`"))
                    .collect(Collectors.toCollection(TreeSet::new));
            if (!missing.isEmpty()) {
                undocumented.put("global configuration", missing);
            }
        });
        assertThat(undocumented).as("step parameters docs/jenkins.md does not name in the step's section").isEmpty();
    }
}
