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
                waves: [{wave: 1, gate: {command: "true"}}]
                worker: {type: command, run: 'echo x > $PWT_WORKSTREAM.txt && git add -A && git commit -qm w && printf "# Results\\n\\nDid it <script>alert(1)</script> **well** [see](javascript:alert(2)).\\n\\n| file | change |\\n|---|---|\\n| x.txt | added |\\n" > RESULTS.md'}
                workstreams: [{name: a, prompt: x}, {name: b, prompt: x}]
                """);

        new PlanRunner(plan, repo.dir(), Environment.ofThisProcess(), Optional.empty(), RunListener.silent()).run();

        String html = TestRepo.read(repo.layout("f").reportFile());
        assertThat(html).contains("<h1>Parallel Worktrees: f</h1>",
                "<p class=\"headline good\">All 2 workstreams landed on f/integration</p>", "href=\"#ws-a\"",
                "<td class=\"done\">done</td>", "<td class=\"landed\">landed (wave 1)</td>",
                "<span class=\"passed\"><a href=\"merges/wave-1/merge-1/gate-1/gate.md\" title=\"gate.md: the gate's"
                        + " verdict\">passed</a></span>",
                "Wave 1, merge 1 into f/integration at ", "<strong>well</strong>",
                "<table>\n<thead>\n<tr>\n<th>file</th>", "<td>x.txt</td>",
                "&lt;script&gt;alert(1)&lt;/script&gt;", "href=\"results/a/worker.log\"",
                "href=\"results/a/RESULTS.md\"", "<svg class=\"timeline\"", "data-workstream=\"b\"");
        assertThat(html).doesNotContain("<script>", "javascript:");
        // the queue merges a and b together or one after the other, as they finish
        assertThat(html.split("<td class=\"landed\">landed \\(wave 1\\)</td>", -1)).hasSize(3);
        assertThat(html).containsPattern("took \\d+\\.\\d s\\.</p>")
                .containsPattern("started \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\S+, ended ");
    }

    @Test
    void escapesRawHtmlAndDropsJavascriptLinksInMarkdown() {
        String html = SafeMarkdown.toHtml("<img src=x onerror=alert(1)> [x](javascript:alert(1)) <b>bold</b>");
        assertThat(html).doesNotContain("<img", "<b>", "javascript:");
        assertThat(html).contains("&lt;img", "&lt;b&gt;");
    }

    /**
     * A culprit goes back to its worker, is repaired and lands: the headline says all landed and how, the timeline
     * draws the repair, the repair's row links the report the worker was given.
     */
    @Test
    void aRepairedCulpritIsToldInTheHeadlineDrawnInTheTimelineAndLinked() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Plan plan = repo.plan("f.yaml", """
                autoMerge: true
                repair: {attempts: 2}
                waves: [{wave: 1, partial: true, gate: {command: "! grep -rq BROKEN src"}}]
                worker: {type: command, run: "mkdir -p src && echo ok > src/$PWT_WORKSTREAM.txt && echo '# R' > RESULTS.md"}
                workstreams:
                  - {name: a, prompt: x}
                  - name: bad
                    prompt: x
                    worker:
                      type: command
                      run: |
                        mkdir -p src
                        if [ -n "$PWT_REPAIR" ]; then echo fixed > src/bad.txt; else echo BROKEN > src/bad.txt; fi
                        echo '# R' > RESULTS.md
                """);

        new PlanRunner(plan, repo.dir(), Environment.ofThisProcess(), Optional.empty(), RunListener.silent()).run();
        RunReport.write(repo.layout("f"));

        String html = TestRepo.read(repo.layout("f").reportFile());
        assertThat(html).contains("<p class=\"headline good\">All 2 workstreams landed on f/integration</p>",
                "<p>bad was left out, repaired once, and landed.</p>", "<title>bad repair 1, attempt 2: ",
                "<g class=\"left-out\"", "<td>1 of 2</td><td>culprit: the gate fails with it",
                "<td>landed</td>", ">report</a>");
        assertThat(html).contains("href=\"repairs/bad/repair-1.md\">report</a>");
    }
}
