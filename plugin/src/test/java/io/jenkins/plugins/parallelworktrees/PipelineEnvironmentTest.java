package io.jenkins.plugins.parallelworktrees;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.TaskListener;
import io.github.parallelworktrees.engine.process.Environment;
import io.github.parallelworktrees.engine.testing.TestRepo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Pipeline's environment (withEnv, environment {}, withCredentials, tool PATH entries) reaches every process the
 * engine starts on the agent, through the callables, by the rules jenkins core's Launcher applies to {@code sh}.
 */
class PipelineEnvironmentTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final TaskListener listener = () -> new PrintStream(out, true, StandardCharsets.UTF_8);

    @Test
    void thePipelinesVariablesOverrideTheAgentsAsLauncherInheritDoes() {
        Map<String, String> pipeline = new TreeMap<>(Map.of(
                "GIT_AUTHOR_NAME", "CI",
                "PATH+MAVEN", "/opt/maven/bin",
                "DROPPED", "",
                "SHARED", "pipeline"));
        Environment agent = Environment.of(Map.of("PATH", "/usr/bin:/bin", "DROPPED", "agent", "SHARED", "agent",
                "HOME", "/home/agent"));

        Environment effective = PipelineEnvironment.of(pipeline).over(agent);

        // EnvVars.override: an empty value removes, KEY+SUFFIX prepends to KEY, anything else replaces
        assertThat(effective.variables()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "GIT_AUTHOR_NAME", "CI",
                "PATH", "/opt/maven/bin:/usr/bin:/bin",
                "SHARED", "pipeline",
                "HOME", "/home/agent"));
    }

    @Test
    void theRunPlanCallableStartsEveryProcessInThePipelinesEnvironment() throws IOException, InterruptedException {
        TestRepo repo = TestRepo.create(tmp.resolve("ws"));
        repo.git().run("config", "--unset", "user.name");
        repo.git().run("config", "--unset", "user.email");
        Path bin = Files.createDirectories(tmp.resolve("tool-bin"));
        Path tool = Files.writeString(bin.resolve("pipeline-worker"), "#!/bin/sh\nmkdir -p src\n"
                + "echo \"$PIPELINE_MARK\" > src/mark.txt\necho '# R' > RESULTS.md\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        repo.write("specs/plan.yaml", """
                feature: shop
                worker: {type: command, run: pipeline-worker}
                workstreams: [{name: a, prompt: x}]
                """);
        repo.commitAll("plan");
        Map<String, String> pipeline = Map.of(
                "WORKSPACE", repo.dir().toString(),
                "PATH+TOOL", bin.toString(),
                "HOME", Files.createDirectories(tmp.resolve("home")).toString(),
                "GIT_CONFIG_NOSYSTEM", "1",
                "PIPELINE_MARK", "bound-by-withEnv",
                "GIT_AUTHOR_NAME", "Jenkins Author",
                "GIT_AUTHOR_EMAIL", "author@ci.invalid",
                "GIT_COMMITTER_NAME", "Jenkins Committer",
                "GIT_COMMITTER_EMAIL", "committer@ci.invalid");
        PlanExecution.RunPlan run = new PlanExecution.RunPlan("specs/plan.yaml",
                repo.dir().toString(), PipelineEnvironment.of(pipeline), null, false, WorkerDefaults.NONE, null,
                new BuildLog(listener, List.of()));

        WorkersReport report = run.invoke(repo.dir().toFile(), null);

        assertThat(report.outcomes()).as(out.toString(StandardCharsets.UTF_8)).containsEntry("a", "done");
        assertThat(repo.git().run("show", "shop/a:src/mark.txt")).isEqualTo("bound-by-withEnv");
        assertThat(repo.git().run("log", "-1", "--format=%an <%ae> / %cn <%ce>", "shop/a"))
                .isEqualTo("Jenkins Author <author@ci.invalid> / Jenkins Committer <committer@ci.invalid>");
    }
}
