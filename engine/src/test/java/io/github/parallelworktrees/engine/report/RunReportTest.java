package io.github.parallelworktrees.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.process.Environment;
import io.github.parallelworktrees.engine.run.PlanRunner;
import io.github.parallelworktrees.engine.ledger.RunListener;
import io.github.parallelworktrees.engine.testing.TestRepo;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportTest {

    @TempDir
    Path tmp;

    @Test
    void aRunLeavesAReportWithEachWorkstreamItsMergeAndItsResultsAsSafeHtml() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Plan plan = repo.plan("f.yaml", """
                autoMerge: true
                merge: {mode: waves}   # one merge of the wave, whatever the order the workers finish in
                worker: {type: command, run: 'echo x > $PWT_WORKSTREAM.txt && git add -A && git commit -qm w && printf "# Results\\n\\nDid it <script>alert(1)</script> **well**.\\n" > RESULTS.md'}
                workstreams: [{name: a, prompt: x}, {name: b, prompt: x}]
                """);

        new PlanRunner(plan, repo.dir(), Environment.ofThisProcess(), Optional.empty(), RunListener.silent()).run();

        String html = TestRepo.read(repo.layout("f").reportFile());
        assertThat(html).contains("<h1>Parallel Worktrees: f</h1>", "href=\"#ws-a\"", "<td class=\"done\">done</td>",
                "wave 1", "Wave 1 into f/integration", "Landed: a, b", "<strong>well</strong>",
                "&lt;script&gt;alert(1)&lt;/script&gt;", "href=\"results/a/worker.log\"");
        assertThat(html).doesNotContain("<script>");
    }

    @Test
    void escapesRawHtmlAndDropsJavascriptLinksInMarkdown() {
        String html = SafeMarkdown.toHtml("<img src=x onerror=alert(1)> [x](javascript:alert(1)) <b>bold</b>");
        assertThat(html).doesNotContain("<img", "<b>", "javascript:");
        assertThat(html).contains("&lt;img", "&lt;b&gt;");
    }
}
