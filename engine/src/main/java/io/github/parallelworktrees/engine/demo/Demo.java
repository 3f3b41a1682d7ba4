package io.github.parallelworktrees.engine.demo;

import io.github.parallelworktrees.engine.git.Git;
import io.github.parallelworktrees.engine.plan.WorkerSpec;
import io.github.parallelworktrees.engine.plan.WorkerType;
import io.github.parallelworktrees.engine.process.Environment;
import io.github.parallelworktrees.engine.report.DesignedOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A throwaway repository with a small project and a plan of four workstreams in two waves, whose workers are
 * plain commands: the whole product can be tried offline, in seconds, without an API key.
 */
public final class Demo {

    /** The demo's plan, a timestamped Markdown spec as in the seed (feature name derived from the file name). */
    public static final String PLAN = "specs/2025_06_07_14_35_00_greeting_service.md";

    /**
     * The outcome the demo is built to have: 'shortcut' left out as the culprit of its wave's gate, everything else
     * landed. The run is then recorded as failed (a workstream did not land); the report's headline says that this
     * is the outcome the demo shows, or that the demo did not go as designed.
     */
    public static final DesignedOutcome DESIGN = new DesignedOutcome("the demo", Set.of("shortcut"),
            "'shortcut' breaks the tests on purpose, to show the gate catching it and bisection isolating it.");

    private Demo() {
    }

    /** The rehearsal script the Claude variant of the demo replays for each workstream. */
    public static final String REHEARSAL = "specs/demo-rehearsal.yaml";

    /**
     * Creates the demo repository in {@code dir} (which must be missing or empty) and returns its plan file.
     */
    public static Path create(Path dir, Environment environment) {
        return create(dir, environment, null);
    }

    /**
     * The same, with Claude workers: real Claude Code processes (the CLI at {@code claudePath}) against a
     * scripted model, so the demo still needs no network and no API key.
     */
    public static Path createWithClaude(Path dir, Environment environment, String claudePath) {
        return create(dir, environment, claudePath);
    }

    /** The agents demo's spec, which its planner turns into {@link #AGENTS_PLAN}. */
    public static final String AGENTS_SPEC = "specs/greeting.md";
    /** Where the agents demo's planner writes its plan (feature {@code greeting}). */
    public static final String AGENTS_PLAN = "specs/greeting.plan.yaml";
    /** The agents demo's rehearsal scripts: the planner's, the racers', the workers' and the reviewer's. */
    public static final String AGENTS_REHEARSALS = "specs/rehearsals";
    private static final List<String> AGENTS_SCRIPTS = List.of("planner.yaml", "core-racer-1.yaml",
            "core-racer-2.yaml", "core-racer-3.yaml", "api.yaml", "worker.yaml", "reviewer.yaml");

    /**
     * The agents demo's repository: a small project, a spec and no plan. Everything an agent does comes from a
     * rehearsal script in {@link #AGENTS_REHEARSALS}, replayed to the real Claude Code CLI at {@code claudePath}:
     * the planner writes the plan from the spec (first with a mistake pwt's validation sends back), the plan races
     * three agents on one workstream and has the two others reviewed (one review asks for changes, which the
     * worker makes). Returns the spec.
     */
    public static Path createForAgents(Path dir, Environment environment, String claudePath) {
        try {
            Git git = init(dir, environment);
            write(dir, "README.md", "# Greeting service\n\nA tiny project for the Parallel Worktrees agents demo.\n");
            write(dir, "src/greeting.txt", "Hello from the base branch.\n");
            write(dir, "scripts/test.sh", TESTS);
            write(dir, ".gitignore", ".env\nbuild/\n");
            write(dir, AGENTS_SPEC, resource("greeting.md"));
            for (String script : AGENTS_SCRIPTS) {
                write(dir, AGENTS_REHEARSALS + "/" + script, resource(script)
                        .replace("@CLAUDE_PATH@", claudePath.replace("'", "''")));
            }
            git.run("add", "--all");
            git.run("commit", "--quiet", "-m", "Greeting service: initial project, spec and rehearsal scripts");
            return dir.resolve(AGENTS_SPEC);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the demo repository in " + dir, e);
        }
    }

    /**
     * The agents demo's planner: Claude Code replaying {@code planner.yaml}; it may edit files (acceptEdits) and
     * run commands (its script writes the plan with the Bash tool).
     */
    public static WorkerSpec agentsPlanner(String claudePath) {
        return new WorkerSpec(WorkerType.CLAUDE, "sonnet", Optional.of(6), Duration.ofMinutes(2), "acceptEdits",
                Optional.empty(), claudePath, Optional.empty(), Optional.of(AGENTS_REHEARSALS + "/planner.yaml"),
                List.of("Bash"), 0, Duration.ofSeconds(1));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = Demo.class.getResourceAsStream("agents/" + name)) {
            if (in == null) {
                throw new IOException("the demo's file agents/" + name + " is missing from pwt's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Git init(Path dir, Environment environment) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> children = Files.list(dir)) {
                if (children.findAny().isPresent()) {
                    throw new IllegalArgumentException(dir + " is not empty; give a new or empty directory");
                }
            }
        }
        Files.createDirectories(dir);
        Git git = Git.in(dir, environment);
        git.run("init", "--quiet", "--initial-branch=main");
        git.run("config", "user.name", "Demo Developer");
        git.run("config", "user.email", "demo@example.invalid");
        return git;
    }

    private static Path create(Path dir, Environment environment, String claudePath) {
        try {
            Git git = init(dir, environment);
            write(dir, "README.md", "# Greeting service\n\nA tiny project for the Parallel Worktrees demo.\n");
            write(dir, "src/greeting.txt", "Hello from the base branch.\n");
            write(dir, ".env", "# local settings, never committed\nPORT=3000\nGREETING=hello\n");
            Path worker = write(dir, "scripts/demo-worker.sh", WORKER);
            Files.setPosixFilePermissions(worker, PosixFilePermissions.fromString("rwxr-xr-x"));
            write(dir, "scripts/test.sh", TESTS);
            write(dir, ".gitignore", ".env\nbuild/\n");
            if (claudePath == null) {
                write(dir, PLAN, SPEC.replace("{{worker}}", COMMAND_WORKER));
            } else {
                write(dir, REHEARSAL, REHEARSAL_SCRIPT);
                write(dir, PLAN, SPEC.replace("{{worker}}", CLAUDE_WORKER.replace("{{claudePath}}",
                        claudePath.replace("'", "''"))));
            }
            git.run("add", "--all");
            git.run("commit", "--quiet", "-m", "Greeting service: initial project and spec");
            return dir.resolve(PLAN);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the demo repository in " + dir, e);
        }
    }

    private static Path write(Path dir, String relative, String text) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private static final String WORKER = """
            #!/bin/sh
            # Stands in for an AI coding agent: does its workstream's small task in its own worktree,
            # commits it, and reports in RESULTS.md as TASKS.md asks.
            set -eu
            ws="$PWT_WORKSTREAM"
            echo "worker $ws: reading $PWT_TASKS"
            mkdir -p src
            if [ "$ws" = "shortcut" ]; then
              echo "worker $ws: taking a shortcut that breaks the tests (on purpose: the gate must catch it)"
              printf 'BROKEN: %s skipped the hard part\\n' "$ws" > "src/$ws.txt"
            else
              printf '%s part of the greeting service (dev server port %s)\\n' "$ws" "${PORT:-unset}" > "src/$ws.txt"
            fi
            sleep "${DEMO_WORK_SECONDS:-0.5}"
            if [ "$ws" = "cli" ]; then
              echo "worker $ws: leaving src/$ws.txt uncommitted (pwt commits what a worker leaves)"
            else
              git add "src/$ws.txt"
              git commit --quiet -m "$ws: add src/$ws.txt"
            fi
            cat > RESULTS.md <<EOF
            # Results: $ws

            Added src/$ws.txt for the $ws part of the greeting service.

            ## Files Changed
            - src/$ws.txt

            ## Challenges and Solutions
            None.

            ## Integration Notes
            Other workstreams can read src/$ws.txt.

            ## Suggestions
            Replace this demo worker with a Claude worker.
            EOF
            touch .claude-task-complete
            echo "worker $ws: done"
            """;

    /**
     * The demo project's test run: one test per part in src/, written as a JUnit XML report and an LCOV
     * coverage report, so that the quality gates read the same formats real tools write. A part whose file
     * says BROKEN fails its test.
     */
    private static final String TESTS = """
            #!/bin/sh
            # The demo's test runner: a test per part in src/, reports in build/ (JUnit XML and LCOV).
            set -eu
            mkdir -p build/test-results build/coverage
            tests=0; failures=0
            : > build/cases.xml
            printf 'TN:demo\\n' > build/coverage/lcov.info
            for f in src/*.txt; do
              part=$(basename "$f" .txt)
              tests=$((tests + 1))
              if grep -q BROKEN "$f"; then
                failures=$((failures + 1))
                printf '<testcase classname="demo.%s" name="works"><failure message="%s is broken"/></testcase>\\n' \\
                  "$part" "$part" >> build/cases.xml
              else
                printf '<testcase classname="demo.%s" name="works"/>\\n' "$part" >> build/cases.xml
              fi
              printf 'SF:%s\\nLF:10\\nLH:8\\nend_of_record\\n' "$f" >> build/coverage/lcov.info
            done
            {
              printf '<?xml version="1.0"?>\\n<testsuite name="demo" tests="%s" failures="%s">\\n' "$tests" "$failures"
              cat build/cases.xml
              printf '</testsuite>\\n'
            } > build/test-results/TEST-demo.xml
            echo "demo tests: $tests run, $failures failed"
            """;


    private static final String COMMAND_WORKER = """
            worker:
              type: command
              run: sh scripts/demo-worker.sh
              timeoutMinutes: 2""";

    private static final String CLAUDE_WORKER = """
            worker:
              type: claude
              claudePath: '{{claudePath}}'
              rehearsal: specs/demo-rehearsal.yaml
              permissionMode: acceptEdits
              allowedTools: ["Bash(git:*)"]
              maxTurns: 10
              timeoutMinutes: 2""";

    /** What each scripted Claude worker does: write its file, commit it, report, mark itself complete. */
    private static final String REHEARSAL_SCRIPT = """
            description: the demo's scripted model; {{workstream}} and {{worktree}} are each worker's own
            turns:
              - text: I read TASKS.md; I will add src/{{workstream}}.txt, commit it and report.
                tool_use:
                  name: Write
                  input: {file_path: "{{worktree}}/src/{{workstream}}.txt", content: "{{workstream}} part of the greeting service, written by Claude\\n"}
              - tool_use:
                  name: Bash
                  input: {command: "git add src/{{workstream}}.txt && git commit -q -m '{{workstream}}: add src/{{workstream}}.txt'", description: Commit the work}
              - tool_use:
                  name: Write
                  input:
                    file_path: "{{worktree}}/RESULTS.md"
                    content: "# Results: {{workstream}}\\n\\nAdded src/{{workstream}}.txt for the {{workstream}} part of the greeting service.\\n\\n## Files Changed\\n- src/{{workstream}}.txt\\n\\n## Challenges and Solutions\\nNone.\\n\\n## Integration Notes\\nOther workstreams can read src/{{workstream}}.txt.\\n\\n## Suggestions\\nNone.\\n"
              - tool_use:
                  name: Write
                  input: {file_path: "{{worktree}}/.claude-task-complete", content: "done\\n"}
              - text: Workstream {{workstream}} is done.
            """;

    private static final String SPEC = """
            # Greeting service

            Four workstreams in two waves: `core` and `config` first; `api` builds on `core` and `cli` on
            `config`. A fifth, `shortcut`, breaks the tests on purpose: wave 2's gate fails with it, bisection
            names it, and the rest of the wave lands. Each wave merges into greeting_service/integration as soon
            as its workers are done (autoMerge), gated by scripts/test.sh's JUnit and LCOV reports. The workers
            are demo commands (scripts/demo-worker.sh); swap in `type: claude` for real agents.

            ```yaml
            maxParallel: 2
            autoMerge: true
            env: {PORT: 8000}
            {{worker}}
            waves:
              - wave: 1
                partial: true
                gate: {command: "sh scripts/test.sh", junit: "build/test-results/*.xml",
                       coverage: "build/coverage/lcov.info", minLine: 55, criticality: FAILURE}
              - wave: 2
                partial: true
                gate: {command: "sh scripts/test.sh", junit: "build/test-results/*.xml",
                       coverage: "build/coverage/lcov.info", minLine: 60, minTests: 4, criticality: FAILURE}
            workstreams:
              - name: core
                prompt: |
                  - Write the greeting core in src/core.txt
                  - Record its interface in COORDINATION.md
                files: ["src/core.txt"]
              - name: config
                prompt: Add the configuration part in src/config.txt.
                files: ["src/config.txt"]
              - name: api
                prompt: Expose the core through an API described in src/api.txt.
                files: ["src/api.txt"]
                dependsOn: [core]
              - name: cli
                prompt: Add a command line in src/cli.txt that reads the configuration.
                files: ["src/cli.txt"]
                dependsOn: [config]
              - name: shortcut
                prompt: An experiment that breaks the tests on purpose, to show the gate isolating a culprit.
                files: ["src/shortcut.txt"]
                dependsOn: [core]
            ```
            """;
}
