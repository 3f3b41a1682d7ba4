package io.github.parallelworktrees.engine.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.process.Environment;
import io.github.parallelworktrees.engine.run.PlanRunner;
import io.github.parallelworktrees.engine.ledger.RunListener;
import io.github.parallelworktrees.engine.ledger.WorkerStatus;
import io.github.parallelworktrees.engine.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusReportTest {

    @TempDir
    Path tmp;

    @Test
    void showsCommitsFilesUncommittedChangesDurationAndTheLogTail() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Plan plan = repo.plan("feat.yaml", """
                worker: {type: command, run: 'echo one > 1.txt && echo two > 2.txt && git add -A && git commit -qm c1 && echo x >> 1.txt && git commit -qam c2 && echo step one && echo step two && echo "# R" > RESULTS.md'}
                workstreams: [{name: a, prompt: x}]
                """);
        new PlanRunner(plan, repo.dir(), Environment.ofThisProcess(), Optional.empty(), RunListener.silent()).run();
        Files.writeString(repo.layout("feat").worktree("a").resolve("wip.txt"), "wip\n");

        StatusReport report = StatusReport.read(repo.layout("feat"), 2).orElseThrow();

        assertThat(report.runAlive()).isFalse();
        WorkstreamStatus a = report.workstreams().get(0);
        assertThat(a.status()).isEqualTo(WorkerStatus.DONE);
        assertThat(a.commitsAhead()).isEqualTo(2);
        assertThat(a.filesChanged()).isEqualTo(2);
        assertThat(a.uncommitted()).isEqualTo(1);
        assertThat(a.durationMillis()).isPositive();
        assertThat(a.logTail()).hasSize(2);
        assertThat(a.logTail().get(0)).isEqualTo("step two");
        assertThat(a.logTail().get(1)).endsWith("pwt: done");
    }

    @Test
    void showsAWorktreeWhoseAdminDirIsGoneWithANoteAndGoesOn() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Plan plan = repo.plan("feat.yaml", """
                worker: {type: command, run: 'echo "# R" > RESULTS.md'}
                workstreams: [{name: a, prompt: x}, {name: b, prompt: y}]
                """);
        new PlanRunner(plan, repo.dir(), Environment.ofThisProcess(), Optional.empty(), RunListener.silent()).run();
        Files.writeString(repo.layout("feat").worktree("b").resolve("wip.txt"), "wip\n");
        try (var files = Files.walk(repo.dir().resolve(".git/worktrees/a"))) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }

        StatusReport report = StatusReport.read(repo.layout("feat"), 2).orElseThrow();

        WorkstreamStatus a = report.workstreams().get(0);
        assertThat(a.uncommitted()).isEqualTo(-1);
        assertThat(a.note()).hasValueSatisfying(note -> assertThat(note).startsWith("worktree damaged: its admin dir"
                + " .git/worktrees/a is missing").contains("move " + repo.layout("feat").worktree("a") + " aside"));
        assertThat(report.workstreams().get(1).uncommitted()).as("the next row is read as usual").isEqualTo(1);
    }

    @Test
    void hasNothingToShowForAFeatureWithoutARun() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        assertThat(StatusReport.read(repo.layout("none"), 3)).isEmpty();
    }

    @Test
    void readsOnlyTheEndOfALongLog() throws Exception {
        Path log = tmp.resolve("worker.log");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            text.append("line ").append(i).append('\n');
        }
        Files.writeString(log, text);
        assertThat(StatusReport.tail(log, 3)).containsExactly("line 99997", "line 99998", "line 99999");
    }
}
