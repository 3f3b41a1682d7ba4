package io.jenkins.plugins.parallelworktrees;

import hudson.model.TaskListener;
import io.github.parallelworktrees.engine.process.Secrets;
import io.github.parallelworktrees.engine.ledger.RunListener;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine's progress as build log lines ({@code [pwt] ...}), written from the agent that runs the engine, and
 * the step's mask: its secrets (the API key it looked up, the credential variables of the Pipeline's environment)
 * are masked in every line, every warning and every message the step shows, in each form {@link Secrets} knows
 * (as they are, shell-quoted, JSON-escaped, base64), as credentials-binding masks a build's console.
 */
public final class BuildLog implements RunListener, Serializable {

    private static final long serialVersionUID = 1L;

    private final TaskListener listener;
    /** Plain strings cross Remoting; the engine's Secrets is made again on whichever side uses it. */
    private final ArrayList<String> secrets;
    private transient Secrets mask;

    /** @param secrets values to mask (blank ones are ignored) */
    public BuildLog(TaskListener listener, List<String> secrets) {
        this.listener = listener;
        this.secrets = new ArrayList<>(secrets.stream().filter(s -> s != null && !s.isBlank()).toList());
    }

    @Override
    public void info(String message) {
        listener.getLogger().println("[pwt] " + mask(message));
    }

    @Override
    public void workerProgress(String workstream, String line) {
        info(workstream + ": " + line);
    }

    /** {@code text} with every form of every secret replaced by {@value Secrets#MASK}. */
    String mask(String text) {
        Secrets current = mask;
        if (current == null) {
            current = Secrets.of(secrets);
            mask = current;
        }
        return current.mask(text);
    }

    /** The secrets, for masking where this log is not at hand (the archived files' copies). */
    List<String> secrets() {
        return List.copyOf(secrets);
    }
}
