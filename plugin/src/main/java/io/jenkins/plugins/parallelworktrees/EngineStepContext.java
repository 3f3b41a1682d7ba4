package io.jenkins.plugins.parallelworktrees;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.github.parallelworktrees.engine.process.Secrets;
import io.jenkins.plugins.parallelworktrees.report.ParallelWorktreesAction;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * What a step that runs engine code next to the workspace takes from its context ({@link EngineCalls#STEP_CONTEXT}),
 * and what it does with the engine's report there: archives its files, records it in the build's
 * {@link ParallelWorktreesAction}, marks the build. Made afresh for each run of an execution's work, never kept
 * in the (serialized) execution.
 */
final class EngineStepContext {

    private final StepContext context;
    private final Run<?, ?> run;
    private final TaskListener listener;
    private final FilePath workspace;
    private final EnvVars env;
    /** The step's secrets: the credential variables' values in its environment, and each key it looked up. */
    private final Set<String> secrets = new LinkedHashSet<>();

    private EngineStepContext(StepContext context, Run<?, ?> run, TaskListener listener, FilePath workspace,
            EnvVars env) {
        this.context = context;
        this.run = run;
        this.listener = listener;
        this.workspace = workspace;
        this.env = env;
        // e.g. a key withCredentials bound to ANTHROPIC_API_KEY: credentials-binding masks it in the console only,
        // so the step masks it in what it archives and records too
        secrets.addAll(Secrets.credentialValues(env));
    }

    static EngineStepContext of(StepContext context) throws IOException, InterruptedException {
        return new EngineStepContext(context, context.get(Run.class), context.get(TaskListener.class),
                context.get(FilePath.class), context.get(EnvVars.class));
    }

    Run<?, ?> run() {
        return run;
    }

    TaskListener listener() {
        return listener;
    }

    /** The step's current directory (the workspace, or a {@code dir} inside it). */
    FilePath workspace() {
        return workspace;
    }

    EnvVars env() {
        return env;
    }

    /** The Pipeline's environment at the step, for every process the engine starts on the agent. */
    PipelineEnvironment pipelineEnvironment() {
        return PipelineEnvironment.of(env);
    }

    /** The node's workspace (WORKSPACE), which the step's paths must not leave. */
    String workspaceVariable() {
        return env.get("WORKSPACE");
    }

    /**
     * The engine's progress for the build log, and the step's mask: {@code apiKey} (null for none) and the
     * credential variables of the Pipeline's environment ({@link Secrets#VARIABLES}) are masked in it, and from
     * now on in everything else this step shows ({@link #mask}).
     */
    BuildLog log(String apiKey) {
        if (apiKey != null && !apiKey.isBlank()) {
            secrets.add(apiKey);
        }
        return new BuildLog(listener, new ArrayList<>(secrets));
    }

    /** {@code text} with the step's secrets masked: for warnings, messages and the step's returned map. */
    String mask(String text) {
        return Secrets.of(secrets).mask(text);
    }

    /**
     * Archives the files the engine left on the workspace's agent ({@code artifacts}: archive path to the file's
     * path relative to {@code base}), records the report in the build's action and saves the build.
     */
    void keep(String base, Map<String, String> artifacts, Consumer<ParallelWorktreesAction> record)
            throws IOException, InterruptedException {
        archive(base, artifacts);
        record.accept(ParallelWorktreesAction.of(run));
        run.save();
    }

    /**
     * Archives the files the engine left on the workspace's agent ({@code artifacts}: archive path to the file's
     * path relative to {@code base}), their text with the step's secrets masked.
     */
    void archive(String base, Map<String, String> artifacts) throws IOException, InterruptedException {
        FilePath root = new FilePath(workspace.getChannel(), base);
        MaskedCopies copies = MaskedCopies.of(root, artifacts, List.copyOf(secrets));
        try {
            Artifacts.archive(run, root, context.get(Launcher.class), listener, copies.artifacts());
        } finally {
            copies.remove();
        }
    }

    /** Marks the step's node and the build UNSTABLE, saying why in the log. */
    void unstable(String message) throws IOException, InterruptedException {
        StepOutcome.UNSTABLE.apply(context.get(FlowNode.class), run, listener, mask(message));
    }
}
