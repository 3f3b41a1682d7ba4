package io.github.parallelworktrees.engine.claude;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.parallelworktrees.engine.ledger.ReviewRecord;
import io.github.parallelworktrees.engine.ledger.RunInfo;
import io.github.parallelworktrees.engine.ledger.RunListener;
import io.github.parallelworktrees.engine.ledger.TestsRecord;
import io.github.parallelworktrees.engine.ledger.WorkerRecord;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.process.Environment;
import io.github.parallelworktrees.engine.rehearsal.ScriptedModelServer;
import io.github.parallelworktrees.engine.run.PlanRunner;
import io.github.parallelworktrees.engine.run.RunSummary;
import io.github.parallelworktrees.engine.testing.ClaudeCli;
import io.github.parallelworktrees.engine.testing.TestRepo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Claude Code CLI as a test-writer ({@code review: {tests: true}}), against a scripted model: it commits a
 * test on its own branch, pwt merges it into the workstream's, the gate (which wants a test for each source file)
 * passes and the branch lands; the same Claude review worker then reviews it.
 */
class ClaudeTestWriterTest {

    /** The review's worker script, for both of its roles: the test-writer commits a test, the reviewer approves. */
    private static final String SCRIPT = """
            turns:
              - tool_use:
                  name: Bash
                  input:
                    description: do my part
                    command: |
                      if [ "$PWT_ROLE" = test-writer ]; then
                        mkdir -p tests && echo "test of $PWT_TESTS_FOR" > "tests/${PWT_TESTS_FOR}_test.txt"
                        git add tests && git commit -qm "tests for $PWT_TESTS_FOR"
                      else
                        printf '# Review\\n\\nTests are there.\\n\\nVerdict: approve\\n' > "$PWT_REVIEW_FILE"
                      fi
              - text: Done.
            """;

    @TempDir
    Path tmp;

    @Test
    void aClaudeTestWriterCommitsTestsThatAreMergedGatedAndLand() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        repo.write("review.yaml", SCRIPT);
        repo.commitAll("the review's rehearsal");
        String base = repo.tip("main");
        Plan plan = repo.plan("feat.yaml", """
                autoMerge: true
                worker: {type: command, run: "mkdir -p src && echo ok > src/$PWT_WORKSTREAM.txt && echo '# R' > RESULTS.md"}
                waves:
                  - wave: 1
                    gate: {command: 'for f in src/*.txt; do test -f tests/$(basename $f .txt)_test.txt || exit 1; done'}
                review:
                  tests: true
                  worker: {type: claude, claudePath: '%s', permissionMode: bypassPermissions, timeoutMinutes: 1,
                           rehearsal: review.yaml}
                workstreams:
                  - {name: cart, prompt: x}
                """.formatted(ClaudeCli.binary()));
        List<ScriptedModelServer> servers = Collections.synchronizedList(new ArrayList<>());
        // the CLI refuses bypassPermissions as root outside a declared sandbox; this test's machine is one
        Environment environment = Environment.ofThisProcess().with(Map.of("IS_SANDBOX", "1"));

        RunSummary summary = new PlanRunner(plan, repo.dir(), environment, Optional.empty(), RunListener.silent(),
                new ScriptedRehearsals(servers::add)).run();

        assertThat(summary.info().status()).as(summary.info().reason()).isEqualTo(RunInfo.Status.SUCCEEDED);
        assertThat(summary.landed()).containsExactly("cart");
        WorkerRecord cart = summary.workers().get(0);
        TestsRecord tests = cart.tests();
        assertThat(tests.status()).as(tests.reason()).isEqualTo(TestsRecord.MERGED);
        assertThat(repo.subjects(tests.from(), "feat/cart-tests")).containsExactly("tests for cart");
        assertThat(repo.git().run("show", "feat/integration:tests/cart_test.txt")).isEqualTo("test of cart");
        assertThat(repo.git().run("rev-list", "--parents", "-n", "1", tests.mergeCommit()).split(" "))
                .containsExactly(tests.mergeCommit(), tests.from(), tests.tip());
        // its cost and time are its own, and count in the workstream's with the reviewer's
        ReviewRecord review = cart.review();
        assertThat(review.verdict()).isEqualTo("approve");
        assertThat(review.tip()).isEqualTo(tests.mergeCommit());
        assertThat(tests.costUsd()).isPositive();
        assertThat(tests.durationMillis()).isPositive();
        assertThat(cart.costUsd()).isEqualTo(tests.costUsd() + review.costUsd());
        // what the test-writer was told: whose changes, from where, and that it commits on its own branch
        assertThat(servers).hasSize(2);
        String asked = servers.stream().map(s -> s.turnRequests().get(0).conversationText())
                .filter(t -> t.contains("Write tests for the changes of workstream 'cart'")).findFirst()
                .orElseThrow();
        assertThat(asked).contains("git diff " + base + " " + tests.from()).contains("your branch starts there")
                .contains("Current branch: feat/cart-tests");
    }
}
