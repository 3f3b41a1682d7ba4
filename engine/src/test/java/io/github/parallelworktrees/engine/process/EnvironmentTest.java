package io.github.parallelworktrees.engine.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processes the engine starts get exactly the environment they are given (a Pipeline's, or pwt's own), not the
 * engine JVM's, and find their programs on that environment's PATH.
 */
class EnvironmentTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    private Path tool(String name, String script) throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path tool = Files.writeString(bin.resolve(name), "#!/bin/sh\n" + script + "\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        return tool;
    }

    @Test
    void aProcessSeesTheGivenEnvironmentAndNothingOfTheJvms() throws IOException {
        assertThat(System.getenv()).containsKey("HOME");
        Environment given = Environment.of(Map.of("PATH", "/usr/bin:/bin", "PIPELINE_ONLY", "from the pipeline"));

        ProcessResult result = ProcessRunner.run(List.of("env"), tmp, given, TIMEOUT);

        assertThat(result.stdout().lines()).contains("PIPELINE_ONLY=from the pipeline")
                .noneMatch(line -> line.startsWith("HOME="));
    }

    @Test
    void aLoggedCommandSeesTheGivenEnvironmentToo() throws Exception {
        Path log = tmp.resolve("out.log");
        Environment given = Environment.ofThisProcess().with(Map.of("PIPELINE_ONLY", "set by withEnv"));

        LoggedCommand.run("echo \"value=$PIPELINE_ONLY\"", tmp, given, log, TIMEOUT, p -> { });

        assertThat(log).content().contains("value=set by withEnv");
    }

    @Test
    void aBareProgramNameIsFoundOnTheGivenPathNotTheJvms() throws IOException {
        Path tool = tool("pipeline-tool", "echo tool ran");
        Environment given = Environment.ofThisProcess().with(Map.of("PATH", tool.getParent() + ":/usr/bin:/bin"));

        ProcessResult result = ProcessRunner.run(List.of("pipeline-tool"), tmp, given, TIMEOUT);

        assertThat(result.succeeded()).as(result.stderr()).isTrue();
        assertThat(result.stdout()).contains("tool ran");
        assertThat(given.locate("pipeline-tool")).contains(tool);
        assertThat(Environment.ofThisProcess().locate("pipeline-tool")).isEmpty();
    }

    @Test
    void aNullValueRemovesAVariableAndTheRestIsKept() {
        Map<String, String> changes = new HashMap<>();
        changes.put("GONE", null);
        changes.put("ADDED", "1");

        Environment changed = Environment.of(Map.of("GONE", "x", "KEPT", "y")).with(changes);

        assertThat(changed.variables()).containsExactlyInAnyOrderEntriesOf(Map.of("KEPT", "y", "ADDED", "1"));
    }

    @Test
    void itsTextNamesTheVariablesButNeverTheirValues() {
        assertThat(Environment.of(Map.of("ANTHROPIC_API_KEY", "sk-ant-secret")).toString())
                .contains("ANTHROPIC_API_KEY").doesNotContain("sk-ant-secret");
    }
}
