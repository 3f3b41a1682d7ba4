package io.jenkins.plugins.parallelworktrees;

import hudson.EnvVars;
import io.github.parallelworktrees.engine.process.Environment;
import java.io.File;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Pipeline's environment at the step (withEnv, declarative {@code environment {}}, withCredentials, tool PATH
 * entries, the node's properties), carried to the agent so that every process the engine starts there (git, the
 * Claude Code CLI, setup commands, command workers, gates) gets it, as an {@code sh} step's process would.
 *
 * <p>The step's EnvVars are already the effective environment: workflow-support's DefaultStepContext.get(EnvVars)
 * applies the run's environment and every enclosing EnvironmentExpander (EnvironmentExpander.getEffectiveEnvironment).
 * On the agent they override the agent JVM's own environment, as jenkins core's Launcher.inherit does for every
 * launched process ({@code new EnvVars(EnvVars.masterEnvVars).overrideExpandingAll(overrides)}, core
 * {@code hudson/Launcher.java:1484} at jenkins-2.504.3), with EnvVars.override's rules ({@code EnvVars.java:145}):
 * an empty value removes the variable and {@code KEY+SUFFIX} prepends to {@code KEY}'s path.
 */
final class PipelineEnvironment implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Plain String map: crosses Remoting with no class of ours or of the engine in it. */
    private final TreeMap<String, String> variables;

    private PipelineEnvironment(Map<String, String> variables) {
        this.variables = new TreeMap<>(variables);
    }

    /** The step's effective environment, read on the controller. */
    static PipelineEnvironment of(EnvVars env) {
        return new PipelineEnvironment(env);
    }

    /** For tests and callers that have the variables as a map. */
    static PipelineEnvironment of(Map<String, String> variables) {
        return new PipelineEnvironment(variables);
    }

    /** The whole environment of the engine's processes on this agent: its JVM's, overridden by the Pipeline's. */
    Environment onThisAgent() {
        return over(Environment.ofThisProcess());
    }

    /** {@code agent} overridden by the Pipeline's variables, by EnvVars.override's rules. */
    Environment over(Environment agent) {
        Map<String, String> result = new HashMap<>(agent.variables());
        variables.forEach((name, value) -> {
            if (value == null || value.isEmpty()) {
                result.remove(name);
                return;
            }
            int plus = name.indexOf('+');
            if (plus > 0) {
                String real = name.substring(0, plus);
                String current = result.get(real);
                result.put(real, current == null ? value : value + File.pathSeparator + current);
            } else {
                result.put(name, value);
            }
        });
        return Environment.of(result);
    }
}
