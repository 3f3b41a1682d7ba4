package io.jenkins.plugins.parallelworktrees;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.AbortException;
import io.github.parallelworktrees.engine.git.GitException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a step archives and says has its secrets masked: the archived text files (from masked copies), and the
 * messages of the engine's errors.
 */
class MaskedCopiesTest {

    private static final String KEY = "sk-ant-api03-archived-key";

    @TempDir
    Path root;

    @Test
    void textFilesAreArchivedFromMaskedCopiesAndBundlesAsTheyAre() throws IOException {
        Path results = Files.createDirectories(root.resolve(".worktrees/shop/results/api"));
        Files.writeString(results.resolve("worker.log"), "turn 2: Bash printenv\n" + KEY + "\n");
        Files.writeString(results.resolve("RESULTS.md"), "# Results\n\nThe key was '" + KEY + "'.\n");
        byte[] bundle = ("# v2 git bundle\n" + KEY).getBytes(StandardCharsets.UTF_8);
        Files.write(results.resolve("branch.bundle"), bundle);
        Map<String, String> artifacts = new LinkedHashMap<>();
        artifacts.put("workers/api/worker.log", ".worktrees/shop/results/api/worker.log");
        artifacts.put("workers/api/RESULTS.md", ".worktrees/shop/results/api/RESULTS.md");
        artifacts.put("workers/api/branch.bundle", ".worktrees/shop/results/api/branch.bundle");

        Map<String, String> archived = new MaskedCopies.Copy(artifacts, List.of(KEY), ".worktrees/.pwt-archive-1")
                .invoke(root.toFile(), null);

        assertThat(archived).containsEntry("workers/api/branch.bundle", ".worktrees/shop/results/api/branch.bundle")
                .containsEntry("workers/api/worker.log", ".worktrees/.pwt-archive-1/workers/api/worker.log");
        assertThat(root.resolve(archived.get("workers/api/worker.log"))).content().isEqualTo(
                "turn 2: Bash printenv\n****\n");
        assertThat(root.resolve(archived.get("workers/api/RESULTS.md"))).content().doesNotContain(KEY)
                .contains("The key was ****.");
        // the engine's own files and the binary bundle are untouched
        assertThat(results.resolve("worker.log")).content().contains(KEY);
        assertThat(Files.readAllBytes(results.resolve("branch.bundle"))).isEqualTo(bundle);
    }

    @Test
    void aLogThatIsNotUtf8KeepsEveryByteButTheKeys() {
        byte[] content = new byte[] {'a', (byte) 0xff, ' ', 's', 'k', '-', 'x', 'y', 'z', '1', ' ', (byte) 0xfe};

        byte[] masked = MaskedCopies.masked(content, io.github.parallelworktrees.engine.process.Secrets.of(
                List.of("sk-xyz1")));

        assertThat(masked).isEqualTo(new byte[] {'a', (byte) 0xff, ' ', '*', '*', '*', '*', ' ', (byte) 0xfe});
    }

    @Test
    void anEngineErrorThatQuotesGitsStderrHasTheKeyMasked() {
        BuildLog log = new BuildLog(() -> System.out, List.of(KEY));

        Assertions.assertThatThrownBy(() -> EngineCalls.call(log, () -> {
            throw new GitException(List.of("push"), "git push failed: https://x:" + KEY + "@example.invalid/r.git",
                    "");
        })).isInstanceOf(AbortException.class).hasMessageNotContaining(KEY).hasMessageContaining("https://x:****@");
    }

    @Test
    void theCredentialVariablesOfThePipelinesEnvironmentAreTheStepsSecrets() {
        assertThat(io.github.parallelworktrees.engine.process.Secrets.credentialValues(Map.of(
                "ANTHROPIC_API_KEY", "bound-by-withCredentials", "GH_TOKEN", "ghp_token", "PATH", "/usr/bin",
                "ANTHROPIC_AUTH_TOKEN", " ")))
                .containsExactlyInAnyOrder("bound-by-withCredentials", "ghp_token");
    }

    @Test
    void theBuildsRowsKeepNoSecretInTheirText() {
        io.jenkins.plugins.parallelworktrees.report.WorkstreamRow row =
                io.jenkins.plugins.parallelworktrees.report.WorkstreamRow.of(
                        io.github.parallelworktrees.engine.ledger.WorkerRecord.pending("api", "shop/api", 1)
                                .withStatus(io.github.parallelworktrees.engine.ledger.WorkerStatus.FAILED,
                                        "the CLI said: invalid x-api-key " + KEY),
                        java.util.Optional.empty(), false).leftOut("gate failed with " + KEY);
        BuildLog log = new BuildLog(() -> System.out, List.of(KEY));

        io.jenkins.plugins.parallelworktrees.report.WorkstreamRow masked = row.masked(log::mask);

        assertThat(masked.getReason()).isEqualTo("the CLI said: invalid x-api-key ****");
        assertThat(masked.getLeftOut()).isEqualTo("gate failed with ****");
        assertThat(masked.getWorkstream()).isEqualTo("api");
        assertThat(masked.getStatus()).isEqualTo("failed");
    }
}
