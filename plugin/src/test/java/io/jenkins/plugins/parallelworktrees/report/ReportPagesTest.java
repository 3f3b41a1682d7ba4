package io.jenkins.plugins.parallelworktrees.report;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Item;
import hudson.model.Result;
import hudson.model.Run;
import io.github.parallelworktrees.engine.ledger.WorkerStatus;
import java.util.List;
import jenkins.model.Jenkins;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The report's pages as Jenkins serves them: Stapler's routing (TypedFilter), the Run/Artifacts permission, and the
 * job page's link, in a real Jenkins. A build archives a RESULTS.md and gets the action's row, as the steps do.
 */
@Tag("needs-jenkins")
@WithJenkins
class ReportPagesTest {

    /** Core's switch for the Run/Artifacts permission (hudson/Functions.java:2321 at jenkins-2.504.3). */
    private static final String ARTIFACTS_PERMISSION = "hudson.security.ArtifactsPermission";

    /** RESULTS.md with a remote image, archived where the steps archive it. */
    private static final String ARCHIVE_RESULTS = "node {\n"
            + "  writeFile file: 'workers/api/RESULTS.md',"
            + " text: '# Results\\n\\nShipped the API.\\n\\n![diagram](https://tracker.example/pixel.png)\\n'\n"
            + "  archiveArtifacts artifacts: 'workers/api/RESULTS.md'\n"
            + "}\n";

    @SuppressWarnings("unused")
    @RegisterExtension
    static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    private JenkinsRule r;

    @BeforeEach
    void jenkins(JenkinsRule rule) {
        r = rule;
    }

    private WorkflowJob job(String script) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, "p");
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p;
    }

    /** A finished build with the api workstream's row, as claudeWorker leaves it. */
    private static void recordApi(WorkflowRun b) throws Exception {
        ParallelWorktreesAction.of(b).put(List.of(ParallelWorktreesActionTest.row("api", WorkerStatus.DONE, 0.5)));
        b.save();
    }

    @Test
    void theWorkstreamPageIsServedWithItsResultsAndNoRemoteImage() throws Exception {
        WorkflowRun b = r.buildAndAssertSuccess(job(ARCHIVE_RESULTS));
        recordApi(b);

        try (JenkinsRule.WebClient wc = r.createWebClient()) {
            HtmlPage page = wc.getPage(b, "parallel-worktrees/workstream/api/");

            assertThat(page.asNormalizedText()).contains("Workstream api", "Shipped the API.",
                    "[image not shown: diagram, https://tracker.example/pixel.png]");
            assertThat(page.asXml()).doesNotContain("src=\"https://tracker.example");
        }
    }

    @Test
    void withTheArtifactsPermissionEnabledOnlyThoseWhoHaveItSeeResultsMd() throws Exception {
        WorkflowRun b = r.buildAndAssertSuccess(job(ARCHIVE_RESULTS));
        recordApi(b);
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ).everywhere().to("reader")
                .grant(Jenkins.READ, Item.READ, Run.ARTIFACTS).everywhere().to("auditor"));
        System.setProperty(ARTIFACTS_PERMISSION, "true");
        try (JenkinsRule.WebClient reader = r.createWebClient().login("reader");
                JenkinsRule.WebClient auditor = r.createWebClient().login("auditor")) {
            String seenByReader = reader.getPage(b, "parallel-worktrees/workstream/api/").asNormalizedText();
            String seenByAuditor = auditor.getPage(b, "parallel-worktrees/workstream/api/").asNormalizedText();

            assertThat(seenByReader).contains("Workstream api", "permission to see (Run/Artifacts)")
                    .doesNotContain("Shipped the API.");
            assertThat(seenByAuditor).contains("Shipped the API.").doesNotContain("Run/Artifacts");
        } finally {
            System.clearProperty(ARTIFACTS_PERMISSION);
        }
    }

    /**
     * The page as Jenkins renders it: the engine's headline, the timeline's SVG written as it is, the gate verdict
     * linked to the gate.md a qualityGate archived, markup in a reason escaped by the view (escape-by-default), and
     * the headline on the build's own page (summary.jelly).
     */
    @Test
    void theBuildPageShowsTheHeadlineTheTimelineAndTheGateLinksWithMarkupEscaped() throws Exception {
        WorkflowRun b = r.buildAndAssertSuccess(job("node {\n"
                + "  writeFile file: 'gates/21/gate.md', text: '# Gate: FAILED\\n'\n"
                + "  archiveArtifacts artifacts: 'gates/21/gate.md'\n"
                + "}\n"));
        ParallelWorktreesAction action = ParallelWorktreesAction.of(b);
        action.put(List.of(BuildPageTest.worker("api", WorkerStatus.DONE, 0, 30),
                BuildPageTest.worker("ui", WorkerStatus.DONE, 5, 45)));
        action.put(BuildPageTest.culpritMerge("culprit: <script>alert(1)</script>"));
        b.save();

        try (JenkinsRule.WebClient wc = r.createWebClient()) {
            HtmlPage page = wc.getPage(b, "parallel-worktrees/");
            String html = page.asXml();

            assertThat(page.asNormalizedText()).contains(
                    "1 of 2 workstreams landed; ui left out: culprit of the gate", "Timeline",
                    "<script>alert(1)</script>");
            assertThat(html).contains("class=\"timeline\"", "data-workstream=\"ui\"", "class=\"gate failed\"",
                    "href=\"../artifact/gates/21/gate.md\"", "&lt;script&gt;alert(1)&lt;/script&gt;")
                    .doesNotContain("<script>alert(1)");
            assertThat(wc.getPage(b, "").asNormalizedText()).contains(
                    "1 of 2 workstreams landed; ui left out: culprit of the gate");
        }
    }

    @Test
    void theJobLinksTheLastSuccessfulBuildsPageAndLooksAtNoOlderBuild() throws Exception {
        WorkflowJob p = job("echo 'workers'\n");
        WorkflowRun first = r.buildAndAssertSuccess(p);
        recordApi(first);

        assertThat(p.getAction(LatestRunLink.class).getUrlName()).isEqualTo(first.getNumber() + "/parallel-worktrees");

        p.setDefinition(new CpsFlowDefinition("error 'no workers tonight'\n", true));
        r.buildAndAssertStatus(Result.FAILURE, p);

        assertThat(p.getAction(LatestRunLink.class)).as("a failed build is not the last successful one").isNotNull();

        p.setDefinition(new CpsFlowDefinition("echo 'no Parallel Worktrees steps'\n", true));
        r.buildAndAssertSuccess(p);

        assertThat(p.getAction(LatestRunLink.class)).as("only the last successful build is asked, not #1").isNull();
    }
}
