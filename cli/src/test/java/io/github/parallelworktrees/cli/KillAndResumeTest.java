package io.github.parallelworktrees.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.parallelworktrees.engine.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pwt killed with SIGKILL mid-run, then resumed: nothing done is redone, nothing is lost. */
class KillAndResumeTest {

    @TempDir
    Path tmp;

    @Test
    void resumeAfterSigkillKeepsDoneWorkAndRunsTheRest() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Path go = tmp.resolve("go");
        Path plan = repo.write("plan.yaml", """
                maxParallel: 2
                worker:
                  type: command
                  run: 'if [ "$PWT_WORKSTREAM" = slow ] && [ ! -f %s ]; then sleep 300; fi; echo "$PWT_WORKSTREAM" > w.txt && git add w.txt && git commit -qm "$PWT_WORKSTREAM work" && echo "# R" > RESULTS.md'
                workstreams:
                  - {name: fast, prompt: x}
                  - {name: slow, prompt: x}
                  - {name: after, prompt: x, dependsOn: [slow]}
                """.formatted(go));
        Path sessions = repo.layout("plan").sessionsFile();
        Process pwt = new ProcessBuilder(javaBinary(), "-cp", System.getProperty("java.class.path"),
                Pwt.class.getName(), "run", plan.toString())
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("pwt.out").toFile())
                .start();
        TestRepo.awaitTrue("fast done and slow's worker running", Duration.ofSeconds(60), () ->
                Files.exists(sessions) && TestRepo.json(sessions).path("fast").path("status").asText().equals("done")
                        && TestRepo.json(sessions).path("slow").path("worker_pid").isNumber());
        long orphan = TestRepo.json(sessions).path("slow").path("worker_pid").asLong();
        String fastTip = repo.tip("plan/fast");

        PwtRunner second = PwtRunner.pwt("run", plan.toString());
        assertThat(second.exitCode()).as("a second run of the same plan, from another process").isEqualTo(
                ExitCodes.BAD_INPUT);
        assertThat(second.err()).contains("another pwt run of feature 'plan' is in progress (pid " + pwt.pid());

        pwt.destroyForcibly();
        assertThat(pwt.waitFor(20, TimeUnit.SECONDS)).isTrue();

        assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive)).as("the killed run's worker lives on")
                .contains(true);
        PwtRunner status = PwtRunner.pwt("status", plan.toString());
        assertThat(status.out()).contains("interrupted: no pwt run is alive; continue with 'pwt resume'");

        Files.writeString(go, "");
        PwtRunner resume = PwtRunner.pwt("resume", plan.toString());

        assertThat(resume.exitCode()).as(resume.out() + resume.err()).isZero();
        assertThat(resume.out()).contains("slow: stopped its worker (pid " + orphan + ")",
                "1 of 3 workstreams already done");
        assertThat(running(orphan)).as("the orphan was stopped (a zombie its new parent has not reaped yet runs"
                + " nothing)").isFalse();
        assertThat(repo.tip("plan/fast")).as("done work untouched").isEqualTo(fastTip);
        JsonNode after = TestRepo.json(sessions);
        for (String ws : List.of("fast", "slow", "after")) {
            assertThat(after.path(ws).path("status").asText()).as(ws).isEqualTo("done");
        }
        assertThat(after.path("fast").path("attempts").asInt()).isEqualTo(1);
        assertThat(after.path("slow").path("attempts").asInt()).isEqualTo(2);
        assertThat(repo.subjects("main", "plan/slow")).containsExactly("slow work");
    }

    /** True while the process runs: not gone, and not a zombie (ended, waiting for its parent to reap it). */
    private static boolean running(long pid) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (java.io.IOException gone) {
            return false;
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
