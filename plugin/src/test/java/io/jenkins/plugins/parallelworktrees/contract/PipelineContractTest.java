package io.jenkins.plugins.parallelworktrees.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.parallelworktrees.engine.gate.Criticality;
import io.github.parallelworktrees.engine.plan.Suggestions;
import java.beans.Introspector;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.CodeVisitorSupport;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.ListExpression;
import org.codehaus.groovy.ast.expr.MapEntryExpression;
import org.codehaus.groovy.ast.expr.MapExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.NamedArgumentListExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.Phases;
import org.codehaus.groovy.control.messages.Message;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The pipelines users copy (Jenkinsfile.example and every {@code ```groovy} block of docs/*.md) call our steps
 * only with parameters the step classes really have, and call no step this project does not know.
 *
 * <p>The snippets are parsed by the real Groovy parser; the steps, their DSL names and their parameters are read
 * from the compiled step classes the way Jenkins reads them (DescriptorImpl#getFunctionName, the
 * {@code @DataBoundConstructor} parameter names, {@code @DataBoundSetter} properties), so neither side can drift
 * without this test saying where. Runs without Jenkins: it only loads classes and instantiates descriptors.
 */
class PipelineContractTest {

    private static final String STEP_PACKAGE = "io.jenkins.plugins.parallelworktrees";

    /**
     * Steps and directives from Pipeline itself and from plugins every Pipeline installation has, which the
     * examples may call. A name outside this list and outside our steps is reported: it is either a typo or a
     * dependency on a plugin the docs do not ask for. Add a name here only with its plugin.
     */
    static final Set<String> PIPELINE_BUILT_INS = Set.of(
            // pipeline-model-definition: declarative sections, directives, conditions, post blocks
            // ("parallel" and "unstable" are also steps)
            "pipeline", "agent", "label", "stages", "stage", "steps", "script", "options", "environment",
            "triggers", "cron", "pollSCM", "upstream", "parameters", "string", "booleanParam", "choice", "text",
            "password", "tools", "when", "branch", "expression", "not", "allOf", "anyOf", "buildingTag", "tag",
            "changeRequest", "triggeredBy", "parallel", "matrix", "failFast", "post", "always", "success",
            "failure", "unstable", "changed", "fixed", "regression", "aborted", "unsuccessful", "cleanup",
            "skipDefaultCheckout", "skipStagesAfterUnstable", "preserveStashes", "quietPeriod",
            "disableConcurrentBuilds", "buildDiscarder", "logRotator", "checkoutToSubdirectory",
            "newContainerPerStage", "credentials", "input",
            // workflow-basic-steps
            "echo", "error", "timeout", "retry", "sleep", "dir", "deleteDir", "writeFile", "readFile",
            "fileExists", "isUnix", "pwd", "catchError", "warnError", "withEnv", "waitUntil",
            "stash", "unstash", "archiveArtifacts", "mail", "tool",
            // workflow-durable-task-step, workflow-cps, workflow-scm-step, workflow-support, git, lockable-resources
            "node", "ws", "sh", "bat", "powershell", "checkout", "scm", "git", "properties",
            "milestone", "lock", "build",
            // junit, credentials-binding, timestamper
            "junit", "withCredentials", "usernamePassword", "sshUserPrivateKey", "file", "timestamps");

    /** Keys of a gate map, used only when the gate class cannot be found from QualityGateStep's {@code gates}. */
    static final Set<String> FALLBACK_GATE_KEYS = Set.of("type", "threshold", "criticality");

    /** The contract the steps were written to (docs/jenkins.md documents each of these). */
    static final Map<String, Set<String>> CONTRACT_PARAMETERS = Map.of(
            "parallelWorktrees", Set.of("plan", "maxParallel", "failFast"),
            "claudeWorker", Set.of("workstream", "prompt", "model", "maxTurns", "timeoutMinutes", "budgetUsd",
                    "permissionMode", "credentialsId", "push", "rehearsal"),
            "qualityGate", Set.of("dir", "junit", "coverage", "baseline", "gates", "criticality", "allowEmpty"),
            "mergeWave", Set.of("plan", "wave", "push", "branches"));

    static final Set<String> CONTRACT_GLOBAL_CONFIGURATION =
            Set.of("claudePath", "defaultModel", "defaultCredentialsId", "budgetUsd", "maxParallel");

    static final Set<String> CONTRACT_GATE_TYPES = Set.of("LINE", "BRANCH", "INSTRUCTION", "METHOD",
            "FAILED_TESTS", "MIN_TESTS", "SKIPPED_TESTS", "LINE_DROP");

    static final Set<String> CONTRACT_CRITICALITIES = Set.of("NOTE", "UNSTABLE", "ERROR", "FAILURE");

    private static Path projectRoot;
    private static StepCatalog catalog;

    @BeforeAll
    static void findTheProjectAndTheSteps() throws IOException {
        projectRoot = ProjectFiles.root();
        catalog = StepCatalog.scan(STEP_PACKAGE);
    }

    @TestFactory
    Stream<DynamicTest> eachPipelineFileCallsOurStepsOnlyWithTheirParameters() throws IOException {
        return ProjectFiles.pipelineFiles(projectRoot).stream().map(file -> DynamicTest.dynamicTest(
                file.name() + " (" + file.snippets().size() + " groovy snippets)",
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
                .as("a class in %s with @Symbol(\"parallelWorktrees\") that is not a step", STEP_PACKAGE)
                .hasValueSatisfying(c -> assertThat(JcascChecker.properties(c))
                        .containsAll(CONTRACT_GLOBAL_CONFIGURATION));
    }

    @Test
    void theExamplesCallEveryStep() throws IOException {
        Set<String> called = new TreeSet<>();
        for (PipelineFile file : ProjectFiles.pipelineFiles(projectRoot)) {
            for (Snippet snippet : file.snippets()) {
                PipelineChecker.calls(snippet).forEach(call -> called.add(call.name()));
            }
        }
        assertThat(called).containsAll(catalog.stepNames());
    }

    @Test
    void docsJenkinsMdDocumentsEveryParameterOfEveryStep() throws IOException {
        String doc = Files.readString(projectRoot.resolve("docs/jenkins.md"));
        Map<String, Set<String>> undocumented = new TreeMap<>();
        for (StepInfo step : catalog.steps()) {
            String section = MarkdownSections.sectionAbout(doc, "`" + step.name() + "`");
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

    // ---- the checker catches what it is for -------------------------------------------------------------------

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

    @Test
    void aJcascKeyTheGlobalConfigurationLacksIsReported() {
        PipelineFile file = ProjectFiles.markdown("docs/x.md", "```yaml\nunclassified:\n  parallelWorktrees:\n"
                + "    claudePath: /usr/local/bin/claude\n    defaultModle: sonnet\n```\n");
        assertThat(JcascChecker.check(file, catalog.globalConfiguration()))
                .extracting(Violation::toString)
                .singleElement().satisfies(v -> assertThat(v).startsWith("docs/x.md:5:").contains("defaultModle"));
    }

    private static List<Violation> check(String groovy) {
        return new PipelineChecker(catalog).check(new PipelineFile("snippet.groovy", List.of(new Snippet(0, groovy))));
    }

    static Optional<List<String>> enumConstants(Type type) {
        if (type instanceof Class<?> c && c.isEnum()) {
            return Optional.of(Arrays.stream(c.getEnumConstants()).map(e -> ((Enum<?>) e).name()).toList());
        }
        return Optional.empty();
    }

    // ---- what is checked ---------------------------------------------------------------------------------------

    /** A piece of Groovy and the file line just before its first line (0 for a whole file). */
    record Snippet(int lineOffset, String text) {
    }

    /** A file shown to users and the Groovy in it. */
    record PipelineFile(String name, List<Snippet> snippets, String text) {
        PipelineFile(String name, List<Snippet> snippets) {
            this(name, snippets, snippets.stream().map(Snippet::text).collect(Collectors.joining("\n")));
        }
    }

    /** One mismatch, where a reader finds it. */
    record Violation(String file, int line, String message) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + message;
        }
    }

    /** Finds the project root and the files whose pipelines users copy. */
    static final class ProjectFiles {

        private ProjectFiles() {
        }

        /** The folder holding Jenkinsfile.example, looked for from the working directory upwards. */
        static Path root() {
            Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
            for (Path dir = start; dir != null; dir = dir.getParent()) {
                if (Files.isRegularFile(dir.resolve("Jenkinsfile.example"))) {
                    return dir;
                }
            }
            throw new IllegalStateException("no Jenkinsfile.example in " + start + " or any folder above it: "
                    + "run the tests from inside the Parallel Worktrees repository");
        }

        static List<PipelineFile> pipelineFiles(Path root) throws IOException {
            List<PipelineFile> files = new ArrayList<>();
            String jenkinsfile = Files.readString(root.resolve("Jenkinsfile.example"));
            files.add(new PipelineFile("Jenkinsfile.example", List.of(new Snippet(0, jenkinsfile)), jenkinsfile));
            files.addAll(markdownFiles(root));
            return files;
        }

        static List<PipelineFile> markdownFiles(Path root) throws IOException {
            List<PipelineFile> files = new ArrayList<>();
            try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
                for (Path doc : docs.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().toList()) {
                    files.add(markdown("docs/" + doc.getFileName(), Files.readString(doc)));
                }
            }
            return files;
        }

        /** The file with its {@code ```groovy} blocks as snippets (fences may be indented, as in lists). */
        static PipelineFile markdown(String name, String text) {
            return new PipelineFile(name, fencedBlocks(text, "groovy"), text);
        }

        static List<Snippet> fencedBlocks(String text, String language) {
            List<Snippet> blocks = new ArrayList<>();
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String opening = lines[i].strip();
                String fence = fence(opening);
                if (fence == null) {
                    continue;
                }
                String info = opening.substring(fence.length()).strip();
                int start = i;
                StringBuilder body = new StringBuilder();
                for (i++; i < lines.length && !isClosing(lines[i].strip(), fence); i++) {
                    body.append(lines[i]).append('\n');
                }
                String lang = info.isEmpty() ? "" : info.split("\\s+")[0].toLowerCase(Locale.ROOT);
                if (lang.equals(language)) {
                    blocks.add(new Snippet(start + 1, body.toString()));
                }
            }
            return blocks;
        }

        private static String fence(String line) {
            for (char c : new char[] {'`', '~'}) {
                int n = 0;
                while (n < line.length() && line.charAt(n) == c) {
                    n++;
                }
                // A backtick fence's info string has no backtick; "```` ```yaml ````" is inline code, not a fence.
                if (n >= 3 && (c == '~' || line.indexOf('`', n) < 0)) {
                    return line.substring(0, n);
                }
            }
            return null;
        }

        private static boolean isClosing(String line, String fence) {
            return line.length() >= fence.length() && line.chars().allMatch(ch -> ch == fence.charAt(0));
        }
    }

    /** Sections of a Markdown document. */
    static final class MarkdownSections {

        private MarkdownSections() {
        }

        /** The text from the first heading that contains {@code marker} to the next heading of its level or above. */
        static String sectionAbout(String markdown, String marker) {
            String[] lines = markdown.split("\n", -1);
            StringBuilder section = new StringBuilder();
            int level = 0;
            boolean inFence = false;
            for (String line : lines) {
                if (line.strip().startsWith("```")) {
                    inFence = !inFence;
                }
                int headingLevel = inFence ? 0 : headingLevel(line);
                if (level == 0) {
                    if (headingLevel > 0 && line.contains(marker)) {
                        level = headingLevel;
                    } else {
                        continue;
                    }
                } else if (headingLevel > 0 && headingLevel <= level) {
                    break;
                }
                section.append(line).append('\n');
            }
            return section.toString();
        }

        private static int headingLevel(String line) {
            int n = 0;
            while (n < line.length() && line.charAt(n) == '#') {
                n++;
            }
            return n > 0 && n < line.length() && line.charAt(n) == ' ' ? n : 0;
        }
    }

    /** Walks the Groovy AST of each snippet and compares every call with the step catalog. */
    static final class PipelineChecker {

        private final StepCatalog catalog;

        PipelineChecker(StepCatalog catalog) {
            this.catalog = catalog;
        }

        /** A method call as written: its name, line (in the snippet), named and positional arguments, body. */
        record Call(String name, int line, boolean implicitThis, List<MapEntryExpression> namedArguments,
                    List<Expression> positional, boolean hasBody) {
        }

        List<Violation> check(PipelineFile file) {
            List<Violation> violations = new ArrayList<>();
            for (Snippet snippet : file.snippets()) {
                ParsedSnippet parsed;
                try {
                    parsed = parse(snippet);
                } catch (SnippetSyntaxError e) {
                    violations.add(new Violation(file.name(), snippet.lineOffset() + e.line,
                            "does not parse as Groovy: " + e.getMessage()));
                    continue;
                }
                for (Call call : parsed.calls()) {
                    for (Problem problem : checkCall(call, parsed.localMethods())) {
                        int line = problem.line() > 0 ? problem.line() : Math.max(call.line(), 1);
                        violations.add(new Violation(file.name(), snippet.lineOffset() + line, problem.message()));
                    }
                }
            }
            return violations;
        }

        /** What is wrong, on the line of the expression it is about (0: the call's line). */
        record Problem(int line, String message) {
            static Problem at(Expression where, String message) {
                return new Problem(where.getLineNumber(), message);
            }
        }

        static List<Call> calls(Snippet snippet) {
            try {
                return parse(snippet).calls();
            } catch (SnippetSyntaxError e) {
                return List.of();
            }
        }

        private List<Problem> checkCall(Call call, Set<String> localMethods) {
            Optional<StepInfo> step = catalog.step(call.name());
            Optional<DescribableModel> symbol = catalog.symbol(call.name());
            if (step.isEmpty() && symbol.isPresent()) {
                // gate(type: ..., threshold: ...): a describable written with its @Symbol
                return checkMap(call.name(), call.namedArguments(), symbol.get(), call.name());
            }
            if (step.isEmpty()) {
                if (call.implicitThis() && !PIPELINE_BUILT_INS.contains(call.name())
                        && !localMethods.contains(call.name())) {
                    Set<String> known = new TreeSet<>(PIPELINE_BUILT_INS);
                    known.addAll(catalog.stepNames());
                    known.addAll(catalog.symbols().keySet());
                    return List.of(new Problem(0, "unknown step '" + call.name() + "'"
                            + Suggestions.didYouMean(call.name(), known)
                            + ": neither a Parallel Worktrees step (" + String.join(", ", catalog.stepNames())
                            + ") nor a Pipeline step this test knows (PipelineContractTest.PIPELINE_BUILT_INS)"));
                }
                return List.of();
            }
            StepInfo s = step.get();
            List<Problem> problems = new ArrayList<>(checkMap(s.name(), call.namedArguments(), s.model(), s.name()));
            if (!call.positional().isEmpty()) {
                List<String> required = s.model().constructorParameters();
                if (call.positional().size() > 1 || required.size() != 1 || !call.namedArguments().isEmpty()) {
                    problems.add(new Problem(0, s.name() + ": " + call.positional().size()
                            + " unnamed argument(s); name them (" + s.name() + "("
                            + String.join(": ..., ", s.model().sortedNames()) + ": ...))"));
                }
            }
            if (call.hasBody() && !s.takesBody()) {
                problems.add(new Problem(0, s.name() + " takes no body ({ ... }); only "
                        + catalog.steps().stream().filter(StepInfo::takesBody).map(StepInfo::name)
                        .collect(Collectors.joining(", ")) + " do"));
            }
            return problems;
        }

        /** Keys of a map against the parameters of the describable it becomes, recursively for nested maps. */
        private List<Problem> checkMap(String where, List<MapEntryExpression> entries, DescribableModel model,
                                       String stepName) {
            List<Problem> problems = new ArrayList<>();
            for (MapEntryExpression entry : entries) {
                if (!(entry.getKeyExpression() instanceof ConstantExpression key)
                        || !(key.getValue() instanceof String name)) {
                    continue; // a computed key (or a spread map) cannot be checked before the build runs
                }
                if (name.equals("$class") || name.equals("symbol")) {
                    continue; // Jenkins' own ways of choosing a describable's subtype
                }
                Type type = model.parameters().get(name);
                if (type == null) {
                    problems.add(Problem.at(key, where + ": unknown "
                            + (where.equals(stepName) ? "parameter" : "key") + " '" + name + "'"
                            + Suggestions.didYouMean(name, model.parameters().keySet()) + "; "
                            + model.displayName() + " takes " + String.join(", ", model.sortedNames())));
                    continue;
                }
                problems.addAll(checkValue(where + " " + name, entry.getValueExpression(), type,
                        model.vocabulary(name), stepName, name));
            }
            return problems;
        }

        /** A value against its parameter's type: enum names, nested describable maps, lists of them. */
        private List<Problem> checkValue(String where, Expression value, Type type,
                                         Optional<List<String>> vocabulary, String stepName, String param) {
            List<Problem> problems = new ArrayList<>();
            if (vocabulary.isPresent() && value instanceof ConstantExpression c && c.getValue() instanceof String text
                    && vocabulary.get().stream().noneMatch(word -> word.equalsIgnoreCase(text.strip()))) {
                problems.add(Problem.at(value, where + ": '" + text + "' is not one of "
                        + String.join(", ", vocabulary.get()) + Suggestions.didYouMean(text, vocabulary.get())));
            }
            if (value instanceof MapExpression map) {
                nestedModel(type, stepName, param).ifPresent(m -> problems.addAll(
                        checkMap(where, map.getMapEntryExpressions(), m, stepName)));
            } else if (value instanceof ListExpression list) {
                Type element = elementType(type);
                List<Expression> items = list.getExpressions();
                for (int i = 0; i < items.size(); i++) {
                    problems.addAll(checkValue(where + "[" + i + "]", items.get(i), element, vocabulary, stepName,
                            param));
                }
            }
            return problems;
        }

        private Optional<DescribableModel> nestedModel(Type type, String stepName, String param) {
            if (type instanceof Class<?> c && DescribableModel.isDescribable(c)) {
                return Optional.of(DescribableModel.of(c));
            }
            if (stepName.equals("qualityGate") && param.equals("gates")) {
                // The gates are plain maps in the step class; their keys are then held to the contract's set.
                return Optional.of(DescribableModel.fixed("a gate", FALLBACK_GATE_KEYS));
            }
            return Optional.empty();
        }

        static Type elementType(Type type) {
            if (type instanceof Class<?> c && c.isArray()) {
                return c.getComponentType();
            }
            if (type instanceof GenericArrayType g) {
                return g.getGenericComponentType();
            }
            if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw
                    && Collection.class.isAssignableFrom(raw) && p.getActualTypeArguments().length == 1) {
                return p.getActualTypeArguments()[0];
            }
            return Object.class;
        }

        record ParsedSnippet(List<Call> calls, Set<String> localMethods) {
        }

        static final class SnippetSyntaxError extends Exception {
            private static final long serialVersionUID = 1L;
            final int line;

            SnippetSyntaxError(int line, String message) {
                super(message);
                this.line = line;
            }
        }

        /** The snippet through Groovy's own parser (to the CONVERSION phase: the AST, nothing resolved). */
        static ParsedSnippet parse(Snippet snippet) throws SnippetSyntaxError {
            CompilationUnit unit = new CompilationUnit(new CompilerConfiguration());
            unit.addSource("snippet.groovy", snippet.text());
            try {
                unit.compile(Phases.CONVERSION);
            } catch (MultipleCompilationErrorsException e) {
                Message first = e.getErrorCollector().getErrors().isEmpty() ? null
                        : (Message) e.getErrorCollector().getErrors().get(0);
                if (first instanceof SyntaxErrorMessage syntax) {
                    String text = syntax.getCause().getOriginalMessage();
                    throw new SnippetSyntaxError(Math.max(syntax.getCause().getLine(), 1), text);
                }
                throw new SnippetSyntaxError(1, e.getMessage().lines().skip(1).findFirst().orElse(e.getMessage()));
            }
            List<Call> calls = new ArrayList<>();
            Set<String> localMethods = new TreeSet<>();
            CallCollector collector = new CallCollector(calls);
            for (ModuleNode module : unit.getAST().getModules()) {
                module.getStatementBlock().visit(collector);
                for (MethodNode method : module.getMethods()) {
                    localMethods.add(method.getName());
                    visitCode(method, collector);
                }
                for (ClassNode type : module.getClasses()) {
                    if (!type.isScript()) {
                        type.getMethods().forEach(m -> visitCode(m, collector));
                    }
                }
            }
            calls.sort((a, b) -> Integer.compare(a.line(), b.line()));
            return new ParsedSnippet(calls, localMethods);
        }

        private static void visitCode(MethodNode method, CodeVisitorSupport collector) {
            if (method.getCode() != null) {
                method.getCode().visit(collector);
            }
        }

        /** Every method call, including those in closures (stage bodies, node blocks, step bodies). */
        private static final class CallCollector extends CodeVisitorSupport {
            private final List<Call> calls;

            CallCollector(List<Call> calls) {
                this.calls = calls;
            }

            @Override
            public void visitMethodCallExpression(MethodCallExpression call) {
                String name = call.getMethodAsString();
                if (name != null) {
                    List<MapEntryExpression> named = new ArrayList<>();
                    List<Expression> positional = new ArrayList<>();
                    boolean body = false;
                    List<Expression> arguments = call.getArguments() instanceof TupleExpression tuple
                            ? tuple.getExpressions() : List.of(call.getArguments());
                    for (int i = 0; i < arguments.size(); i++) {
                        Expression argument = arguments.get(i);
                        if (argument instanceof NamedArgumentListExpression
                                || (argument instanceof MapExpression && i == 0)) {
                            // foo(a: 1) and foo([a: 1]) both reach a step as its named arguments
                            named.addAll(((MapExpression) argument).getMapEntryExpressions());
                        } else if (argument instanceof ClosureExpression && i == arguments.size() - 1) {
                            body = true;
                        } else {
                            positional.add(argument);
                        }
                    }
                    calls.add(new Call(name, call.getLineNumber(), call.isImplicitThis(), named, positional, body));
                }
                super.visitMethodCallExpression(call);
            }
        }
    }

    /** JCasC snippets ({@code unclassified: parallelWorktrees: ...}) against the global configuration. */
    static final class JcascChecker {

        private JcascChecker() {
        }

        static List<Violation> check(PipelineFile file, Optional<Class<?>> configuration) {
            List<Violation> violations = new ArrayList<>();
            ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
            for (Snippet block : ProjectFiles.fencedBlocks(file.text(), "yaml")) {
                if (!block.text().contains("parallelWorktrees:")) {
                    continue;
                }
                JsonNode root;
                try {
                    root = yaml.readTree(block.text());
                } catch (IOException e) {
                    violations.add(new Violation(file.name(), block.lineOffset() + 1,
                            "JCasC snippet does not parse as YAML: " + e.getMessage().lines().findFirst().orElse("")));
                    continue;
                }
                JsonNode ours = root == null ? null : root.path("unclassified").get("parallelWorktrees");
                if (ours == null) {
                    continue;
                }
                if (configuration.isEmpty()) {
                    violations.add(new Violation(file.name(), block.lineOffset() + 1,
                            "no global configuration class with @Symbol(\"parallelWorktrees\") in " + STEP_PACKAGE));
                    continue;
                }
                Set<String> properties = properties(configuration.get());
                for (Iterator<String> keys = ours.fieldNames(); keys.hasNext(); ) {
                    String key = keys.next();
                    if (!properties.contains(key)) {
                        violations.add(new Violation(file.name(), block.lineOffset() + lineOf(block.text(), key),
                                "JCasC: parallelWorktrees has no '" + key + "'"
                                        + Suggestions.didYouMean(key, properties)
                                        + "; it takes " + String.join(", ", properties)));
                    }
                }
            }
            return violations;
        }

        /** What JCasC can set: the properties with a public setter (as its configurators introspect them). */
        static Set<String> properties(Class<?> configuration) {
            Set<String> names = new TreeSet<>();
            for (Method m : configuration.getMethods()) {
                if (m.getName().startsWith("set") && m.getName().length() > 3 && m.getParameterCount() == 1
                        && !Modifier.isStatic(m.getModifiers())) {
                    names.add(Introspector.decapitalize(m.getName().substring(3)));
                }
            }
            return names;
        }

        private static int lineOf(String text, String key) {
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].strip().startsWith(key + ":")) {
                    return i + 1;
                }
            }
            return 1;
        }
    }

    // ---- what the step classes say -----------------------------------------------------------------------------

    /** A step: its DSL name, whether it takes a body, its parameters. */
    record StepInfo(String name, Class<?> type, boolean takesBody, DescribableModel model) {
    }

    /**
     * The parameters Jenkins binds for a describable: the {@code @DataBoundConstructor} parameters (required) and
     * the {@code @DataBoundSetter} properties (optional), each with its declared type.
     */
    record DescribableModel(String displayName, Map<String, Type> parameters, List<String> constructorParameters,
                            Map<String, List<String>> vocabularies) {

        List<String> sortedNames() {
            return new ArrayList<>(new TreeSet<>(parameters.keySet()));
        }

        /** The words a parameter accepts, when it is a closed set (compared ignoring case, as the steps parse). */
        Optional<List<String>> vocabulary(String parameter) {
            return Optional.ofNullable(vocabularies.get(parameter));
        }

        static DescribableModel fixed(String displayName, Set<String> keys) {
            Map<String, Type> parameters = new LinkedHashMap<>();
            keys.forEach(k -> parameters.put(k, Object.class));
            return new DescribableModel(displayName, parameters, List.of(), Map.of());
        }

        static boolean isDescribable(Class<?> type) {
            return !type.isInterface() && !Modifier.isAbstract(type.getModifiers())
                    && dataBoundConstructor(type).isPresent();
        }

        static Optional<Constructor<?>> dataBoundConstructor(Class<?> type) {
            return Arrays.stream(type.getDeclaredConstructors())
                    .filter(c -> c.isAnnotationPresent(DataBoundConstructor.class)).findFirst();
        }

        static DescribableModel of(Class<?> type) {
            Map<String, Type> parameters = new LinkedHashMap<>();
            List<String> required = new ArrayList<>();
            Optional<Constructor<?>> constructor = dataBoundConstructor(type);
            if (constructor.isPresent()) {
                List<String> names = ConstructorParameterNames.of(constructor.get());
                Type[] types = constructor.get().getGenericParameterTypes();
                for (int i = 0; i < names.size(); i++) {
                    parameters.put(names.get(i), types[i]);
                    required.add(names.get(i));
                }
            }
            for (Method m : type.getMethods()) {
                if (m.isAnnotationPresent(DataBoundSetter.class) && m.getParameterCount() == 1
                        && m.getName().startsWith("set")) {
                    parameters.putIfAbsent(Introspector.decapitalize(m.getName().substring(3)),
                            m.getGenericParameterTypes()[0]);
                }
            }
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (f.isAnnotationPresent(DataBoundSetter.class)) {
                        parameters.putIfAbsent(f.getName(), f.getGenericType());
                    }
                }
            }
            Map<String, List<String>> vocabularies = new TreeMap<>();
            parameters.forEach((name, t) -> vocabularyOf(type, name, t).ifPresent(v -> vocabularies.put(name, v)));
            return new DescribableModel(type.getSimpleName(), parameters, required, vocabularies);
        }

        /**
         * An enum parameter's constants; for a String parameter, the constants of the class's nested enum of the
         * same name ({@code type} -> {@code GateDefinition.Type}), or for {@code criticality} the engine's
         * Criticality, which the steps parse the text with.
         */
        private static Optional<List<String>> vocabularyOf(Class<?> owner, String name, Type type) {
            Optional<List<String>> constants = enumConstants(type);
            if (constants.isPresent() || type != String.class) {
                return constants;
            }
            String enumName = Character.toUpperCase(name.charAt(0)) + name.substring(1);
            for (Class<?> nested : owner.getDeclaredClasses()) {
                if (nested.isEnum() && nested.getSimpleName().equals(enumName)) {
                    return enumConstants(nested);
                }
            }
            return name.equals("criticality") ? enumConstants(Criticality.class) : Optional.empty();
        }
    }

    /** Our steps, found in the compiled classes of the plugin package (no ServiceLoader, no Jenkins). */
    record StepCatalog(Map<String, StepInfo> byName, Map<String, DescribableModel> symbols, List<Class<?>> classes) {

        static StepCatalog scan(String packageName) throws IOException {
            List<Class<?>> classes = PackageScanner.classes(packageName);
            Map<String, StepInfo> byName = new TreeMap<>();
            for (Class<?> type : classes) {
                if (!Step.class.isAssignableFrom(type) || Modifier.isAbstract(type.getModifiers())) {
                    continue;
                }
                StepDescriptor descriptor = descriptorOf(type);
                StepInfo step = new StepInfo(descriptor.getFunctionName(), type,
                        descriptor.takesImplicitBlockArgument(), DescribableModel.of(type));
                StepInfo clash = byName.put(step.name(), step);
                if (clash != null) {
                    throw new IllegalStateException("two steps are called " + step.name() + ": " + clash.type()
                            + " and " + type);
                }
            }
            if (byName.isEmpty()) {
                throw new IllegalStateException("no class extending " + Step.class.getName() + " in " + packageName
                        + " (found " + classes.size() + " classes there): are the plugin's classes compiled?");
            }
            return new StepCatalog(byName, symbols(classes, byName.keySet()), classes);
        }

        /** Describables (not steps) whose descriptor has a @Symbol: {@code gate} for GateDefinition. */
        private static Map<String, DescribableModel> symbols(List<Class<?>> classes, Set<String> stepNames) {
            Map<String, DescribableModel> symbols = new TreeMap<>();
            for (Class<?> descriptor : classes) {
                Symbol symbol = descriptor.getAnnotation(Symbol.class);
                Class<?> owner = descriptor.getEnclosingClass();
                if (symbol == null || owner == null || Step.class.isAssignableFrom(owner)
                        || !DescribableModel.isDescribable(owner)) {
                    continue;
                }
                for (String name : symbol.value()) {
                    if (!stepNames.contains(name)) { // a step's function name wins, as in Pipeline
                        symbols.put(name, DescribableModel.of(owner));
                    }
                }
            }
            return symbols;
        }

        Optional<DescribableModel> symbol(String name) {
            return Optional.ofNullable(symbols.get(name));
        }

        /** The nested DescriptorImpl, instantiated as Jenkins would (it must not need a running Jenkins). */
        private static StepDescriptor descriptorOf(Class<?> stepType) {
            for (Class<?> nested : stepType.getDeclaredClasses()) {
                if (StepDescriptor.class.isAssignableFrom(nested) && !Modifier.isAbstract(nested.getModifiers())) {
                    try {
                        Constructor<?> constructor = nested.getDeclaredConstructor();
                        constructor.setAccessible(true);
                        return (StepDescriptor) constructor.newInstance();
                    } catch (ReflectiveOperationException | LinkageError e) {
                        throw new IllegalStateException("cannot instantiate " + nested.getName()
                                + " to ask its function name: " + e, e);
                    }
                }
            }
            throw new IllegalStateException(stepType.getName() + " has no nested StepDescriptor (DescriptorImpl)");
        }

        Set<String> stepNames() {
            return byName.keySet();
        }

        Collection<StepInfo> steps() {
            return byName.values();
        }

        Optional<StepInfo> step(String name) {
            return Optional.ofNullable(byName.get(name));
        }

        /** The class of qualityGate's {@code gates} elements, when it is a describable. */
        Optional<DescribableModel> gateModel() {
            return step("qualityGate")
                    .map(s -> s.model().parameters().get("gates"))
                    .map(PipelineChecker::elementType)
                    .filter(t -> t instanceof Class<?> c && DescribableModel.isDescribable(c))
                    .map(t -> DescribableModel.of((Class<?>) t));
        }

        /** The global configuration: the non-step class of the package with {@code @Symbol("parallelWorktrees")}. */
        Optional<Class<?>> globalConfiguration() {
            return classes.stream()
                    .filter(c -> !Step.class.isAssignableFrom(c))
                    .filter(c -> hasSymbol(c, "parallelWorktrees"))
                    .findFirst();
        }

        private static boolean hasSymbol(AnnotatedElement element, String name) {
            Symbol symbol = element.getAnnotation(Symbol.class);
            return symbol != null && Arrays.asList(symbol.value()).contains(name);
        }
    }

    /** The classes of a package and its sub-packages, from the class path roots that are not this test's own. */
    static final class PackageScanner {

        private PackageScanner() {
        }

        static List<Class<?>> classes(String packageName) throws IOException {
            String folder = packageName.replace('.', '/');
            ClassLoader loader = PipelineContractTest.class.getClassLoader();
            Path ownRoot = codeSourceOf(PipelineContractTest.class);
            Set<String> names = new TreeSet<>();
            for (Enumeration<URL> roots = loader.getResources(folder); roots.hasMoreElements(); ) {
                URL root = roots.nextElement();
                if (root.getProtocol().equals("file")) {
                    Path dir = toPath(root);
                    if (ownRoot != null && dir.startsWith(ownRoot)) {
                        continue; // test classes (this one, and tests' fixtures) are not the plugin's steps
                    }
                    try (Stream<Path> files = Files.walk(dir)) {
                        files.filter(f -> f.toString().endsWith(".class")).forEach(f -> names.add(
                                packageName + "." + dir.relativize(f).toString()
                                        .replace(f.getFileSystem().getSeparator(), ".").replaceAll("\\.class$", "")));
                    }
                } else if (root.getProtocol().equals("jar")) {
                    JarURLConnection connection = (JarURLConnection) root.openConnection();
                    connection.setUseCaches(false);
                    try (JarFile jar = connection.getJarFile()) {
                        for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                            String entry = entries.nextElement().getName();
                            if (entry.startsWith(folder + "/") && entry.endsWith(".class")) {
                                names.add(entry.replace('/', '.').replaceAll("\\.class$", ""));
                            }
                        }
                    }
                }
            }
            List<Class<?>> classes = new ArrayList<>();
            List<String> unloadable = new ArrayList<>();
            for (String name : names) {
                if (name.endsWith("package-info")) {
                    continue;
                }
                try {
                    classes.add(Class.forName(name, false, loader));
                } catch (ClassNotFoundException | LinkageError e) {
                    unloadable.add(name + " (" + e + ")");
                }
            }
            if (!unloadable.isEmpty()) {
                throw new IllegalStateException("classes of " + packageName + " that do not load: " + unloadable);
            }
            return classes;
        }

        private static Path codeSourceOf(Class<?> type) {
            try {
                return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
            } catch (URISyntaxException | RuntimeException e) {
                return null;
            }
        }

        private static Path toPath(URL url) {
            try {
                return Path.of(url.toURI()).toAbsolutePath();
            } catch (URISyntaxException e) {
                throw new IllegalStateException(url.toString(), e);
            }
        }
    }

    /**
     * A constructor's parameter names as Stapler finds them: from reflection when javac ran with
     * {@code -parameters}, else from the class file's LocalVariableTable (javac {@code -g}, Maven's default).
     */
    static final class ConstructorParameterNames {

        private ConstructorParameterNames() {
        }

        static List<String> of(Constructor<?> constructor) {
            Parameter[] parameters = constructor.getParameters();
            if (Arrays.stream(parameters).allMatch(Parameter::isNamePresent)) {
                return Arrays.stream(parameters).map(Parameter::getName).toList();
            }
            return fromLocalVariableTable(constructor).orElseThrow(() -> new IllegalStateException(
                    "cannot read the parameter names of " + constructor + ": compile with -g (debug information, "
                            + "Maven's default) or -parameters, as Jenkins needs them to bind named arguments"));
        }

        static Optional<List<String>> fromLocalVariableTable(Constructor<?> constructor) {
            Class<?> type = constructor.getDeclaringClass();
            byte[] bytes;
            String resource = type.getName().replace('.', '/') + ".class";
            try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    return Optional.empty();
                }
                bytes = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Map<Integer, String> slots = localVariables(ByteBuffer.wrap(bytes), "<init>", descriptor(constructor));
            List<String> names = new ArrayList<>();
            int slot = 1; // 0 is this
            for (Class<?> p : constructor.getParameterTypes()) {
                String name = slots.get(slot);
                if (name == null) {
                    return Optional.empty();
                }
                names.add(name);
                slot += p == long.class || p == double.class ? 2 : 1;
            }
            return Optional.of(names);
        }

        /** Slot -> name from the LocalVariableTable of one method (JVMS 4.7.13). */
        private static Map<Integer, String> localVariables(ByteBuffer in, String method, String descriptor) {
            in.position(8); // magic, minor, major
            int constants = u2(in);
            String[] utf8 = new String[constants];
            for (int i = 1; i < constants; i++) {
                int tag = in.get() & 0xFF;
                switch (tag) {
                    case 1 -> utf8[i] = modifiedUtf8(in);
                    case 3, 4 -> skip(in, 4);
                    case 5, 6 -> {
                        skip(in, 8);
                        i++; // a long or double takes two entries
                    }
                    case 7, 8, 16, 19, 20 -> skip(in, 2);
                    case 9, 10, 11, 12, 17, 18 -> skip(in, 4);
                    case 15 -> skip(in, 3);
                    default -> throw new IllegalStateException("unknown constant pool tag " + tag);
                }
            }
            skip(in, 6); // access, this, super
            skip(in, 2 * u2(in)); // interfaces
            for (int fields = u2(in); fields > 0; fields--) {
                skip(in, 6);
                skipAttributes(in);
            }
            for (int methods = u2(in); methods > 0; methods--) {
                skip(in, 2);
                String name = utf8[u2(in)];
                String desc = utf8[u2(in)];
                for (int attributes = u2(in); attributes > 0; attributes--) {
                    String attribute = utf8[u2(in)];
                    int length = in.getInt();
                    int end = in.position() + length;
                    if (attribute.equals("Code") && name.equals(method) && desc.equals(descriptor)) {
                        skip(in, 4); // max_stack, max_locals
                        skip(in, in.getInt()); // the code
                        skip(in, 8 * u2(in)); // exception table
                        Map<Integer, String> slots = new HashMap<>();
                        for (int codeAttributes = u2(in); codeAttributes > 0; codeAttributes--) {
                            String codeAttribute = utf8[u2(in)];
                            int codeLength = in.getInt();
                            int codeEnd = in.position() + codeLength;
                            if (codeAttribute.equals("LocalVariableTable")) {
                                for (int n = u2(in); n > 0; n--) {
                                    int start = u2(in);
                                    skip(in, 2);
                                    String variable = utf8[u2(in)];
                                    skip(in, 2);
                                    int index = u2(in);
                                    if (start == 0) { // parameters are live from the first instruction
                                        slots.putIfAbsent(index, variable);
                                    }
                                }
                            }
                            in.position(codeEnd);
                        }
                        return slots;
                    }
                    in.position(end);
                }
            }
            return Collections.emptyMap();
        }

        private static void skipAttributes(ByteBuffer in) {
            for (int attributes = u2(in); attributes > 0; attributes--) {
                skip(in, 2);
                skip(in, in.getInt());
            }
        }

        private static String modifiedUtf8(ByteBuffer in) {
            int length = u2(in);
            byte[] bytes = new byte[2 + length];
            bytes[0] = (byte) (length >> 8);
            bytes[1] = (byte) length;
            in.get(bytes, 2, length);
            try {
                return new DataInputStream(new ByteArrayInputStream(bytes)).readUTF();
            } catch (IOException e) {
                return new String(bytes, 2, length, StandardCharsets.UTF_8);
            }
        }

        private static int u2(ByteBuffer in) {
            return in.getShort() & 0xFFFF;
        }

        private static void skip(ByteBuffer in, int n) {
            in.position(in.position() + n);
        }

        static String descriptor(Constructor<?> constructor) {
            return Arrays.stream(constructor.getParameterTypes()).map(ConstructorParameterNames::descriptor)
                    .collect(Collectors.joining("", "(", ")V"));
        }

        private static String descriptor(Class<?> type) {
            if (type.isArray()) {
                return "[" + descriptor(type.getComponentType());
            }
            if (!type.isPrimitive()) {
                return "L" + type.getName().replace('.', '/') + ";";
            }
            return switch (type.getName()) {
                case "boolean" -> "Z";
                case "byte" -> "B";
                case "char" -> "C";
                case "short" -> "S";
                case "int" -> "I";
                case "long" -> "J";
                case "float" -> "F";
                case "double" -> "D";
                default -> "V";
            };
        }
    }
}
