package io.github.parallelworktrees.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.parallelworktrees.engine.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM to a running pwt: nothing new starts, workers stop, they are recorded as interrupted, resume goes on. */
class SignalStopTest {

    @TempDir
    Path tmp;

    @Test
    void sigtermStopsSchedulingStopsWorkersRecordsThemInterruptedAndExits130ThenResumeFinishes() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Path go = tmp.resolve("go");
        Path plan = repo.write("plan.yaml", """
                autoMerge: true
                worker:
                  type: command
                  run: 'if [ "$PWT_WAVE" = 1 ] && [ ! -f %s ]; then sleep 300; fi; echo "$PWT_WORKSTREAM" > $PWT_WORKSTREAM.txt && git add . && git commit -qm "$PWT_WORKSTREAM work" && echo "# R" > RESULTS.md'
                workstreams:
                  - {name: one, prompt: x}
                  - {name: two, prompt: x}
                  - {name: later, prompt: x, dependsOn: [one, two]}
                """.formatted(go));
        Path sessions = repo.layout("plan").sessionsFile();
        Process pwt = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Pwt.class.getName(), "run", plan.toString())
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("pwt.out").toFile())
                .start();
        TestRepo.awaitTrue("both wave-1 workers running", Duration.ofSeconds(60), () -> Files.exists(sessions)
                && TestRepo.json(sessions).path("one").path("worker_pid").isNumber()
                && TestRepo.json(sessions).path("two").path("worker_pid").isNumber());
        long one = TestRepo.json(sessions).path("one").path("worker_pid").asLong();
        long two = TestRepo.json(sessions).path("two").path("worker_pid").asLong();

        pwt.destroy(); // SIGTERM

        assertThat(pwt.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = Files.readString(tmp.resolve("pwt.out"));
        assertThat(pwt.exitValue()).as(out).isEqualTo(130);
        assertThat(out).contains("stopping: no new worker or merge starts; stopping 2 running worker(s)",
                "Stopped: stopped by a signal (Ctrl-C or SIGTERM); continue with 'pwt resume");
        assertThat(out).doesNotContain("fix the cause", "failed (exit");
        assertThat(ProcessHandle.of(one).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(ProcessHandle.of(two).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        JsonNode after = TestRepo.json(sessions);
        assertThat(after.path("one").path("status").asText()).isEqualTo("interrupted");
        assertThat(after.path("two").path("status").asText()).isEqualTo("interrupted");
        assertThat(after.path("later").path("status").asText()).as("never skipped, never started")
                .isEqualTo("pending");
        assertThat(TestRepo.json(repo.layout("plan").runFile()).path("run").path("status").asText())
                .isEqualTo("interrupted");
        assertThat(repo.git().branchExists("plan/integration")).as("no merge after the signal").isFalse();
        assertThat(PwtRunner.pwt("status", plan.toString()).out()).contains("run interrupted");

        Files.writeString(go, "");
        PwtRunner resume = PwtRunner.pwt("resume", plan.toString());

        assertThat(resume.exitCode()).as(resume.out() + resume.err()).isZero();
        assertThat(resume.out()).contains("All 3 workstreams done and on plan/integration.");
        assertThat(repo.git().isAncestor("plan/later", "plan/integration")).isTrue();
    }
}
