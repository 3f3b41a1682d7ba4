package io.github.parallelworktrees.engine.worker;

import io.github.parallelworktrees.engine.process.LoggedCommand;
import io.github.parallelworktrees.engine.process.ProcessResult;
import java.io.IOException;
import java.time.Instant;

/** A worker of {@code type: command}: the user's own command, run in the worktree. */
public final class CommandWorker implements Worker {

    @Override
    public WorkerOutcome run(WorkerContext context) throws IOException, InterruptedException {
        String command = context.workstream().worker().run()
                .orElseThrow(() -> new IllegalStateException("command worker without 'run'"));
        ProcessResult result = LoggedCommand.run(command, context.worktree(), context.env(), context.log(),
                context.workstream().worker().timeout(),
                process -> context.listener().processStarted(process.pid(),
                        process.info().startInstant().orElse(Instant.now())));
        if (result.timedOut()) {
            return WorkerOutcome.failed(result.exitCode(), true, "timed out after "
                    + LoggedCommand.describe(context.workstream().worker().timeout()));
        }
        if (result.exitCode() != 0) {
            return WorkerOutcome.failed(result.exitCode(), false, "command exited with " + result.exitCode());
        }
        return WorkerOutcome.succeeded(0);
    }
}
