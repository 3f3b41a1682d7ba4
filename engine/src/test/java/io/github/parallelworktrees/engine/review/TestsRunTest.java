package io.github.parallelworktrees.engine.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.parallelworktrees.engine.cleanup.Cleanup;
import io.github.parallelworktrees.engine.ledger.RunListener;
import io.github.parallelworktrees.engine.ledger.RunState;
import io.github.parallelworktrees.engine.ledger.TestsRecord;
import io.github.parallelworktrees.engine.ledger.WaveResult;
import io.github.parallelworktrees.engine.ledger.WorkerRecord;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.process.Environment;
import io.github.parallelworktrees.engine.report.RunReport;
import io.github.parallelworktrees.engine.run.PlanRunner;
import io.github.parallelworktrees.engine.run.RunSummary;
import io.github.parallelworktrees.engine.status.StatusReport;
import io.github.parallelworktrees.engine.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code review: {tests: true}}: a test-writer writes tests for a finished workstream on {@code <feature>/<ws>-tests}
 * (from the workstream's tip, in a worktree of its own), pwt merges them into the workstream's branch with a merge
 * commit, and the review, the gate and the merge judge the branch with its tests. Real git, command workers.
 */
class TestsRunTest {

    /** Writes src/<ws>.txt and RESULTS.md. */
    private static final String WORKER = """
            mkdir -p src && echo ok > src/$PWT_WORKSTREAM.txt && echo '# R' > RESULTS.md
            """;

    /**
     * The review's worker, in both roles. As test-writer: commits tests/<ws>_test.txt for a, nothing for b, and
     * leaves tests/c_test.txt uncommitted for c. As reviewer: notes the tree it read, approves.
     */
    private static final String REVIEW_WORKER = """
            if [ "$PWT_ROLE" = test-writer ]; then
              env | grep '^PWT_' | sort > "$MARKS/tests-env-$PWT_TESTS_FOR"
              pwd > "$MARKS/tests-pwd-$PWT_TESTS_FOR"
              if [ "$PWT_TESTS_FOR" != b ]; then mkdir -p tests && echo "test of $PWT_TESTS_FOR" > tests/${PWT_TESTS_FOR}_test.txt; fi
              if [ "$PWT_TESTS_FOR" = a ]; then git add tests && git commit -qm "tests for a"; fi
            else
              env | grep '^PWT_' | sort > "$MARKS/review-env-$PWT_REVIEW_OF"
              git ls-tree -r --name-only HEAD > "$MARKS/review-tree-$PWT_REVIEW_OF"
              printf 'Verdict: approve\\n' > "$PWT_REVIEW_FILE"
            fi
            """;

    /** The gate: every src/<n>.txt needs its tests/<n>_test.txt. */
    private static final String GATE = "for f in src/*.txt; do test -f tests/$(basename $f .txt)_test.txt || exit 1;"
            + " done";

    @TempDir
    Path tmp;

    private TestRepo repo;
    private Path marks;

    @BeforeEach
    void repository() throws Exception {
        repo = TestRepo.create(tmp.resolve("repo"));
        marks = Files.createDirectories(tmp.resolve("marks"));
    }

    private Plan plan(String workstreams) {
        return repo.plan("f.yaml", """
                autoMerge: true
                env: {MARKS: '%s'}
                waves:
                  - wave: 1
                    gate: {command: '%s'}
                review:
                  tests: true
                  worker:
                    type: command
                    run: |
                %s
                worker:
                  type: command
                  run: |
                %s
                workstreams:
                %s
                """.formatted(marks, GATE, REVIEW_WORKER.indent(6), WORKER.indent(4), workstreams.indent(2)));
    }

    private RunSummary run(Plan plan) {
        return new PlanRunner(plan, repo.dir(), Environment.ofThisProcess(), Optional.empty(), RunListener.silent())
                .run();
    }

    private static TestsRecord tests(RunSummary summary, String ws) {
        return summary.workers().stream().filter(w -> w.workstream().equals(ws)).findFirst().map(WorkerRecord::tests)
                .orElseThrow();
    }

    @Test
    void theTestWritersCommitsAreMergedIntoTheWorkstreamsBranchAndTheGateAndTheReviewSeeThem() throws Exception {
        String base = repo.tip("main");
        // c's tests branch is there from before (an interrupted run) and conflicts with c's work
        repo.git().run("branch", "f/c-tests", base);
        repo.git().run("worktree", "add", tmp.resolve("c-old").toString(), "f/c-tests");
        Git old = new Git(tmp.resolve("c-old"));
        TestRepo.writeFile(tmp.resolve("c-old/src/c.txt"), "old\n");
        old.commit("c as it was");
        repo.git().run("worktree", "remove", tmp.resolve("c-old").toString());

        RunSummary summary = run(plan("""
                - {name: a, prompt: x}
                - {name: b, prompt: x}
                - {name: c, prompt: x}
                """));

        // a: tests written on its own branch from a's tip, merged with a merge commit, then gated and landed
        TestsRecord a = tests(summary, "a");
        assertThat(a.status()).as(a.reason()).isEqualTo(TestsRecord.MERGED);
        assertThat(a.branch()).isEqualTo("f/a-tests");
        assertThat(a.commits()).isEqualTo(1);
        assertThat(a.base()).isEqualTo(base);
        assertThat(repo.subjects(a.from(), "f/a-tests")).containsExactly("tests for a");
        assertThat(repo.git().run("rev-parse", "f/a-tests")).isEqualTo(a.tip());
        assertThat(repo.git().run("rev-parse", "f/a")).isEqualTo(a.mergeCommit());
        assertThat(repo.git().run("rev-list", "--parents", "-n", "1", "f/a").split(" "))
                .containsExactly(a.mergeCommit(), a.from(), a.tip());
        assertThat(repo.git().run("show", "f/integration:tests/a_test.txt")).isEqualTo("test of a");
        assertThat(summary.landed()).containsExactly("a");
        // the contract: its role, whose tests, its own branch and worktree, where the workstream's work starts
        Path aTests = repo.layout("f").worktree("a-tests");
        assertThat(TestRepo.read(marks.resolve("tests-env-a")).lines().toList()).contains("PWT_ROLE=test-writer",
                "PWT_TESTS_FOR=a", "PWT_WORKSTREAM=a", "PWT_BRANCH=f/a-tests", "PWT_WORKTREE=" + aTests,
                "PWT_TESTS_BASE=" + base, "PWT_TESTS_FROM=" + a.from(), "PWT_FEATURE=f");
        assertThat(Path.of(TestRepo.read(marks.resolve("tests-pwd-a")).strip()).toRealPath())
                .isEqualTo(aTests.toRealPath());
        // the reviewer read the branch with its tests, and was told so
        assertThat(TestRepo.read(marks.resolve("review-tree-a"))).contains("tests/a_test.txt");
        assertThat(TestRepo.read(marks.resolve("review-env-a"))).contains("PWT_TESTS_STATUS=merged");

        // b: its test-writer committed nothing; the gate, which wants tests, keeps b out
        TestsRecord b = tests(summary, "b");
        assertThat(b.status()).isEqualTo(TestsRecord.NO_TESTS);
        assertThat(b.commits()).isZero();
        assertThat(repo.subjects(base, "f/b")).doesNotContain("pwt(b): merge the tests of its test-writer (f/b-tests)");
        assertThat(summary.leftOut()).extracting(WaveResult.LeftOut::workstream).contains("b");

        // c: what the test-writer left uncommitted is committed on its branch; the branch conflicts with c's work,
        // so it is not merged, kept, and the review is told
        TestsRecord c = tests(summary, "c");
        assertThat(c.status()).isEqualTo(TestsRecord.CONFLICT);
        assertThat(c.reason()).contains("src/c.txt").contains("f/c-tests");
        assertThat(c.mergeCommit()).isNull();
        assertThat(repo.git().run("show", "f/c-tests:tests/c_test.txt")).isEqualTo("test of c");
        assertThat(repo.git().run("show", "f/c:src/c.txt")).isEqualTo("ok");
        assertThat(repo.git().tryRun("rev-parse", "-q", "--verify", "f/c^2").succeeded()).isFalse();
        assertThat(repo.git().at(repo.layout("f").worktree("c")).run("status", "--porcelain")).isEmpty();
        assertThat(TestRepo.read(marks.resolve("review-env-c"))).contains("PWT_TESTS_STATUS=conflict");
        assertThat(summary.leftOut()).extracting(WaveResult.LeftOut::workstream).containsExactlyInAnyOrder("b", "c");

        // recorded: the ledger, sessions.json, run.json, status, the report
        assertThat(RunState.load(repo.layout("f")).orElseThrow().view().workers().values()).filteredOn(
                w -> w.tests() != null).hasSize(3);
        JsonNode sessions = TestRepo.json(repo.layout("f").sessionsFile());
        assertThat(sessions.path("a").path("tests").path("status").asText()).isEqualTo("merged");
        assertThat(sessions.path("a").path("tests").path("merge_commit").asText()).isEqualTo(a.mergeCommit());
        JsonNode runJson = TestRepo.json(repo.layout("f").runFile());
        assertThat(runJson.path("workers").findValues("tests")).extracting(t -> t.path("status").asText())
                .containsExactlyInAnyOrder("merged", "no-tests", "conflict");
        StatusReport status = StatusReport.read(repo.layout("f"), 0).orElseThrow();
        assertThat(status.workstreams()).filteredOn(w -> w.workstream().equals("c")).singleElement()
                .satisfies(w -> assertThat(w.tests()).map(TestsRecord::status).contains("conflict"));
        RunReport.write(repo.layout("f"));
        assertThat(TestRepo.read(repo.layout("f").reportFile())).contains("<h3>Tests</h3>").contains("f/a-tests")
                .contains("merged as " + a.mergeCommit());

        // cleanup: a's tests worktree goes (merged), c's stays (its branch is not merged); no branch is deleted
        List<Cleanup.Outcome> cleaned = new Cleanup(plan("- {name: a, prompt: x}\n- {name: b, prompt: x}\n"
                + "- {name: c, prompt: x}\n"), repo.dir(), Environment.ofThisProcess()).run(false);
        assertThat(cleaned).filteredOn(o -> o.workstream().equals("a-tests")).singleElement()
                .satisfies(o -> assertThat(o.action()).isEqualTo(Cleanup.Action.REMOVED));
        assertThat(cleaned).filteredOn(o -> o.workstream().equals("c-tests")).singleElement()
                .satisfies(o -> assertThat(o.action()).isEqualTo(Cleanup.Action.KEPT));
        assertThat(repo.git().branchExists("f/a-tests")).isTrue();
        assertThat(repo.git().branchExists("f/c-tests")).isTrue();
    }

    /** A worktree's git, for the commit made before the run. */
    private record Git(Path dir) {
        void commit(String message) {
            io.github.parallelworktrees.engine.git.Git git = io.github.parallelworktrees.engine.git.Git.in(dir,
                    Environment.ofThisProcess());
            git.run("add", "-A");
            git.run("commit", "-qm", message);
        }
    }
}
