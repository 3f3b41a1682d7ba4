package io.github.parallelworktrees.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.parallelworktrees.engine.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pwt cleanup after a kill: nothing that still runs, or that git does not keep, goes with a worktree. */
class CleanupCommandTest {

    @TempDir
    Path tmp;

    @Test
    void cleanupAfterSigkillKeepsTheWorktreeOfTheWorkerStillRunningAndItsLaterWrites() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Path go = tmp.resolve("go");
        Path plan = repo.write("plan.yaml", """
                worker: {type: command, run: 'while [ ! -f %s ]; do sleep 0.05; done; echo late > late.txt'}
                workstreams: [{name: slow, prompt: x}]
                """.formatted(go));
        Path sessions = repo.layout("plan").sessionsFile();
        Process pwt = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Pwt.class.getName(), "run", plan.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("pwt.out").toFile()).start();
        TestRepo.awaitTrue("the worker running", Duration.ofSeconds(60), () -> Files.exists(sessions)
                && TestRepo.json(sessions).path("slow").path("worker_pid").isNumber());
        long worker = TestRepo.json(sessions).path("slow").path("worker_pid").asLong();
        pwt.destroyForcibly();
        assertThat(pwt.waitFor(20, TimeUnit.SECONDS)).isTrue();
        Path worktree = repo.layout("plan").worktree("slow");
        try {
            PwtRunner cleanup = PwtRunner.pwt("cleanup", plan.toString());

            assertThat(cleanup.exitCode()).as(cleanup.out() + cleanup.err()).isEqualTo(ExitCodes.FAILED);
            assertThat(cleanup.out()).contains("slow             KEPT", "still running (pid " + worker)
                    .doesNotContain("merged");
            Files.writeString(go, "");
            TestRepo.awaitTrue("the worker's later write", Duration.ofSeconds(20),
                    () -> Files.exists(worktree.resolve("late.txt")));
        } finally {
            ProcessHandle.of(worker).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void listsEveryWorktreeAndGoesOnPastOneGitRefusesToRemove() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Path plan = repo.write("plan.yaml", """
                worker: {type: command, run: 'echo "# R" > RESULTS.md'}
                workstreams: [{name: a, prompt: x}, {name: b, prompt: x}, {name: c, prompt: x}]
                """);
        assertThat(PwtRunner.pwt("run", plan.toString()).exitCode()).isZero();
        repo.git().run("worktree", "lock", "--reason", "kept on purpose",
                repo.layout("plan").worktree("b").toString());

        PwtRunner cleanup = PwtRunner.pwt("cleanup", plan.toString());

        assertThat(cleanup.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(cleanup.out()).contains("a                removed", "b                KEPT",
                "kept on purpose", "c                removed");
        assertThat(repo.layout("plan").worktree("c")).doesNotExist();
    }
}
