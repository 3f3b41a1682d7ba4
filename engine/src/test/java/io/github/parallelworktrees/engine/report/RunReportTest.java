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
                waves: [{wave: 1, gate: {command: "true"}}]
                worker: {type: command, run: 'echo x > $PWT_WORKSTREAM.txt && git add -A && git commit -qm w && printf "# Results\\n\\nDid it <script>alert(1)</script> **well** [see](javascript:alert(2)).\\n\\n| file | change |\\n|---|---|\\n| x.txt | added |\\n" > RESULTS.md'}
                workstreams: [{name: a, prompt: x}, {name: b, prompt: x}]
                """);

        new PlanRunner(plan, repo.dir(), Environment.ofThisProcess(), Optional.empty(), RunListener.silent()).run();

        String html = TestRepo.read(repo.layout("f").reportFile());
        assertThat(html).contains("<h1>Parallel Worktrees: f</h1>",
                "<p class=\"headline good\">All 2 workstreams landed on f/integration</p>", "href=\"#ws-a\"",
                "<td class=\"done\">done</td>", "<td class=\"landed\">landed (wave 1)</td>",
                "<span class=\"passed\">passed</span> (<a href=\"merges/wave-1/merge-1/gate-1/gate.md\">gate.md</a>)",
                "Wave 1, merge 1 into f/integration at ", "Landed: a, b", "<strong>well</strong>",
                "<table>\n<thead>\n<tr>\n<th>file</th>", "<td>x.txt</td>",
                "&lt;script&gt;alert(1)&lt;/script&gt;", "href=\"results/a/worker.log\"",
                "href=\"results/a/RESULTS.md\"", "<svg class=\"timeline\"", "data-workstream=\"b\"");
        assertThat(html).doesNotContain("<script>", "javascript:");
        assertThat(html).containsPattern("took \\d+\\.\\d s\\.</p>")
                .containsPattern("started \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\S+, ended ");
    }

    @Test
    void escapesRawHtmlAndDropsJavascriptLinksInMarkdown() {
        String html = SafeMarkdown.toHtml("<img src=x onerror=alert(1)> [x](javascript:alert(1)) <b>bold</b>");
        assertThat(html).doesNotContain("<img", "<b>", "javascript:");
        assertThat(html).contains("&lt;img", "&lt;b&gt;");
    }
}
