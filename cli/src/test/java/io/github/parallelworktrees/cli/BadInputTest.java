package io.github.parallelworktrees.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.parallelworktrees.engine.testing.TestRepo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input exits 3 with a message naming the input and what to do, and nothing is created or lost. */
class BadInputTest {

    private static final String WORKER = "worker: {type: command, run: 'echo \"# R\" > RESULTS.md'}\n";

    @TempDir
    Path tmp;

    @Test
    void usageErrorsExitThreeInEveryCommandNotTwoWhichMeansUnstable() {
        PwtRunner noPlan = PwtRunner.pwt("run");
        assertThat(noPlan.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(noPlan.err()).contains("Missing required parameter: 'PLAN'");

        assertThat(PwtRunner.pwt("status", "plan.yaml", "--lines", "many").exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(PwtRunner.pwt("gate", "--no-such-option").exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(PwtRunner.pwt("merge").exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(PwtRunner.pwt("no-such-command").exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    }

    @Test
    void aFeatureThatABranchBlocksIsRefusedBeforeAnythingIsCreated() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        repo.git().run("branch", "feat");
        List<String> refs = repo.git().lines("for-each-ref", "--format=%(refname)");
        Path plan = repo.write("plan.yaml", "feature: feat\n" + WORKER + "workstreams: [{name: a, prompt: x}]\n");

        PwtRunner run = PwtRunner.pwt("run", plan.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).startsWith("pwt: " + plan + ": branch 'feat' exists")
                .contains("set 'feature:' in the plan");
        assertThat(repo.git().lines("for-each-ref", "--format=%(refname)")).isEqualTo(refs);
        assertThat(repo.dir().resolve(".worktrees")).doesNotExist();
    }

    @Test
    void anEnvValueWithALineBreakNeverReachesAWorktree() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Path plan = repo.write("plan.yaml", WORKER + "env: {A: \"x\\nINJECTED=1\"}\nworkstreams: [{name: a, prompt: x}]\n");

        PwtRunner run = PwtRunner.pwt("run", plan.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).startsWith("pwt: " + plan + ":2: env 'A' holds a line break");
        assertThat(repo.dir().resolve(".worktrees")).doesNotExist();
    }

    @Test
    void aFifoAsThePlanIsRefusedAtOnce() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Path fifo = repo.dir().resolve("plan.yaml");
        assertThat(ProcessRun.run(repo.dir(), Map.of(), List.of("mkfifo", fifo.toString())).exitCode()).isZero();

        PwtRunner run = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> PwtRunner.pwt("run", fifo.toString()));

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains(fifo + ": is not a regular file");
    }

    @Test
    void everyProblemOfAPlanComesInOneRound() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Path plan = repo.write("plan.yaml", """
                maxParalel: 2
                maxParallel: two
                workstreams: [{name: a, prompt: x, dependsOn: [b]}]
                """);

        PwtRunner run = PwtRunner.pwt("status", plan.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err().lines()).hasSize(3);
        assertThat(run.err()).contains(plan + ":1: unknown key 'maxParalel'",
                plan + ":2: maxParallel must be a whole number, got 'two'",
                plan + ":3: workstream 'a' depends on unknown workstream 'b'");
    }

    @Test
    void aRunFromARevisionCanBeCleanedUp() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        repo.write("second.txt", "2\n");
        repo.commitAll("second");
        Path plan = repo.write("plan.yaml", "base: HEAD~1\n" + WORKER + "workstreams: [{name: a, prompt: x}]\n");
        repo.commitAll("the plan");

        PwtRunner run = PwtRunner.pwt("run", plan.toString());
        PwtRunner cleanup = PwtRunner.pwt("cleanup", plan.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(cleanup.err()).isEmpty();
        assertThat(cleanup.exitCode()).isZero();
        assertThat(cleanup.out()).contains("removed", "branch plan/a has no commits beyond the base");
    }
}
