package io.github.parallelworktrees.engine.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The whole environment of the processes the engine starts (git, the Claude Code CLI, gates, setup and command
 * workers). It is given to the engine, never taken from the engine's own JVM behind the caller's back: {@code pwt}
 * gives its own ({@link #ofThisProcess()}), a Jenkins step gives the Pipeline's (withEnv, environment {},
 * withCredentials, tool PATH entries, node properties), so what the user set reaches every process.
 */
public final class Environment {

    private final Map<String, String> variables;

    /** @param variables a map of its own, which no one else changes */
    private Environment(TreeMap<String, String> variables) {
        this.variables = Collections.unmodifiableMap(variables);
    }

    /** This JVM's own environment: for {@code pwt}, the user's shell. */
    public static Environment ofThisProcess() {
        return of(System.getenv());
    }

    /** Exactly {@code variables}, nothing inherited. */
    public static Environment of(Map<String, String> variables) {
        return new Environment(new TreeMap<>(variables));
    }

    /** This environment with {@code changes} applied: a null value removes the variable. */
    public Environment with(Map<String, String> changes) {
        TreeMap<String, String> merged = new TreeMap<>(variables);
        changes.forEach((name, value) -> {
            if (value == null) {
                merged.remove(name);
            } else {
                merged.put(name, value);
            }
        });
        return new Environment(merged);
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(variables.get(name));
    }

    public Map<String, String> variables() {
        return variables;
    }

    /**
     * Where {@code command} is found: itself when it names a path, else the first executable of that name on this
     * environment's PATH. Java's ProcessBuilder searches the JVM's own PATH for a bare name, not the child's, so a
     * tool the caller put on PATH (Pipeline's {@code tool}, {@code PATH+X}) is found only this way.
     */
    public Optional<Path> locate(String command) {
        if (command.contains("/")) {
            Path path = Path.of(command);
            return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        for (String dir : get("PATH").orElse("").split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, command);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * {@code command} with its program found on this environment's PATH (left as it is when not found there, so
     * that the start fails with the usual "cannot run program").
     */
    public List<String> resolve(List<String> command) {
        List<String> resolved = new ArrayList<>(command);
        locate(command.get(0)).ifPresent(path -> resolved.set(0, path.toString()));
        return resolved;
    }

    /** Makes this environment the whole environment of the processes {@code builder} starts. */
    public ProcessBuilder applyTo(ProcessBuilder builder) {
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(variables);
        return builder;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Environment that && variables.equals(that.variables);
    }

    @Override
    public int hashCode() {
        return variables.hashCode();
    }

    /** Names only: values may be secrets. */
    @Override
    public String toString() {
        return "Environment" + variables.keySet();
    }
}
