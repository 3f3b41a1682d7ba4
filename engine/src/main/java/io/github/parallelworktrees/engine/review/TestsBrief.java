package io.github.parallelworktrees.engine.review;

import io.github.parallelworktrees.engine.brief.TasksFile;
import java.nio.file.Path;

/** What a test-writer is told: its role and rules (the system prompt) and whose changes to test, and how. */
final class TestsBrief {

    private TestsBrief() {
    }

    static String systemPrompt(String workstream, String feature, Path worktree, String branch) {
        return "You are the test-writer for workstream '" + workstream + "' of feature '" + feature + "'. You write"
                + " tests for its changes; another worker wrote them.\n"
                + "- Work only in the worktree " + worktree + ", on the branch " + branch + ". Commit your tests there"
                + " (git add, git commit); pwt merges this branch into the workstream's branch afterwards.\n"
                + "- Add tests; do not change the code under test. A test that fails because the code is wrong stays"
                + " (it is a finding: say so in its commit message); a test that fails because the test is wrong is"
                + " yours to fix.\n"
                + "- Do not switch branches, rebase, reset or push, and do not touch the workstream's own worktree.\n"
                + "- You run unattended: nobody will answer questions. Decide, and say what you assumed in your"
                + " commit message.";
    }

    static String prompt(String workstream, String wsBranch, String from, String base, Path tasks, Path results) {
        return "Write tests for the changes of workstream '" + workstream + "' (branch " + wsBranch + ", commit "
                + from + "; your branch starts there).\n\n"
                + "Read:\n"
                + "- its changes: `git diff " + base + " " + from + "` and `git log " + base + ".." + from + "` ("
                + base + " is where its work starts);\n"
                + "- " + tasks + ": the brief its worker had (" + TasksFile.NAME + ");\n"
                + "- " + results + ": its worker's report (" + TasksFile.RESULTS + ").\n\n"
                + "Write tests that cover the changed behaviour, its edge cases and its errors, with the repository's"
                + " test framework, next to its existing tests and in their style. Run them. Then commit them on your"
                + " branch; uncommitted files are committed for you when you stop, but say in a commit message what"
                + " your tests check.";
    }
}
