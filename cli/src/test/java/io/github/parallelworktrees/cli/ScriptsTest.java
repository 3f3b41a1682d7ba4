package io.github.parallelworktrees.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shell scripts around the build: the ./pwt launcher and CI's .ci/run, each run as a real process. */
class ScriptsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    @Test
    void theLauncherFindsItsJarWhenRunThroughASymlinkOnThePath() throws Exception {
        Path checkout = Files.createDirectories(tmp.resolve("checkout")).toRealPath();
        Files.copy(ROOT.resolve("pwt"), checkout.resolve("pwt"));
        assertThat(checkout.resolve("pwt").toFile().setExecutable(true)).isTrue();
        Path jar = Files.createDirectories(checkout.resolve("cli/target")).resolve("pwt.jar");
        Files.writeString(jar, "stand-in");
        Path tools = tmp.resolve("tools");
        // stand-ins that show which jar the launcher chose, and fail if it thinks the jar is missing
        ProcessRun.script(tools.resolve("java"), "echo \"java $*\"\n");
        ProcessRun.script(tools.resolve("mvn"), "echo 'mvn must not run: the jar exists' >&2; exit 9\n");
        Path onPath = Files.createDirectories(tmp.resolve("bin"));
        Files.createSymbolicLink(onPath.resolve("pwt"), checkout.resolve("pwt"));

        ProcessRun run = ProcessRun.run(tmp, Map.of("PATH", onPath + ":" + tools + ":" + System.getenv("PATH")),
                List.of("env", "pwt", "--version"));

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().strip()).isEqualTo("java -jar " + jar + " --version");
    }

    @Test
    void ciPrintsToolVersionsWithoutAPipeThatCanBreak() throws Exception {
        Path clone = tmp.resolve("clone");
        Files.createDirectories(clone.resolve(".ci"));
        Files.copy(ROOT.resolve(".ci/run"), clone.resolve(".ci/run"));
        ProcessRun.script(clone.resolve("pwt"), "exit 0\n");
        Path tools = tmp.resolve("tools");
        // far more than a pipe holds after the first line, as a slow tool writes it after 'head -1' has gone
        ProcessRun.script(tools.resolve("mvn"), """
                if [ "$1" = "-v" ]; then
                  echo "Apache Maven 9.9.9 (stand-in)"
                  i=0
                  while [ $i -lt 20000 ]; do echo "Maven home: /somewhere/far/away/line/$i"; i=$((i + 1)); done
                fi
                exit 0
                """);

        ProcessRun run = ProcessRun.run(clone, Map.of("PATH", tools + ":" + System.getenv("PATH"),
                "TMPDIR", tmp.toString()), List.of("bash", ".ci/run"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Apache Maven 9.9.9 (stand-in)").doesNotContain("Maven home")
                .contains("== README command 2");
    }
}
