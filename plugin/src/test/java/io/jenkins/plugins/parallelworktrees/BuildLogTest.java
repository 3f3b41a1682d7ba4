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

    @Test
    void aWarningAndTheQuotedAndEncodedFormsAreMaskedToo() {
        String key = "sk-ant-api03-quote'd";
        BuildLog log = new BuildLog(listener, List.of(key));

        log.warning("a tool printed " + key);
        log.info("+ curl -H 'sk-ant-api03-quote'\\''d'");
        log.info("base64 " + java.util.Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8)));

        assertThat(log()).isEqualTo("[pwt] warning: a tool printed ****\n[pwt] + curl -H ****\n[pwt] base64 ****\n");
    }

    @Test
    void itCrossesRemotingAsPlainStringsAndMasksOnTheOtherSide() throws Exception {
        BuildLog log = new BuildLog(listener, List.of("sk-ant-secret"));
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream objects = new java.io.ObjectOutputStream(bytes)) {
            // the listener is the stand-in's lambda here, not serializable: what matters is the mask's own state
            java.lang.reflect.Field field = BuildLog.class.getDeclaredField("secrets");
            field.setAccessible(true);
            objects.writeObject(field.get(log));
        }
        assertThat(BuildLog.class.getDeclaredField("mask").getModifiers() & java.lang.reflect.Modifier.TRANSIENT)
                .as("the engine's Secrets must never be serialized").isNotZero();
        assertThat(log.mask("x sk-ant-secret")).isEqualTo("x ****");
    }
}
