package io.github.parallelworktrees.engine.worker;

import io.github.parallelworktrees.engine.process.LoggedCommand;
import io.github.parallelworktrees.engine.process.ProcessResult;
import io.github.parallelworktrees.engine.ledger.Usage;
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
            return WorkerOutcome.ended(result.exitCode(), WorkerOutcome.Ending.TIMED_OUT, "timed out after "
                    + LoggedCommand.describe(context.workstream().worker().timeout()), Usage.NONE);
        }
        if (result.exitCode() != 0) {
            return WorkerOutcome.ended(result.exitCode(), WorkerOutcome.Ending.FAILED,
                    "command exited with " + result.exitCode() + hint(result.exitCode()), Usage.NONE);
        }
        return WorkerOutcome.succeeded(0, Usage.NONE);
    }

    /** sh's own exit codes for a command it could not start, which a user otherwise has to look up. */
    private static String hint(int exitCode) {
        return switch (exitCode) {
            case 127 -> " (not found: check the command's name, and that it is on the PATH pwt runs with)";
            case 126 -> " (found but not executable: check its permissions)";
            default -> "";
        };
    }
}
