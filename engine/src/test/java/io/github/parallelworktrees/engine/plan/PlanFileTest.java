package io.github.parallelworktrees.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a plan from a file: only regular files, at most 1 MiB, only UTF-8; each refusal says what to do. */
class PlanFileTest {

    @TempDir
    Path tmp;

    @Test
    void aFifoIsRefusedWithoutWaitingForAWriter() throws Exception {
        Path fifo = tmp.resolve("plan.yaml");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(mkfifo.exitValue()).isZero();

        // opening a FIFO for reading blocks until a writer comes, so a regression would hang: fail it instead
        assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
                assertThatThrownBy(() -> PlanParser.read(fifo)).isInstanceOf(PlanException.class)
                        .hasMessage(fifo + ": is not a regular file (a FIFO, device or socket); give the path of a"
                                + " plan saved in a file"));
    }

    @Test
    void aDeviceIsRefusedWithoutReadingIt() {
        Path zero = Path.of("/dev/zero");

        assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
                assertThatThrownBy(() -> PlanParser.read(zero)).isInstanceOf(PlanException.class)
                        .hasMessageStartingWith("/dev/zero: is not a regular file"));
    }

    @Test
    void aDirectoryIsRefusedAsNotAPlanFile() {
        assertThatThrownBy(() -> PlanParser.read(tmp)).isInstanceOf(PlanException.class)
                .hasMessageStartingWith(tmp + ": is a directory, not a plan file");
    }

    @Test
    void aPlanOverOneMiBIsRefusedBeforeItIsParsed() throws Exception {
        Path plan = Files.writeString(tmp.resolve("plan.yaml"),
                "workstreams: [{name: a, prompt: \"" + "x".repeat(10 * 1024 * 1024) + "\"}]\n");
        long started = System.nanoTime();

        assertThatThrownBy(() -> PlanParser.read(plan)).isInstanceOf(PlanException.class)
                .hasMessageStartingWith(plan + ": the plan is larger than 1 MiB, the most a plan may be");
        // the YAML parser took 24 s to refuse this one
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aPlanOfExactlyOneMiBIsRead() throws Exception {
        StringBuilder text = new StringBuilder("workstreams: [{name: a, prompt: x}]\n");
        String comment = "# " + "notes ".repeat(16) + "\n";
        while (text.length() + comment.length() <= PlanText.MAX_BYTES) {
            text.append(comment);
        }
        text.append("#".repeat(PlanText.MAX_BYTES - text.length()));
        Path plan = Files.writeString(tmp.resolve("plan.yaml"), text);

        assertThat(Files.size(plan)).isEqualTo(PlanText.MAX_BYTES);
        assertThat(PlanParser.read(plan).workstreams()).hasSize(1);
        Files.writeString(plan, "#", java.nio.file.StandardOpenOption.APPEND);
        assertThatThrownBy(() -> PlanParser.read(plan)).hasMessageContaining("larger than 1 MiB");
    }

    @Test
    void textThatIsNotUtf8IsRefusedNamingTheByteAndLine() throws Exception {
        byte[] latin1 = "workstreams:\n  - name: a\n    prompt: \"caf\u00e9\"\n".getBytes(StandardCharsets.ISO_8859_1);
        Path plan = Files.write(tmp.resolve("plan.yaml"), latin1);

        assertThatThrownBy(() -> PlanParser.read(plan)).isInstanceOf(PlanException.class)
                .hasMessage(plan + ":3: the plan is not UTF-8 text (byte 42 of the file, 0xe9); save it as UTF-8");
    }

    @Test
    void aByteOrderMarkIsNotPartOfThePlan() throws Exception {
        Path plan = Files.writeString(tmp.resolve("plan.yaml"), "\uFEFFworkstreams: [{name: a, prompt: x}]\n");

        assertThat(PlanParser.read(plan).workstreams()).hasSize(1);
    }
}
