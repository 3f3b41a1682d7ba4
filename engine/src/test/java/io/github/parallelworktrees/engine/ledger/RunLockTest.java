package io.github.parallelworktrees.engine.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.parallelworktrees.engine.process.Environment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run lock, as another process sees it. */
class RunLockTest {

    @TempDir
    Path tmp;

    /** What a process of its own finds when it tries the lock: "held" or "free". */
    private String fromAnotherProcess(Path lockFile) throws Exception {
        Path probe = tmp.resolve("Probe.java");
        Files.writeString(probe, """
                import java.nio.channels.FileChannel;
                import java.nio.channels.FileLock;
                import java.nio.file.Path;
                import java.nio.file.StandardOpenOption;
                public class Probe {
                    public static void main(String[] args) throws Exception {
                        try (FileChannel c = FileChannel.open(Path.of(args[0]), StandardOpenOption.WRITE)) {
                            FileLock lock = c.tryLock();
                            System.out.print(lock == null ? "held" : "free");
                        }
                    }
                }
                """);
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                probe.toString(), lockFile.toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }

    @Test
    void lookingFromTheProcessThatHoldsItDoesNotReleaseItForOthers() throws Exception {
        RunLayout layout = new RunLayout(tmp.resolve("repo"), "f", Environment.ofThisProcess());
        try (RunLock held = RunLock.acquire(layout)) {
            // a status read in the JVM that makes the run (the Jenkins controller, a test): POSIX locks are
            // dropped when their process closes any channel on the file, so a look must not open it
            assertThat(RunLock.isHeld(layout)).isTrue();
            assertThatThrownBy(() -> RunLock.acquire(layout)).isInstanceOf(RunLockedException.class);

            assertThat(fromAnotherProcess(layout.lockFile())).isEqualTo("held");
        }
        assertThat(RunLock.isHeld(layout)).isFalse();
        assertThat(fromAnotherProcess(layout.lockFile())).isEqualTo("free");
    }
}
