package io.jenkins.plugins.parallelworktrees;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.TaskListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine's progress in the build log, with secrets masked. */
class BuildLogTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final TaskListener listener = () -> new PrintStream(out, true, StandardCharsets.UTF_8);

    private String log() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void engineLinesArePrefixedAndWorkerLinesNameTheirWorkstream() {
        BuildLog log = new BuildLog(listener, List.of());

        log.info("run of 'shop': 2 workstreams");
        log.workerProgress("api", "turn 3: Bash git commit");
        log.warning("overlapping scopes");

        assertThat(log()).isEqualTo("[pwt] run of 'shop': 2 workstreams\n[pwt] api: turn 3: Bash git commit\n"
                + "[pwt] warning: overlapping scopes\n");
    }

    @Test
    void aSecretIsMaskedWhereverItAppears() {
        BuildLog log = new BuildLog(listener, List.of("sk-ant-secret"));

        log.workerProgress("api", "turn 2: Bash echo sk-ant-secret > key.txt");
        log.info("key=sk-ant-secret;again=sk-ant-secret");

        assertThat(log()).doesNotContain("sk-ant-secret").contains("echo **** > key.txt", "key=****;again=****");
    }

    @Test
    void blankSecretsMaskNothing() {
        BuildLog log = new BuildLog(listener, java.util.Arrays.asList("", null, " "));

        log.info("plain text");

        assertThat(log()).isEqualTo("[pwt] plain text\n");
    }
}
