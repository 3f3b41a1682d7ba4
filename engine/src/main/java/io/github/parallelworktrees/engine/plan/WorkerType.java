package io.github.parallelworktrees.engine.plan;

import java.util.Locale;
import java.util.Optional;

/** What runs a workstream: the Claude Code CLI, or the user's own command. */
public enum WorkerType {
    CLAUDE, COMMAND;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<WorkerType> parse(String text) {
        for (WorkerType type : values()) {
            if (type.id().equals(text)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
