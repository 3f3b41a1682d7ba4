package io.jenkins.plugins.parallelworktrees;

import edu.umd.cs.findbugs.annotations.NonNull;
import groovy.lang.Binding;
import hudson.Extension;
import org.jenkinsci.plugins.workflow.cps.CpsScript;
import org.jenkinsci.plugins.workflow.cps.GlobalVariable;

/**
 * Lets {@code parallelWorktrees} and {@code mergeWave} be written with a body or without one. workflow-cps refuses
 * a body-taking step called without a body (DSL.invokeStep: "step must be called with a body") and a body given
 * to a step that takes none (DSL.parseArgs: "Expected named arguments"), so each of these steps takes a body, and
 * a global variable of the same name, which Pipeline resolves before steps (CpsScript.invokeMethod), forwards a
 * call without a body as {@code steps.<name>(args + [<flag>: true]) {}}. The forwarding is OptionalBody.groovy,
 * loaded into the Pipeline's shell as docker-workflow's DockerDSL loads Docker.groovy, and handed the script's step
 * DSL (its {@code steps} binding variable, as CpsScript sets it) so that it calls the step, not itself.
 */
public abstract class OptionalBodyDsl extends GlobalVariable {

    /** The binding variable that holds the script's step DSL (CpsScript's STEPS_VAR). */
    private static final String STEPS = "steps";

    private final String name;
    private final String withoutBody;

    /**
     * @param name the step's function name
     * @param withoutBody the step's boolean parameter that says the script gave no body
     */
    OptionalBodyDsl(String name, String withoutBody) {
        this.name = name;
        this.withoutBody = withoutBody;
    }

    @NonNull
    @Override
    public String getName() {
        return name;
    }

    @NonNull
    @Override
    public Object getValue(@NonNull CpsScript script) throws Exception {
        Binding binding = script.getBinding();
        if (binding.hasVariable(name)) {
            return binding.getVariable(name);
        }
        // constructed, not called, so that Pipeline's CPS transformation does not apply here (as in DockerDSL)
        Object value = script.getClass().getClassLoader().loadClass(OptionalBodyDsl.class.getPackageName()
                + ".OptionalBody").getConstructor(Object.class, String.class, String.class)
                .newInstance(binding.getVariable(STEPS), name, withoutBody);
        binding.setVariable(name, value);
        return value;
    }

    /** {@code parallelWorktrees(plan: ...)} runs the plan's own workers; with a body, one body per workstream. */
    @Extension
    public static final class ParallelWorktrees extends OptionalBodyDsl {
        public ParallelWorktrees() {
            super("parallelWorktrees", "planWorkers");
        }
    }

    /** {@code mergeWave(plan: ..., wave: n)} gates with the plan's wave gate; with a body, with the body. */
    @Extension
    public static final class MergeWave extends OptionalBodyDsl {
        public MergeWave() {
            super("mergeWave", "planGate");
        }
    }
}
