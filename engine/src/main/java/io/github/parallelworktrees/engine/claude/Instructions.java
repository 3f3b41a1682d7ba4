package io.github.parallelworktrees.engine.claude;

import io.github.parallelworktrees.engine.worker.WorkerContext;
import java.nio.file.Path;

/**
 * What a Claude worker is told, by role: a workstream's worker gets its workstream briefing (the default); other
 * roles, such as the planner, bring their own prompts and run through the same worker (retries, resume, budgets,
 * transcript, rehearsals).
 */
public interface Instructions {

    /** The system prompt appended to the CLI's own. */
    String systemPrompt(WorkerContext ctx);

    /** The prompt of a new session. */
    String firstPrompt(WorkerContext ctx);

    /** The prompt that resumes the session with a report of what to fix ({@link WorkerContext#repair()}). */
    String repairPrompt(WorkerContext ctx, String report);

    /** The prompt that resumes an interrupted session. */
    String continuationPrompt(WorkerContext ctx);

    /** A directory outside the worker's own the CLI may also use ({@code --add-dir}). */
    default Path sharedDir(WorkerContext ctx) {
        return ctx.runRoot();
    }

    /** A workstream's worker: TASKS.md, COORDINATION.md, RESULTS.md. */
    Instructions WORKSTREAM = new Instructions() {
        @Override
        public String systemPrompt(WorkerContext ctx) {
            return Briefing.systemPrompt(ctx, ctx.runRoot().resolve("COORDINATION.md").toString());
        }

        @Override
        public String firstPrompt(WorkerContext ctx) {
            return Briefing.firstPrompt(ctx);
        }

        @Override
        public String repairPrompt(WorkerContext ctx, String report) {
            return Briefing.repairPrompt(ctx, report);
        }

        @Override
        public String continuationPrompt(WorkerContext ctx) {
            return Briefing.continuationPrompt(ctx);
        }
    };
}
