package io.jenkins.plugins.parallelworktrees;

import io.github.parallelworktrees.engine.testing.ClaudeCli;
import io.github.parallelworktrees.engine.testing.TestRepo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;

/**
 * The repositories the Pipeline tests check out: real git, a committed plan, workers that need no network.
 *
 * <p>Also the base of the step tests that run Pipelines in one Jenkins ({@code @WithJenkins}, which gives
 * {@link #r}): the build logs on the console, a temporary directory for the repositories, and the job.
 */
abstract class PipelineFixtures {

    /** Two command workers; each commits a file and writes a RESULTS.md with a script tag in it. */
    static final String COMMAND_PLAN = """
            feature: shop
            worker: {type: command, run: "echo $PWT_WORKSTREAM > $PWT_WORKSTREAM.txt && printf '# Results\\\\n\\\\nAdded %s.\\\\n\\\\n<script>alert(1)</script>\\\\n' $PWT_WORKSTREAM > RESULTS.md"}
            workstreams:
              - {name: api, prompt: Build the API.}
              - {name: docs, prompt: Write the docs.}
            """;

    /** A rehearsal: the real Claude Code CLI writes a file and RESULTS.md and commits, against a scripted model. */
    static final String REHEARSAL = """
            turns:
              - tool_use: {name: Write, input: {file_path: "{{worktree}}/src/{{workstream}}.txt", content: "made by {{workstream}}\\n"}}
              - tool_use: {name: Write, input: {file_path: "{{worktree}}/RESULTS.md", content: "# Results\\n\\nWrote src/{{workstream}}.txt.\\n"}}
              - tool_use: {name: Bash, input: {command: "git add -A && git commit -q -m '{{workstream}}: add file'", description: commit}}
              - text: Done.
            """;

    @SuppressWarnings("unused")
    @RegisterExtension
    static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    @TempDir
    Path tmp;

    JenkinsRule r;

    @BeforeEach
    void jenkins(JenkinsRule rule) {
        r = rule;
    }

    /** {@link #origin(Path, String, Map)} in the temporary directory. */
    TestRepo origin(String plan, Map<String, String> files) {
        return origin(tmp.resolve("origin"), plan, files);
    }

    /** {@link #origin(Path, String, Map)} in the temporary directory, with the plan only. */
    TestRepo origin(String plan) {
        return origin(plan, Map.of());
    }

    /** A Pipeline job "p" running {@code script} in the sandbox. */
    WorkflowJob pipeline(String script) throws Exception {
        return pipeline(r, script);
    }

    /** A Pipeline job "p" that clones {@code origin} on a node and runs {@code steps} (lines) there. */
    WorkflowJob pipelineOn(TestRepo origin, String steps) throws Exception {
        return pipeline("node {\n" + checkout(origin) + steps + "}\n");
    }

    /** A repository with the plan at specs/plan.yaml and the other files given, all committed on main. */
    static TestRepo origin(Path dir, String plan, Map<String, String> files) {
        TestRepo repo = TestRepo.create(dir);
        repo.write("specs/plan.yaml", plan);
        files.forEach(repo::write);
        repo.commitAll("plan");
        return repo;
    }

    /** A plan of Claude workers rehearsing {@link #REHEARSAL} with the pinned CLI. */
    static String rehearsalPlan(String workstreams) {
        return "feature: shop\nworker: {type: claude, claudePath: '" + ClaudeCli.binary()
                + "', rehearsal: specs/rehearsal.yaml, allowedTools: ['Bash(git:*)'], timeoutMinutes: 3}\n"
                + workstreams;
    }

    /** A Pipeline job "p" running {@code script} in the sandbox. */
    static WorkflowJob pipeline(JenkinsRule r, String script) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, "p");
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p;
    }

    /** Pipeline lines that clone {@code origin} into the current directory, with a committer identity. */
    static String checkout(TestRepo origin) {
        return "sh 'git clone -q " + origin.dir() + " . && git config user.name CI"
                + " && git config user.email ci@example.invalid'\n";
    }

    /** Makes {@code file} of {@code repo} executable and commits it (git keeps the bit). */
    static void executable(TestRepo repo, String file) {
        try {
            Files.setPosixFilePermissions(repo.dir().resolve(file), PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        repo.commitAll("make " + file + " executable");
    }
}
