package io.github.parallelworktrees.engine.planner;

import io.github.parallelworktrees.engine.claude.Instructions;
import io.github.parallelworktrees.engine.worker.WorkerContext;
import java.nio.file.Path;

/** What a Claude planner is told: the brief first; on a resume, the validation errors of its last plan. */
final class PlannerInstructions implements Instructions {

    private final PlanningRequest request;
    private final String brief;

    PlannerInstructions(PlanningRequest request, String brief) {
        this.request = request;
        this.brief = brief;
    }

    @Override
    public String systemPrompt(WorkerContext ctx) {
        return "You are the planner of Parallel Worktrees. You run unattended: nobody will answer questions. You read"
                + " the spec and the repository at " + ctx.worktree() + " and write one file, the plan at "
                + request.out() + ". You do not edit, create or delete any other file, do not commit and do not"
                + " switch branches.";
    }

    @Override
    public String firstPrompt(WorkerContext ctx) {
        return brief;
    }

    @Override
    public String repairPrompt(WorkerContext ctx, String report) {
        return PlannerBrief.errorsPrompt(request.out(), ctx.attempt() - 1, request.attempts(), report);
    }

    @Override
    public String continuationPrompt(WorkerContext ctx) {
        return "Continue where you left off: write the plan at " + request.out() + " as the brief said.";
    }

    /** The plan's folder, which may lie outside the repository (--out elsewhere). */
    @Override
    public Path sharedDir(WorkerContext ctx) {
        return request.out().getParent();
    }
}
