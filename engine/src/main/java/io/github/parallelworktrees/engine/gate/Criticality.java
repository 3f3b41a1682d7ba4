package io.github.parallelworktrees.engine.gate;

import java.util.Locale;
import java.util.Optional;

/**
 * What a failed gate does, with the meanings Jenkins users know from plugin-util-api's quality gates:
 * NOTE marks the step unstable, UNSTABLE the step and the build, ERROR fails the step but not the build,
 * FAILURE fails both.
 */
public enum Criticality {
    NOTE, UNSTABLE, ERROR, FAILURE;

    public static Optional<Criticality> parse(String text) {
        for (Criticality c : values()) {
            if (c.name().equalsIgnoreCase(text.strip())) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** The status a gate of this criticality has when it is not met. */
    public GateStatus whenFailed() {
        return switch (this) {
            case NOTE -> GateStatus.NOTE;
            case UNSTABLE -> GateStatus.UNSTABLE;
            case ERROR -> GateStatus.ERROR;
            case FAILURE -> GateStatus.FAILED;
        };
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
