package io.jenkins.plugins.parallelworktrees.report;

import hudson.model.ModelObject;
import java.io.IOException;
import java.util.Optional;

/**
 * One workstream's page under the build's Parallel Worktrees page: its row, its RESULTS.md as safe HTML, and
 * links to its archived worker.log and result.json.
 *
 * <p>A ModelObject, so that Stapler routes {@code workstream/<name>/} to it: Jenkins lets a getter's result be a URL
 * only when its type is Stapler-relevant (jenkins core {@code jenkins/security/stapler/TypedFilter.java:69} at
 * jenkins-2.504.3, {@code @StaplerAccessibleType} on {@code hudson.model.ModelObject}, ModelObject.java:38); a type
 * that only has an index.jelly is not, and its URL is a 404.
 */
public final class ResultsPage implements ModelObject {

    /** Reads the workstream's RESULTS.md (from the build's artifacts, in Jenkins). */
    @FunctionalInterface
    public interface Source {
        Optional<String> read() throws IOException;
    }

    private final ParallelWorktreesAction action;
    private final WorkstreamRow row;
    private final Source source;
    private final Source review;
    private final boolean artifactsVisible;

    /**
     * @param artifactsVisible whether the user who asked may see the build's artifacts ({@link ArtifactsPermission});
     *     without, the page shows the row only: RESULTS.md is an artifact, and so are the files it links to
     */
    ResultsPage(ParallelWorktreesAction action, WorkstreamRow row, Source source, boolean artifactsVisible) {
        this(action, row, source, Optional::empty, artifactsVisible);
    }

    /** @param review reads the workstream's archived REVIEW.md, when its plan has {@code review:} */
    ResultsPage(ParallelWorktreesAction action, WorkstreamRow row, Source source, Source review,
            boolean artifactsVisible) {
        this.action = action;
        this.row = row;
        this.source = source;
        this.review = review;
        this.artifactsVisible = artifactsVisible;
    }

    /** Where the steps archive a workstream's file: {@code workers/<workstream>/<name>}. */
    public static String artifact(String workstream, String name) {
        return "workers/" + workstream + "/" + name;
    }

    public WorkstreamRow getRow() {
        return row;
    }

    public ParallelWorktreesAction getAction() {
        return action;
    }

    @Override
    public String getDisplayName() {
        return row.getWorkstream();
    }

    /** Whether this user may see the workstream's archived files, RESULTS.md among them. */
    public boolean isArtifactsVisible() {
        return artifactsVisible;
    }

    /**
     * RESULTS.md as HTML that is safe to put into the page as it is: a worker wrote it, so any HTML in it (a
     * {@code <script>}) is escaped and shows as text, and its images are not loaded. Null when the worker left
     * none, or when this user may not see the build's artifacts (then it is not even read).
     */
    public String getResultsHtml() throws IOException {
        if (!artifactsVisible) {
            return null;
        }
        return source.read().map(ParallelWorktreesAction::render).orElse(null);
    }

    /**
     * REVIEW.md, rendered as RESULTS.md is (a reviewer wrote it: its HTML is escaped, its unsafe links dropped). Null
     * when the workstream had no review, its reviewer wrote none, or this user may not see the build's artifacts.
     */
    public String getReviewHtml() throws IOException {
        if (!artifactsVisible) {
            return null;
        }
        return review.read().map(ParallelWorktreesAction::render).orElse(null);
    }

    /** The verdict on the workstream's branch and the gate.md that says so, as the build's page shows them. */
    public GateVerdict getGate() {
        return action.gateOf(row);
    }

    /** The artifact URL of any of the build's archived files ({@code waves/1/merge-1/gate-2/gate.md}), relative. */
    public String archivedUrl(String path) {
        return "../../../artifact/" + path;
    }

    /** The artifact URL of one of the workstream's files, relative to this page. */
    public String artifactUrl(String name) {
        return "../../../artifact/" + artifact(row.getWorkstream(), name);
    }
}
