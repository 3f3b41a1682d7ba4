package io.github.parallelworktrees.cli;

import static io.github.parallelworktrees.cli.PwtRunner.pwt;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.parallelworktrees.engine.testing.TestRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pwt sync}: the base branch moved on after the run started; unfinished worktrees take it in by merge where
 * it merges cleanly, a conflict is named and leaves its worktree untouched, and a worker's commits are never
 * rewritten. Real git.
 */
class SyncCommandTest {

    @TempDir
    Path tmp;

    @Test
    void theNewBaseIsMergedWhereItMergesCleanlyAndAConflictIsNamedWithNothingChanged() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        repo.write("src/shared.txt", "one\n");
        repo.commitAll("shared");
        // clean and clash commit and fail (not done: unfinished); done finishes; all write their own file
        Path plan = repo.write("plan.yaml", """
                worker:
                  type: command
                  run: |
                    mkdir -p src && echo "$PWT_WORKSTREAM" > "src/$PWT_WORKSTREAM.txt"
                    if [ "$PWT_WORKSTREAM" = clash ]; then echo "from clash" > src/shared.txt; fi
                    git add -A && git commit -qm "$PWT_WORKSTREAM: work"
                    if [ "$PWT_WORKSTREAM" = done ]; then echo '# R' > RESULTS.md; exit 0; fi
                    exit 1
                workstreams: [{name: clean, prompt: x}, {name: clash, prompt: x}, {name: done, prompt: x}]
                """);
        assertThat(pwt("run", plan.toString()).exitCode()).isEqualTo(1);
        String cleanBefore = repo.tip("plan/clean");
        String clashBefore = repo.tip("plan/clash");
        String doneBefore = repo.tip("plan/done");
        // main moves on: a fix everybody should have, touching the shared file
        repo.write("src/shared.txt", "one\nfixed on main\n");
        repo.write("src/main-only.txt", "new\n");
        String main = repo.commitAll("fix on main");

        PwtRunner sync = pwt("sync", plan.toString());

        assertThat(sync.exitCode()).as(sync.out() + sync.err()).isEqualTo(1);
        assertThat(sync.out()).containsPattern("clean\\s+merged\\s+merged main")
                .containsPattern("clash\\s+would conflict\\s+merging main .* would conflict; nothing was changed")
                .contains("conflicts in: src/shared.txt")
                .containsPattern("done\\s+skipped\\s+done: its branch is finished work");
        // clean: a merge commit on top of the worker's commit, which stays as it was
        assertThat(repo.git().isAncestor(cleanBefore, repo.tip("plan/clean"))).isTrue();
        assertThat(repo.git().isAncestor(main, repo.tip("plan/clean"))).isTrue();
        assertThat(repo.git().run("rev-list", "--parents", "-n", "1", "plan/clean").split(" ")).hasSize(3);
        assertThat(repo.layout("plan").worktree("clean").resolve("src/main-only.txt")).exists();
        // clash: untouched, not mid-merge
        assertThat(repo.tip("plan/clash")).isEqualTo(clashBefore);
        Path clash = repo.layout("plan").worktree("clash");
        assertThat(repo.git().at(clash).run("status", "--porcelain")).isEmpty();
        assertThat(repo.git().at(clash).tryRun("rev-parse", "-q", "--verify", "MERGE_HEAD").succeeded()).isFalse();
        assertThat(repo.tip("plan/done")).isEqualTo(doneBefore);

        // again: clean is up to date; with --include-done the done branch takes it too
        PwtRunner again = pwt("sync", plan.toString(), "clean", "done", "--include-done");
        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        assertThat(again.out()).containsPattern("clean\\s+up to date").containsPattern("done\\s+merged");
        assertThat(repo.git().isAncestor(doneBefore, repo.tip("plan/done"))).isTrue();

        PwtRunner typo = pwt("sync", plan.toString(), "clen");
        assertThat(typo.exitCode()).isEqualTo(3);
        assertThat(typo.err()).contains("did you mean 'clean'?");
        assertThat(pwt("sync", plan.toString(), "--from", "integration").err())
                .contains("does not resolve to a commit; nothing has been merged yet: sync from base");
    }

    @Test
    void aWorktreeWithUncommittedChangesIsLeftAlone() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Path plan = repo.write("plan.yaml", """
                worker: {type: command, run: 'echo half > half.txt; exit 1'}
                workstreams: [{name: a, prompt: x}]
                """);
        pwt("run", plan.toString());
        // pwt committed what the worker left; the user edits by hand afterwards
        repo.write(".worktrees/plan/a/by-hand.txt", "mine\n");
        repo.write("new-on-main.txt", "x\n");
        repo.commitAll("main moves");
        String before = repo.tip("plan/a");

        PwtRunner sync = pwt("sync", plan.toString());

        assertThat(sync.exitCode()).isZero();
        assertThat(sync.out()).containsPattern("a\\s+skipped\\s+uncommitted changes \\(by-hand.txt\\); commit them"
                + " first");
        assertThat(repo.tip("plan/a")).isEqualTo(before);
        assertThat(repo.layout("plan").worktree("a").resolve("by-hand.txt")).hasContent("mine");
    }
}
