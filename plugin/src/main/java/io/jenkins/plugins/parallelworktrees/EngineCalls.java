package io.jenkins.plugins.parallelworktrees;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.github.parallelworktrees.engine.gate.GateException;
import io.github.parallelworktrees.engine.git.GitException;
import io.github.parallelworktrees.engine.git.WorktreeException;
import io.github.parallelworktrees.engine.merge.MergeException;
import io.github.parallelworktrees.engine.plan.PlanException;
import io.github.parallelworktrees.engine.run.RunException;
import io.github.parallelworktrees.engine.ledger.RunLockedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import org.jenkinsci.plugins.workflow.graph.FlowNode;

/**
 * Runs engine code for a step. The engine's input errors (a bad plan, a refused run, a wave that cannot merge, a
 * git command that failed) already name the input and what to do: they end the step as one line in the log
 * (AbortException), not as a stack trace.
 */
final class EngineCalls {

    /** Engine code that may throw its input errors. */
    @FunctionalInterface
    interface EngineCall<T> {
        T call() throws IOException, InterruptedException;
    }

    /** What every step that runs engine code next to the workspace needs from its context. */
    static final Set<Class<?>> STEP_CONTEXT = Set.of(FilePath.class, TaskListener.class, Run.class, Launcher.class,
            EnvVars.class, FlowNode.class);

    private EngineCalls() {
    }

    static <T> T call(EngineCall<T> call) throws IOException, InterruptedException {
        return call(null, call);
    }

    /**
     * As {@link #call(EngineCall)}, with the step's secrets masked in the message: git's stderr, which an error
     * quotes, may hold a remote's URL with its token.
     *
     * @param log the step's log, whose secrets are masked (null for none)
     */
    static <T> T call(BuildLog log, EngineCall<T> call) throws IOException, InterruptedException {
        try {
            return call.call();
        } catch (PlanException | RunException | RunLockedException | GateException | MergeException | GitException
                | WorktreeException e) {
            throw new AbortException(log == null ? e.getMessage() : log.mask(e.getMessage()));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
