package io.github.parallelworktrees.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.parallelworktrees.engine.ledger.RunListener;
import io.github.parallelworktrees.engine.ledger.WorkerRecord;
import io.github.parallelworktrees.engine.ledger.WorkerStatus;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.process.Environment;
import io.github.parallelworktrees.engine.testing.TestRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's processes (setup, the worker, the gate, git's commits and merges) get the environment the caller gave
 * the engine, as a Jenkins step gives the Pipeline's: its PATH, its variables, its git identity.
 */
class RunEnvironmentTest {

    @TempDir
    Path tmp;

    private Path tool(Path bin, String name, String script) throws IOException {
        Files.createDirectories(bin);
        Path tool = Files.writeString(bin.resolve(name), "#!/bin/sh\n" + script + "\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        return tool;
    }

    @Test
    void theCallersPathVariablesAndGitIdentityReachSetupWorkerGateAndCommits() throws IOException {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        // the repository has no identity of its own, nor does the environment's HOME: only the given variables
        repo.git().run("config", "--unset", "user.name");
        repo.git().run("config", "--unset", "user.email");
        Path bin = tmp.resolve("pipeline-tools");
        tool(bin, "pipeline-worker", "mkdir -p src && echo \"$PIPELINE_MARK\" > src/mark.txt && echo '# R' > RESULTS.md");
        tool(bin, "pipeline-gate", "test \"$PIPELINE_MARK\" = from-the-pipeline");
        Environment environment = Environment.ofThisProcess().with(Map.of(
                "PATH", bin + ":" + System.getenv("PATH"),
                "HOME", Files.createDirectories(tmp.resolve("home")).toString(),
                "GIT_CONFIG_NOSYSTEM", "1",
                "PIPELINE_MARK", "from-the-pipeline",
                "GIT_AUTHOR_NAME", "Pipeline Author",
                "GIT_AUTHOR_EMAIL", "author@ci.invalid",
                "GIT_COMMITTER_NAME", "Pipeline Committer",
                "GIT_COMMITTER_EMAIL", "committer@ci.invalid"));
        Plan plan = repo.plan("f.yaml", """
                autoMerge: true
                setup: ['echo "$PIPELINE_MARK" > ../setup-saw.txt']
                worker: {type: command, run: pipeline-worker}
                waves: [{wave: 1, gate: {command: pipeline-gate}}]
                workstreams: [{name: a, prompt: x}]
                """);

        RunSummary summary = new PlanRunner(plan, repo.dir(), environment, Optional.empty(), RunListener.silent())
                .run();

        WorkerRecord a = summary.workers().get(0);
        assertThat(a.status()).as(a.reason()).isEqualTo(WorkerStatus.DONE);
        assertThat(repo.layout("f").root().resolve("setup-saw.txt")).content().isEqualToIgnoringNewLines(
                "from-the-pipeline");
        assertThat(repo.git().run("show", "f/a:src/mark.txt")).isEqualTo("from-the-pipeline");
        // the worker left its file uncommitted: pwt committed it, as the Pipeline's identity
        assertThat(repo.git().run("log", "-1", "--format=%an <%ae> / %cn <%ce>", "f/a"))
                .isEqualTo("Pipeline Author <author@ci.invalid> / Pipeline Committer <committer@ci.invalid>");
        // the gate passed only because it saw the variable; the merge commit is the Pipeline's too
        assertThat(summary.landed()).containsExactly("a");
        assertThat(repo.git().run("log", "-1", "--format=%cn <%ce>", "f/integration"))
                .isEqualTo("Pipeline Committer <committer@ci.invalid>");
    }

    @Test
    void withoutAnyIdentityTheRunStillCommitsAsItsFallbackAndSaysNothingOfTheJvm() throws IOException {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        repo.git().run("config", "--unset", "user.name");
        repo.git().run("config", "--unset", "user.email");
        Environment environment = Environment.ofThisProcess().with(Map.of(
                "HOME", Files.createDirectories(tmp.resolve("home")).toString(),
                "GIT_CONFIG_NOSYSTEM", "1",
                "EMAIL", ""));
        Map<String, String> unset = new java.util.HashMap<>();
        for (String name : new String[] {"GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME",
                "GIT_COMMITTER_EMAIL", "EMAIL"}) {
            unset.put(name, null);
        }
        Plan plan = repo.plan("f.yaml", """
                worker: {type: command, run: 'mkdir -p src && echo x > src/x.txt && echo "# R" > RESULTS.md'}
                workstreams: [{name: a, prompt: x}]
                """);

        RunSummary summary = new PlanRunner(plan, repo.dir(), environment.with(unset), Optional.empty(),
                RunListener.silent()).run();

        assertThat(summary.workers().get(0).status()).isEqualTo(WorkerStatus.DONE);
        assertThat(repo.git().run("log", "-1", "--format=%an <%ae>", "f/a"))
                .isEqualTo("Parallel Worktrees <pwt@localhost>");
    }

    @Test
    void aWorkerCommandThatIsNotOnThePathSaysSoRatherThanJustItsExitCode() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Plan plan = repo.plan("f.yaml", """
                worker: {type: command, run: doc-writr}
                workstreams: [{name: a, prompt: x}]
                """);

        RunSummary summary = new PlanRunner(plan, repo.dir(), Environment.ofThisProcess(), Optional.empty(),
                RunListener.silent()).run();

        assertThat(summary.workers().get(0).status()).isEqualTo(WorkerStatus.FAILED);
        assertThat(summary.workers().get(0).reason()).isEqualTo("command exited with 127 (not found: check the"
                + " command's name, and that it is on the PATH pwt runs with)");
    }
}
