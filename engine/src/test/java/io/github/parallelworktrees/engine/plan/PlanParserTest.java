package io.github.parallelworktrees.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.parallelworktrees.engine.gate.Criticality;
import io.github.parallelworktrees.engine.gate.Gate;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PlanParserTest {

    private static final Path YAML = Path.of("specs/plan.yaml");

    private static Plan parse(String text) {
        return PlanParser.parse(YAML, text);
    }

    private static PlanException error(Path file, String text) {
        try {
            PlanParser.parse(file, text);
        } catch (PlanException e) {
            return e;
        }
        throw new AssertionError("expected the plan to be refused");
    }

    private static PlanException error(String text) {
        return error(YAML, text);
    }

    @Test
    void readsEveryKeyOfTheDesignExample() {
        Plan plan = parse("""
                feature: conversation_system
                base: main
                integration: conversation_system/integration
                maxParallel: 3
                budgetUsd: 40.0
                autoMerge: false
                setup: ["npm ci"]
                env: {PORT: 8000, MODE: dev}
                worker:
                  type: claude
                  model: opus
                  maxTurns: 40
                  timeoutMinutes: 30
                  permissionMode: acceptEdits
                  budgetUsd: 5.0
                  claudePath: /opt/claude
                workstreams:
                  - name: core-pipeline
                    prompt: "Implement the pipeline"
                    files: ["src/pipeline/**"]
                  - name: api
                    tasks: specs/api.md
                    dependsOn: [core-pipeline]
                    worker: {type: command, run: "./scripts/ws.sh"}
                waves:
                  - wave: 1
                    gate: {command: "mvn -B verify", junit: "**/surefire-reports/*.xml",
                           coverage: "**/jacoco.xml", minLine: 55, criticality: FAILURE}
                    partial: true
                merge:
                  policies:
                    - {path: "src/config.py", strategy: owner, owner: core-pipeline}
                    - {path: "src/logging_config.py", strategy: union}
                """);

        assertThat(plan.feature()).isEqualTo("conversation_system");
        assertThat(plan.base()).contains("main");
        assertThat(plan.maxParallel()).isEqualTo(3);
        assertThat(plan.budgetUsd()).contains(40.0);
        assertThat(plan.setup()).containsExactly("npm ci");
        assertThat(plan.env()).containsEntry("PORT", "8000").containsEntry("MODE", "dev");
        Workstream core = plan.workstream("core-pipeline").orElseThrow();
        assertThat(core.worker().type()).isEqualTo(WorkerType.CLAUDE);
        assertThat(core.worker().model()).isEqualTo("opus");
        assertThat(core.worker().maxTurns()).contains(40);
        assertThat(core.worker().timeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(core.worker().claudePath()).isEqualTo("/opt/claude");
        assertThat(core.files()).containsExactly("src/pipeline/**");
        assertThat(core.wave()).isEqualTo(1);
        Workstream api = plan.workstream("api").orElseThrow();
        assertThat(api.worker().type()).isEqualTo(WorkerType.COMMAND);
        assertThat(api.worker().run()).contains("./scripts/ws.sh");
        assertThat(api.worker().model()).as("inherited from the plan's worker").isEqualTo("opus");
        assertThat(api.tasksFile()).contains("specs/api.md");
        assertThat(api.wave()).isEqualTo(2);
        assertThat(plan.waves()).hasSize(2);
        assertThat(plan.waves().get(0).partial()).isTrue();
        assertThat(plan.waves().get(0).gate().orElseThrow().path("minLine").asInt()).isEqualTo(55);
        assertThat(plan.waves().get(0).gateSpec().orElseThrow().gates()).extracting(Gate::name)
                .containsExactly("command 'mvn -B verify'", "failed tests", "line coverage");
        assertThat(plan.waves().get(0).gateSpec().orElseThrow().gates()).extracting(Gate::criticality)
                .containsOnly(Criticality.FAILURE);
        assertThat(plan.mergePolicies()).extracting(MergePolicy::strategy).containsExactly("owner", "union");
        assertThat(plan.branchOf(api)).isEqualTo("conversation_system/api");
    }

    @Test
    void appliesDefaults() {
        Plan plan = parse("""
                workstreams:
                  - {name: a, prompt: x}
                  - {name: b, prompt: y}
                """);
        assertThat(plan.feature()).isEqualTo("plan");
        assertThat(plan.base()).isEmpty();
        assertThat(plan.integration()).isEqualTo("plan/integration");
        assertThat(plan.maxParallel()).isEqualTo(2);
        assertThat(plan.autoMerge()).isFalse();
        WorkerSpec worker = plan.workstreams().get(0).worker();
        assertThat(worker.type()).isEqualTo(WorkerType.CLAUDE);
        assertThat(worker.model()).isEqualTo("sonnet");
        assertThat(worker.permissionMode()).isEqualTo("acceptEdits");
        assertThat(worker.timeout()).isEqualTo(Duration.ofMinutes(60));
        assertThat(worker.claudePath()).isEqualTo("claude");
    }

    @Test
    void readsJson() {
        Plan plan = PlanParser.parse(Path.of("f.json"), """
                {"feature": "f", "workstreams": [{"name": "a", "prompt": "x", "worker": {"type": "command", "run": "true"}}]}
                """);
        assertThat(plan.workstreams()).extracting(Workstream::name).containsExactly("a");
    }

    @Test
    void readsTheYamlBlockOfAMarkdownSpecAndDerivesTheFeatureFromItsTimestampedName() {
        Plan plan = PlanParser.parse(Path.of("specs/2025_06_07_14_35_00_conversation_system.md"), """
                # Conversation system

                Some prose, and a sample that is not the plan:

                ```json
                {"not": "the plan"}
                ```

                ```yaml
                workstreams:
                  - {name: core, prompt: build it}
                ```
                """);
        assertThat(plan.feature()).isEqualTo("conversation_system");
        assertThat(plan.workstreams()).extracting(Workstream::name).containsExactly("core");
    }

    @Test
    void reportsLinesOfTheMarkdownFileNotOfTheBlock() {
        PlanException e = error(Path.of("spec.md"), """
                # Spec

                ```yaml
                workstreams:
                  - name: core
                    prompt: x
                    dependsOn: [nope]
                ```
                """);
        assertThat(e.problems()).singleElement().asString().startsWith("spec.md:7: ");
    }

    @Test
    void refusesAMarkdownSpecWithoutExactlyOneYamlBlock() {
        assertThat(error(Path.of("spec.md"), "# nothing here\n").getMessage())
                .contains("spec.md").contains("exactly one ```yaml block").contains("found 0");
    }

    @Test
    void namesFileAndLineOfMalformedYaml() {
        PlanException e = error("""
                feature: x
                workstreams:
                  - name: a
                    prompt: [unclosed
                  - name: b
                """);
        assertThat(e.getMessage()).matches("(?s)specs/plan\\.yaml:\\d+: malformed YAML: .*");
    }

    @Test
    void namesFileAndLineOfMalformedJson() {
        PlanException e = error(Path.of("p.json"), "{\n  \"workstreams\": [\n    {\"name\": \"a\",}\n  ]\n}\n");
        assertThat(e.getMessage()).startsWith("p.json:3: malformed JSON");
    }

    @Test
    void aTypoElsewhereDoesNotMakeADerivedWaveLookEmpty() {
        // found on commons-cli: the typo stopped the waves from being derived, and wave 2 (of b, after a) was then
        // said to have no workstreams, a second error that was false
        PlanException e = error("""
                maxParalel: 2
                waves: [{wave: 2, gate: {command: 'true'}}]
                workstreams:
                  - {name: a, prompt: x}
                  - {name: b, prompt: x, dependsOn: [a]}
                """);
        assertThat(e.problems()).hasSize(1);
        assertThat(e.problems().get(0)).startsWith("specs/plan.yaml:1: unknown key 'maxParalel' in the plan");
        // and a wave that really has no workstreams is still named
        assertThat(error("""
                waves: [{wave: 3, gate: {command: 'true'}}]
                workstreams:
                  - {name: a, prompt: x}
                  - {name: b, prompt: x, dependsOn: [a]}
                """).problems()).containsExactly("specs/plan.yaml:1: wave 3 has no workstreams (the plan's waves are"
                + " [1, 2])");
    }

    @Test
    void namesEveryUnknownKeyWithItsLineAndASuggestion() {
        PlanException e = error("""
                maxParalel: 2
                workstreams:
                  - name: a
                    prompt: x
                    dependson: [b]
                """);
        assertThat(e.problems()).hasSize(2);
        assertThat(e.problems().get(0)).startsWith("specs/plan.yaml:1: unknown key 'maxParalel' in the plan")
                .contains("did you mean 'maxParallel'?");
        assertThat(e.problems().get(1)).startsWith("specs/plan.yaml:5: unknown key 'dependson' in a workstream")
                .contains("did you mean 'dependsOn'?");
    }

    @Test
    void namesTheKeyWhoseValueHasTheWrongTypeAndTheValue() {
        PlanException e = error("""
                feature: f
                worker: {type: command, run: x}
                maxParallel: two
                workstreams: [{name: a, prompt: x}]
                """);
        assertThat(e.problems()).containsExactly("specs/plan.yaml:3: maxParallel must be a whole number, got 'two'");
    }

    @Test
    void namesEveryWrongTypeWithItsPath() {
        PlanException e = error("""
                autoMerge: sometimes
                budgetUsd: [1]
                workstreams:
                  - name: a
                    prompt: x
                    wave: 1.5
                    files: {src: x}
                    worker: {maxTurns: 99999999999}
                """);
        assertThat(e.problems()).containsExactly(
                "specs/plan.yaml:1: autoMerge must be true or false, got 'sometimes'",
                "specs/plan.yaml:2: budgetUsd must be a number, got a list",
                "specs/plan.yaml:6: workstreams[0].wave must be a whole number, got 1.5",
                "specs/plan.yaml:7: workstreams[0].files must be a list, got a mapping",
                "specs/plan.yaml:8: workstreams[0].worker.maxTurns must be a whole number, got 99999999999");
    }

    @Test
    void reportsUnknownKeysWrongTypesAndPlanProblemsTogether() {
        PlanException e = error("""
                maxParalel: 2
                maxParallel: two
                workstreams:
                  - name: a
                    prompt: x
                    dependsOn: [confg]
                """);
        assertThat(e.problems()).hasSize(3);
        assertThat(e.getMessage()).contains("specs/plan.yaml:1: unknown key 'maxParalel'")
                .contains("specs/plan.yaml:2: maxParallel must be a whole number, got 'two'")
                .contains("specs/plan.yaml:6: workstream 'a' depends on unknown workstream 'confg'");
    }

    @Test
    void aWrongTypeIsNotReportedAgainAsAMissingValue() {
        PlanException e = error("""
                workstreams:
                  - name: [a]
                    prompt: x
                """);
        assertThat(e.problems()).containsExactly("specs/plan.yaml:2: workstreams[0].name must be a text value, got a"
                + " list");
    }

    @Test
    void scalarsAreReadAsTheTypeThePlanNeeds() {
        Plan plan = parse("""
                maxParallel: "3"
                autoMerge: "true"
                workstreams: [{name: a, prompt: 42, files: "src/**"}]
                """);
        assertThat(plan.maxParallel()).isEqualTo(3);
        assertThat(plan.autoMerge()).isTrue();
        assertThat(plan.workstreams().get(0).prompt()).contains("42");
        assertThat(plan.workstreams().get(0).files()).containsExactly("src/**");
    }

    @Test
    void autoMergeLandsWorkAsAQueueUnlessThePlanSaysWavesAndGateSlotsAreOneToEight() {
        assertThat(parse("autoMerge: true\nworkstreams: [{name: a, prompt: x}]\n").mergeMode())
                .isEqualTo(MergeMode.QUEUE);
        Plan waves = parse("autoMerge: true\nmerge: {mode: waves, gateSlots: 3}\nworkstreams: [{name: a, prompt: x}]\n");
        assertThat(waves.mergeMode()).isEqualTo(MergeMode.WAVES);
        assertThat(waves.gateSlots()).isEqualTo(3);
        assertThat(parse("workstreams: [{name: a, prompt: x}]\n").gateSlots()).isEqualTo(1);
        assertThat(error("merge: {gateSlots: 0}\nworkstreams: [{name: a, prompt: x}]\n").getMessage())
                .contains("merge.gateSlots must be from 1 to 8").contains("got 0");
        assertThat(error("merge: {gateSlot: 2}\nworkstreams: [{name: a, prompt: x}]\n").getMessage())
                .contains("unknown key 'gateSlot'");
    }

    @Test
    void refusesAnEnvValueWithALineBreak() {
        PlanException e = error("""
                env:
                  PORT: 8000
                  GREETING: "hello\\nINJECTED=1"
                workstreams: [{name: a, prompt: x}]
                """);
        assertThat(e.problems()).singleElement().asString()
                .startsWith("specs/plan.yaml:3: env 'GREETING' holds a line break");
    }

    @Test
    void refusesASecondYamlDocumentNamingItsLine() {
        PlanException e = error("""
                workstreams: [{name: a, prompt: x}]
                ---
                workstreams: [{name: b, prompt: y}]
                """);
        assertThat(e.problems()).singleElement().asString()
                .startsWith("specs/plan.yaml:2: a second YAML document starts here ('---')");
        assertThat(error("workstreams: [{name: a, prompt: x}]\n---\n").getMessage())
                .startsWith("specs/plan.yaml:2: a second YAML document");
        assertThat(parse("---\nworkstreams: [{name: a, prompt: x}]\n...\n").workstreams()).hasSize(1);
    }

    @Test
    void refusesMoreJsonAfterThePlan() {
        PlanException e = error(Path.of("plan.json"), """
                {"workstreams": [{"name": "a", "prompt": "x"}]}
                {"workstreams": [{"name": "b", "prompt": "y"}]}
                """);
        assertThat(e.getMessage()).startsWith("plan.json:2: more JSON after the plan's closing '}'");
    }

    @Test
    void acceptsAnyRevisionAsBaseAndRefusesOnlyWhatCannotBeOne() {
        for (String base : new String[] {"HEAD~1", "v1.0^{commit}", "main@{1}", "4b825dc6", "release/2.x"}) {
            assertThat(parse("base: \"" + base + "\"\nworkstreams: [{name: a, prompt: x}]\n").base()).as(base)
                    .contains(base);
        }
        assertThat(error("base: \"--upload-pack=x\"\nworkstreams: [{name: a, prompt: x}]\n").getMessage())
                .startsWith("specs/plan.yaml:1: base '--upload-pack=x' starts with '-'");
        assertThat(error("base: \"a b\"\nworkstreams: [{name: a, prompt: x}]\n").getMessage())
                .contains("holds a space or control character");
    }

    @Test
    void refusesPlanTextOverOneMiBBeforeParsingIt() {
        String huge = "workstreams: [{name: a, prompt: \"" + "x".repeat(10_000_000) + "\"}]\n";
        long started = System.nanoTime();

        PlanException e = error(huge);

        assertThat(e.getMessage()).isEqualTo("specs/plan.yaml: the plan is larger than 1 MiB, the most a plan may be;"
                + " put long instructions in a tasks file of their own ('tasks: specs/<workstream>.md') instead of in"
                + " the plan");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void refusesAnIntegrationBranchThatAWorkstreamBranchWouldBeInside() {
        PlanException e = error("""
                feature: feat
                integration: feat/a
                workstreams: [{name: a, prompt: x}, {name: b, prompt: y}]
                """);
        assertThat(e.problems()).singleElement().asString().isEqualTo("specs/plan.yaml:2: integration branch 'feat/a'"
                + " is the branch of workstream 'a'; choose another 'integration:' branch");
        e = error("""
                feature: feat
                integration: feat
                workstreams: [{name: a, prompt: x}]
                """);
        assertThat(e.problems()).singleElement().asString().startsWith("specs/plan.yaml:2: integration branch 'feat'"
                + " and workstream branch 'feat/a' cannot both exist");
    }

    @Test
    void refusesDuplicateWorkstreamsNamingBothLines() {
        PlanException e = error("""
                workstreams:
                  - name: api
                    prompt: x
                  - name: api
                    prompt: y
                """);
        assertThat(e.problems()).singleElement().asString()
                .isEqualTo("specs/plan.yaml:4: duplicate workstream 'api' (first defined at specs/plan.yaml:2)");
    }

    @Test
    void refusesNamesThatAreNotSafeBranchOrPathNames() {
        for (String name : new String[] {"../x", "has space", "a..b", "Upper", "x.lock", "-x", "a/b", "trailing."}) {
            PlanException e = error("workstreams:\n  - name: \"" + name + "\"\n    prompt: x\n");
            assertThat(e.getMessage()).as(name).startsWith("specs/plan.yaml:2: workstream name '" + name + "'");
        }
    }

    @Test
    void refusesNamesReservedForTheRunsOwnFiles() {
        assertThat(error("workstreams: [{name: results, prompt: x}]").getMessage()).contains("reserved");
    }

    @Test
    void refusesAFeatureGitWouldRefuse() {
        assertThat(error("feature: \"my feature\"\nworkstreams: [{name: a, prompt: x}]").getMessage())
                .startsWith("specs/plan.yaml:1: feature 'my feature' is not a usable branch prefix");
    }

    @Test
    void namesTheDependencyCycle() {
        PlanException e = error("""
                workstreams:
                  - {name: a, prompt: x, dependsOn: [c]}
                  - {name: b, prompt: x, dependsOn: [a]}
                  - {name: c, prompt: x, dependsOn: [b]}
                """);
        assertThat(e.getMessage()).contains("dependsOn cycle: a -> c -> b -> a");
    }

    @Test
    void suggestsTheClosestNameForAnUnknownDependency() {
        PlanException e = error("""
                workstreams:
                  - {name: config, prompt: x}
                  - {name: api, prompt: x, dependsOn: [confg]}
                """);
        assertThat(e.problems()).singleElement().asString().isEqualTo(
                "specs/plan.yaml:3: workstream 'api' depends on unknown workstream 'confg' (did you mean 'config'?)");
    }

    @Test
    void derivesWavesFromDependencies() {
        Plan plan = parse("""
                workstreams:
                  - {name: a, prompt: x}
                  - {name: b, prompt: x, dependsOn: [a]}
                  - {name: c, prompt: x, dependsOn: [a, b]}
                  - {name: d, prompt: x, wave: 3}
                """);
        assertThat(plan.workstreams()).extracting(Workstream::wave).containsExactly(1, 2, 3, 3);
        assertThat(plan.waves()).extracting(Wave::number).containsExactly(1, 2, 3);
        assertThat(plan.waves().get(2).workstreams()).containsExactly("c", "d");
    }

    @Test
    void refusesAnExplicitWaveThatDoesNotComeAfterADependency() {
        assertThat(error("""
                workstreams:
                  - {name: a, prompt: x}
                  - {name: b, prompt: x, dependsOn: [a], wave: 1}
                """).getMessage()).contains("'b' is in wave 1 but depends on 'a' in wave 1");
    }

    @Test
    void refusesACommandWorkerWithoutACommand() {
        assertThat(error("workstreams: [{name: a, prompt: x, worker: {type: command}}]").getMessage())
                .contains("needs 'run'");
    }

    @Test
    void refusesAWorkstreamWithNothingToDo() {
        assertThat(error("workstreams: [{name: a}]").getMessage()).contains("neither 'prompt' nor 'tasks'");
    }

    @Test
    void refusesThresholdsOutOfRange() {
        PlanException e = error("""
                maxParallel: 0
                worker: {timeoutMinutes: -1, maxTurns: 0, permissionMode: yolo}
                workstreams: [{name: a, prompt: x}]
                env: {PORT: abc}
                """);
        assertThat(e.problems()).hasSize(5);
        assertThat(e.getMessage()).contains("maxParallel must be at least 1").contains("timeoutMinutes must be more")
                .contains("maxTurns must be at least 1").contains("permissionMode 'yolo' is unknown")
                .contains("env PORT must be a port number");
    }

    @Test
    void refusesAnEmptyPlan() {
        assertThat(error("").getMessage()).contains("the plan is empty");
        assertThat(error("feature: x\n").getMessage()).contains("has no workstreams");
    }

    @Test
    void warnsAboutOverlappingFileScopes() {
        Plan plan = parse("""
                workstreams:
                  - {name: a, prompt: x, files: ["src/**"]}
                  - {name: b, prompt: x, files: ["src/pipeline/**"]}
                  - {name: c, prompt: x, files: ["docs/**"]}
                """);
        assertThat(plan.warnings()).singleElement().asString().contains("'a' and 'b' share files");
    }

    @Test
    void aScopeTwoWorkstreamsShareIsNamedOnce() {
        Plan plan = parse("""
                workstreams:
                  - {name: a, prompt: x, files: ["src/Options.java"]}
                  - {name: b, prompt: x, files: ["src/Options.java"]}
                """);
        assertThat(plan.warnings()).singleElement().asString().contains("share files ('src/Options.java');");
    }

    @Test
    void checksAWavesGateKeysAndThresholds() {
        PlanException e = error("""
                workstreams: [{name: a, prompt: x}]
                waves:
                  - wave: 1
                    gate: {coverage: "**/jacoco.xml", minLine: 150, critcality: FAILURE}
                """);
        assertThat(e.problems()).singleElement().asString()
                .startsWith("specs/plan.yaml:4: unknown key 'critcality' in a gate (did you mean 'criticality'?)");
        PlanException range = error("""
                workstreams: [{name: a, prompt: x}]
                waves:
                  - wave: 1
                    gate: {coverage: "**/jacoco.xml", minLine: 150, maxFailures: -1, criticality: FATAL}
                """);
        assertThat(range.getMessage()).contains("minLine must be a percentage from 0 to 100, got 150.0")
                .contains("maxFailures must be 0 or more, got -1")
                .contains("criticality 'FATAL' is unknown; use NOTE, UNSTABLE, ERROR or FAILURE");
    }

    @Test
    void refusesMergePoliciesThatNameNoWorkstream() {
        assertThat(error("""
                workstreams: [{name: config, prompt: x}]
                merge:
                  policies: [{path: "a.py", strategy: owner, owner: confg}]
                """).getMessage()).contains("'confg' is unknown (did you mean 'config'?)");
    }
}
