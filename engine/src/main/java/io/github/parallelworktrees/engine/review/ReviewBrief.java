package io.github.parallelworktrees.engine.review;

import io.github.parallelworktrees.engine.brief.TasksFile;
import io.github.parallelworktrees.engine.ledger.TestsRecord;
import io.github.parallelworktrees.engine.plan.Review;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What a reviewer is told: its role and rules (the system prompt) and what to review, how, and where to write. */
final class ReviewBrief {

    private ReviewBrief() {
    }

    static String systemPrompt(String workstream, String feature, Path worktree, Path reviewFile) {
        return "You are the reviewer of workstream '" + workstream + "' of feature '" + feature + "'. You read and"
                + " judge its work; you do not change it.\n"
                + "- Do not edit, create or delete files in the worktree " + worktree + "; do not commit, stash,"
                + " reset, rebase, merge or switch branches. pwt checks afterwards that the branch and the worktree"
                + " are exactly as you found them, and a review that changed them fails.\n"
                + "- The only file you write is " + reviewFile + ".\n"
                + "- You run unattended: nobody will answer questions. Decide, and say what you assumed.";
    }

    static String prompt(String workstream, String branch, String tip, String base, List<Review.Focus> focus,
            Path reviewFile, int round, Optional<Path> earlier, Optional<TestsRecord> tests) {
        StringBuilder p = new StringBuilder();
        p.append("Review workstream '").append(workstream).append("' (branch ").append(branch).append(", commit ")
                .append(tip).append(").\n\n");
        p.append("Read:\n")
                .append("- its changes: `git diff ").append(base).append(" HEAD` and `git log ").append(base)
                .append("..HEAD` (").append(base).append(" is where its work starts);\n")
                .append("- ").append(TasksFile.NAME).append(" at the worktree's root: the brief its worker had;\n")
                .append("- ").append(TasksFile.RESULTS).append(" at the worktree's root: its worker's report.\n\n");
        p.append("Focus on: ").append(focus.isEmpty() ? "correctness and anything that should not land"
                : String.join(", ", focus.stream().map(ReviewBrief::describe).toList())).append(".\n\n");
        tests.ifPresent(t -> p.append(t.merged()
                ? "A test-writer wrote tests for this workstream on " + t.branch() + "; pwt merged them into the branch"
                        + " (merge commit " + t.mergeCommit() + "), so they are part of the diff: review them too.\n\n"
                : "A test-writer was to write tests for this workstream on " + t.branch() + ", but they are not in"
                        + " the branch (" + t.status() + ": " + t.reason() + "). Note this in your review.\n\n"));
        earlier.ifPresent(e -> p.append("This is review round ").append(round).append(": the worker has worked on"
                + " the findings of the previous review (").append(e).append("). Check that they are fixed.\n\n"));
        p.append("Write your review to ").append(reviewFile).append(" as Markdown: one finding per item, each with"
                + " its severity (critical, major, minor or nit), its place as file:line, what is wrong and what to"
                + " change. End the file with a line of its own, exactly `Verdict: approve` when the branch may land"
                + " as it is, or `Verdict: request-changes` when it must not land before findings are fixed.");
        return p.toString();
    }

    private static String describe(Review.Focus focus) {
        return switch (focus) {
            case SECURITY -> "security (injection, secrets, unchecked input, permissions)";
            case PERFORMANCE -> "performance (needless work, complexity, leaks)";
            case TESTS -> "tests (changed behaviour without a test, tests that assert nothing)";
            case STYLE -> "style (names, readability, consistency with the code around it)";
            case ARCHITECTURE -> "architecture (boundaries, coupling, duplication)";
        };
    }
}
