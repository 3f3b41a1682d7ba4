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

/** A signal during a repair stops it like any worker; resume runs the same repair again, and it lands. */
class RepairSignalTest {

    @TempDir
    Path tmp;

    @Test
    void sigtermDuringARepairLeavesItOpenAndResumeRunsTheSameRepair() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Path go = tmp.resolve("go");
        Path runs = tmp.resolve("runs");
        Path plan = repo.write("plan.yaml", """
                autoMerge: true
                merge: {mode: queue}
                repair: {attempts: 2}
                waves: [{wave: 1, partial: true, gate: {command: "! grep -rq BROKEN src"}}]
                worker:
                  type: command
                  run: |
                    echo "run ${PWT_REPAIR:-0}" >> %s
                    mkdir -p src
                    if [ -n "$PWT_REPAIR" ]; then
                      if [ ! -f %s ]; then sleep 300; fi
                      echo ok > src/a.txt
                    else
                      echo BROKEN > src/a.txt
                    fi
                    echo "# R" > RESULTS.md
                workstreams: [{name: a, prompt: x}]
                """.formatted(runs, go));
        Path sessions = repo.layout("plan").sessionsFile();
        Process pwt = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Pwt.class.getName(), "run", plan.toString())
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("pwt.out").toFile())
                .start();
        TestRepo.awaitTrue("the repair's worker running", Duration.ofSeconds(60), () -> Files.exists(sessions)
                && TestRepo.json(sessions).path("a").path("attempts").asInt() == 2
                && TestRepo.json(sessions).path("a").path("worker_pid").isNumber());

        pwt.destroy(); // SIGTERM

        assertThat(pwt.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = Files.readString(tmp.resolve("pwt.out"));
        assertThat(pwt.exitValue()).as(out).isEqualTo(130);
        assertThat(TestRepo.json(sessions).path("a").path("status").asText()).isEqualTo("interrupted");
        JsonNode open = TestRepo.json(repo.layout("plan").runFile()).path("repairs");
        assertThat(open).hasSize(1);
        assertThat(open.get(0).path("started").path("attempt").asInt()).isEqualTo(1);
        assertThat(open.get(0).path("ended").isMissingNode() || open.get(0).path("ended").isNull())
                .as("the stopped repair stays open").isTrue();

        Files.writeString(go, "");
        PwtRunner resume = PwtRunner.pwt("resume", plan.toString());

        assertThat(resume.exitCode()).as(resume.out() + resume.err()).isZero();
        assertThat(Files.readAllLines(runs)).containsExactly("run 0", "run 1", "run 1");
        JsonNode repairs = TestRepo.json(repo.layout("plan").runFile()).path("repairs");
        assertThat(repairs).hasSize(1);
        assertThat(repairs.get(0).path("ended").path("outcome").asText()).isEqualTo("landed");
        assertThat(repo.git().run("show", "plan/integration:src/a.txt")).isEqualTo("ok");
    }
}
