package io.github.parallelworktrees.cli;

import static io.github.parallelworktrees.cli.PwtRunner.pwt;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.parallelworktrees.engine.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pwt stop} from a second terminal: a run in another process stops what it is asked to, and says so. */
class StopCommandTest {

    @TempDir
    Path tmp;

    @Test
    void aSecondTerminalStopsOneWorkerThenTheRunAndResumeFinishesIt() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Path marks = Files.createDirectories(tmp.resolve("marks"));
        Path plan = repo.write("plan.yaml", """
                env: {MARKS: '%s'}
                worker:
                  type: command
                  run: |
                    if [ -f "$MARKS/go" ]; then echo ok > "$PWT_WORKSTREAM.txt"; echo '# R' > RESULTS.md; exit 0; fi
                    exec sleep 300
                workstreams: [{name: alpha, prompt: x}, {name: beta, prompt: x}]
                """.formatted(marks));
        assertThat(pwt("stop", plan.toString()).err()).contains("has no run");

        Process run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Pwt.class.getName(), "run", plan.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("run.out").toFile()).start();
        Path sessions = repo.layout("plan").sessionsFile();
        TestRepo.awaitTrue("both workers running", Duration.ofSeconds(60), () -> Files.exists(sessions)
                && TestRepo.json(sessions).path("alpha").path("status").asText().equals("running")
                && TestRepo.json(sessions).path("beta").path("status").asText().equals("running"));

        PwtRunner typo = pwt("stop", plan.toString(), "alpah");
        assertThat(typo.exitCode()).isEqualTo(3);
        assertThat(typo.err()).contains("workstream 'alpah' is not in the plan").contains("did you mean 'alpha'?");

        PwtRunner one = pwt("stop", plan.toString(), "alpha");

        assertThat(one.exitCode()).as(one.out() + one.err()).isZero();
        assertThat(one.out()).contains("Asked the run of 'plan' to stop alpha.")
                .containsPattern("alpha: stopped \\(stopped by 'pwt stop'.*\\) after ")
                .contains("Continue with: pwt resume " + plan);
        assertThat(TestRepo.json(sessions).path("beta").path("status").asText()).isEqualTo("running");
        assertThat(run.isAlive()).as("the run goes on with beta").isTrue();
        assertThat(pwt("stop", plan.toString(), "alpha").out()).contains("alpha: already ended stopped; nothing to stop");

        PwtRunner all = pwt("stop", plan.toString());

        assertThat(all.exitCode()).as(all.out() + all.err()).isZero();
        assertThat(all.out()).contains("beta: stopped").contains("The run ended after ").contains(": interrupted.");
        assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).as(Files.readString(tmp.resolve("run.out"))).isEqualTo(130);
        assertThat(pwt("stop", plan.toString()).out()).contains("is working now (its run is interrupted);"
                + " nothing to stop");
        assertThat(pwt("status", plan.toString()).out()).containsPattern("alpha\\s+1\\s+stopped")
                .containsPattern("beta\\s+1\\s+stopped");

        Files.writeString(marks.resolve("go"), "");
        PwtRunner resumed = pwt("resume", plan.toString());

        assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isZero();
        assertThat(TestRepo.json(sessions).path("alpha").path("status").asText()).isEqualTo("done");
        assertThat(TestRepo.json(sessions).path("beta").path("status").asText()).isEqualTo("done");
    }
}
