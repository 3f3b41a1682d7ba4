package io.github.parallelworktrees.engine.claude;

import io.github.parallelworktrees.engine.brief.TasksFile;
import io.github.parallelworktrees.engine.worker.RepairRequest;
import io.github.parallelworktrees.engine.worker.WorkerContext;

/** What a Claude worker is told: the system prompt it runs under, and the prompts that start or continue it. */
final class Briefing {

    private Briefing() {
    }

    static String systemPrompt(WorkerContext ctx, String coordination) {
        String name = ctx.workstream().name();
        String scope = ctx.workstream().files().isEmpty() ? "what your mission needs"
                : String.join(", ", ctx.workstream().files());
        return "You are the worker for workstream '" + name + "' of feature '" + ctx.feature() + "'. You work alone"
                + " in the git worktree " + ctx.worktree() + " on branch " + ctx.branch() + ".\n"
                + "- Read " + TasksFile.NAME + " first: it is your brief (mission, key files, checklist, success"
                + " criteria).\n"
                + "- Other workstreams change the rest of the code in parallel. Check " + coordination + " before"
                + " changing an interface another workstream uses, and record your own decisions and interfaces"
                + " there.\n"
                + "- Stay within your scope: " + scope + ". Do not modify files outside it, do not switch branches,"
                + " rebase, push, or touch other worktrees.\n"
                + "- Commit your work on your branch with descriptive messages (git add, git commit).\n"
                + "- When you are done, write " + TasksFile.RESULTS + " at the root of your worktree with: a one-line"
                + " summary first, then Files Changed, Challenges and Solutions, Integration Notes (for the other"
                + " workstreams), Suggestions. Then create the empty file " + TasksFile.COMPLETE_MARKER + ".\n"
                + "- You run unattended: nobody will answer questions. Decide, note the decision in "
                + TasksFile.RESULTS + ", and go on.";
    }

    static String firstPrompt(WorkerContext ctx) {
        return "Read " + TasksFile.NAME + " and carry out workstream '" + ctx.workstream().name() + "'. Start by"
                + " understanding the requirements and making a plan; then implement with tests, commit, and write "
                + TasksFile.RESULTS + ".";
    }

    /**
     * The prompt of a repair: the report pwt wrote (why the branch was left out: the gate's verdict and failing
     * tests, or the conflict and the integration commit), and what to do about it.
     */
    static String repairPrompt(WorkerContext ctx, String report) {
        RepairRequest repair = ctx.repair().orElseThrow();
        return "Your branch was left out of the integration branch, and comes back to you to be repaired (repair "
                + repair.attempt() + "). The report below (also at " + repair.report() + ") says why; pwt has"
                + " already merged the integration branch into your branch, as the report says. Fix the cause on"
                + " your branch, commit, then write " + TasksFile.RESULTS + " again and create "
                + TasksFile.COMPLETE_MARKER + ". Your brief is still " + TasksFile.NAME + ".\n\n" + report;
    }

    static String continuationPrompt(WorkerContext ctx) {
        return "Continue workstream '" + ctx.workstream().name() + "' where you left off. Check what is already"
                + " done (git log, the checklist in " + TasksFile.NAME + "), finish the rest, commit, and write "
                + TasksFile.RESULTS + " and " + TasksFile.COMPLETE_MARKER + ".";
    }
}
