package io.github.parallelworktrees.engine.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.parallelworktrees.engine.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessTreeTest {

    @TempDir
    Path tmp;

    private Process started;

    @AfterEach
    void stopWhatIsLeft() {
        if (started != null) {
            started.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            started.destroyForcibly();
        }
    }

    /**
     * A stand-in for git that, like git, removes its lock file when TERM reaches it, but needs a moment to do so
     * (real git is usually quicker; a slow disk or a hook is not). The kernel names the process "git" after the
     * script's file name, as it names a real git.
     */
    private Path slowGit(Path lock, Path released) throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path git = bin.resolve("git");
        Files.writeString(git, """
                #!/bin/sh
                trap 'sleep 1; rm -f "%s"; touch "%s"; exit 143' TERM
                touch "%s"
                while :; do sleep 0.05; done
                """.formatted(lock, released, lock));
        Files.setPosixFilePermissions(git, PosixFilePermissions.fromString("rwxr-xr-x"));
        return git;
    }

    @Test
    void aGitProcessOfTheGroupGetsTimeToReleaseItsLockBeforeTheGroupIsKilled() throws Exception {
        assumeTrue(ProcessTree.groupsSupported(), "process groups need setsid (Linux)");
        Path lock = tmp.resolve("index.lock");
        Path released = tmp.resolve("released");
        Path git = slowGit(lock, released);
        // a worker's shell that started git as a child, as a worker's 'git commit' is started
        started = new ProcessBuilder(ProcessTree.inOwnGroup(List.of("sh", "-c", "'" + git + "'; sleep 300")))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        TestRepo.awaitTrue("git holds its lock", Duration.ofSeconds(10), () -> Files.exists(lock));

        ProcessTree.destroy(started.toHandle(), Duration.ofMillis(200));

        assertThat(released).as("git finished its TERM handler instead of being killed in it").exists();
        assertThat(lock).as("no lock left behind").doesNotExist();
        assertThat(started.isAlive()).isFalse();
    }

    @Test
    void aProcessThatIgnoresTermIsStillKilledOnceTheGraceIsOver() throws Exception {
        assumeTrue(ProcessTree.groupsSupported(), "process groups need setsid (Linux)");
        started = new ProcessBuilder(ProcessTree.inOwnGroup(List.of("sh", "-c", "trap '' TERM; while :; do sleep 0.05; done")))
                .start();
        Instant begin = Instant.now();

        ProcessTree.destroy(started.toHandle(), Duration.ofMillis(300));

        assertThat(started.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(Duration.between(begin, Instant.now())).as("no extra time: it is not git")
                .isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aLiveProcessIsTheRecordedOneOnlyWhenItsStartTimeMatches() throws Exception {
        started = new ProcessBuilder(ProcessTree.inOwnGroup(List.of("sleep", "300"))).start();
        Instant start = started.toHandle().info().startInstant().orElseThrow();

        assertThat(ProcessTree.isAlive(started.pid(), start)).isTrue();
        assertThat(ProcessTree.isAlive(started.pid(), start.minus(Duration.ofMinutes(5))))
                .as("the pid was reused by another process").isFalse();
        assertThat(ProcessTree.isAlive(started.pid(), null)).as("no start time recorded: not known to be ours")
                .isFalse();

        started.destroyForcibly().waitFor();
        assertThat(ProcessTree.isAlive(started.pid(), start)).isFalse();
    }

    @Test
    void aWorkerWhoseLeaderExitedIsAliveWhileItsGroupStillRuns() throws Exception {
        assumeTrue(ProcessTree.groupsSupported(), "process groups need setsid (Linux)");
        Path child = tmp.resolve("child.pid");
        Path go = tmp.resolve("go");
        // the leader starts a background child and exits, as 'npm run dev &' leaves a server behind
        started = new ProcessBuilder(ProcessTree.inOwnGroup(List.of("sh", "-c",
                "sleep 300 & echo $! > '" + child + ".tmp'; mv '" + child + ".tmp' '" + child + "'; while [ ! -f '" + go + "' ]; do sleep 0.02; done"))).start();
        Instant start = started.toHandle().info().startInstant().orElseThrow();
        TestRepo.awaitTrue("the child started", Duration.ofSeconds(10), () -> Files.exists(child));
        Files.writeString(go, "");
        started.waitFor();
        long orphan = Long.parseLong(Files.readString(child).strip());
        try {
            assertThat(ProcessTree.isAlive(started.pid(), start)).isTrue();
        } finally {
            ProcessHandle.of(orphan).ifPresent(ProcessHandle::destroyForcibly);
        }
        TestRepo.awaitTrue("the orphan is gone", Duration.ofSeconds(10),
                () -> ProcessTable.entry(orphan).isEmpty());
        assertThat(ProcessTree.isAlive(started.pid(), start)).isFalse();
    }
}
