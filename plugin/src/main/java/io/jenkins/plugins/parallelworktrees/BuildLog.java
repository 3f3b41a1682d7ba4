package io.jenkins.plugins.parallelworktrees;

import hudson.model.TaskListener;
import io.github.parallelworktrees.engine.run.RunListener;
import java.io.Serializable;
import java.util.List;

/**
 * The engine's progress as build log lines ({@code [pwt] ...}), written from the agent that runs the engine.
 * Secrets handed to it are masked in every line: a worker's progress quotes commands and tool output, and an API
 * key must never reach the log even if a worker prints it.
 */
public final class BuildLog implements RunListener, Serializable {

    private static final long serialVersionUID = 1L;
    private static final String MASK = "****";

    private final TaskListener listener;
    private final List<String> secrets;

    /** @param secrets values to mask (blank ones are ignored) */
    public BuildLog(TaskListener listener, List<String> secrets) {
        this.listener = listener;
        this.secrets = secrets.stream().filter(s -> s != null && !s.isBlank()).toList();
    }

    @Override
    public void info(String message) {
        listener.getLogger().println("[pwt] " + mask(message));
    }

    @Override
    public void workerProgress(String workstream, String line) {
        info(workstream + ": " + line);
    }

    /** {@code text} with every secret replaced by {@value #MASK}. */
    String mask(String text) {
        String masked = text;
        for (String secret : secrets) {
            masked = masked.replace(secret, MASK);
        }
        return masked;
    }
}
