package io.jenkins.plugins.parallelworktrees;

import edu.umd.cs.findbugs.annotations.NonNull;
import groovy.lang.Binding;
import hudson.Extension;
import org.jenkinsci.plugins.workflow.cps.CpsScript;
import org.jenkinsci.plugins.workflow.cps.GlobalVariable;
import org.jenkinsci.plugins.workflow.cps.GroovySourceFileAllowlist;

/**
 * Lets {@code parallelWorktrees} and {@code mergeWave} be written with a body or without one. workflow-cps refuses
 * a body-taking step called without a body (DSL.invokeStep: "step must be called with a body") and a body given
 * to a step that takes none (DSL.parseArgs: "Expected named arguments"), so each of these steps takes a body, and
 * a global variable of the same name, which Pipeline resolves before steps (CpsScript.invokeMethod), forwards a
 * call without a body as {@code steps.<name>(args + [<flag>: true]) {}}. The forwarding is OptionalBody.groovy,
 * loaded into the Pipeline's shell as docker-workflow's DockerDSL loads Docker.groovy, and handed the script's step
 * DSL (its {@code steps} binding variable, as CpsScript sets it) so that it calls the step, not itself.
 *
 * <p>The variable takes every form the step takes: CpsScript.invokeMethod calls a global variable's value with the
 * script's arguments as they are ({@code InvokerHelper.getMetaClass(o).invokeMethod(o, "call", args)}), so a form
 * OptionalBody.groovy has no {@code call} for fails with MissingMethodException although the step would take it.
 */
public abstract class OptionalBodyDsl extends GlobalVariable {

    /** The binding variable that holds the script's step DSL (CpsScript's STEPS_VAR). */
    private static final String STEPS = "steps";

    /** Where OptionalBody.groovy lies among the plugin's resources. */
    static final String SOURCE = OptionalBodyDsl.class.getPackageName().replace('.', '/') + "/OptionalBody.groovy";

    private final String name;
    private final String withoutBody;
    private final String soleArgument;

    /**
     * @param name the step's function name
     * @param withoutBody the step's boolean parameter that says the script gave no body
     * @param soleArgument the parameter a lone positional value is, as workflow-cps' DSL decides it (the
     *     {@code @DataBoundConstructor}'s parameter when it has exactly one, DSL.loadSoleArgumentKey), or null
     */
    OptionalBodyDsl(String name, String withoutBody, String soleArgument) {
        this.name = name;
        this.withoutBody = withoutBody;
        this.soleArgument = soleArgument;
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
                + ".OptionalBody").getConstructor(Object.class, String.class, String.class, String.class)
                .newInstance(binding.getVariable(STEPS), name, withoutBody, soleArgument);
        binding.setVariable(name, value);
        return value;
    }

    /** {@code parallelWorktrees(plan: ...)} runs the plan's own workers; with a body, one body per workstream. */
    @Extension
    public static final class ParallelWorktrees extends OptionalBodyDsl {
        public ParallelWorktrees() {
            super("parallelWorktrees", "planWorkers", "plan");
        }
    }

    /** {@code mergeWave(plan: ..., wave: n)} gates with the plan's wave gate; with a body, with the body. */
    @Extension
    public static final class MergeWave extends OptionalBodyDsl {
        public MergeWave() {
            // MergeWaveStep(plan, wave): two constructor parameters, so the DSL takes no lone value
            super("mergeWave", "planGate", null);
        }
    }

    /** The parameter a lone value is; null when the step takes named arguments only. */
    String soleArgument() {
        return soleArgument;
    }

    /**
     * Lets Pipeline load OptionalBody.groovy. workflow-cps loads no Groovy source from a plugin unless an allowlist
     * allows its URL (GroovySourceFileAllowlist.ClassLoaderImpl.getResource hides it otherwise, and the class is not
     * found); its DefaultAllowlist names only older plugins' files, docker-workflow's Docker.groovy among them.
     */
    @Extension
    public static final class TrustedSource extends GroovySourceFileAllowlist {
        @Override
        public boolean isAllowed(String groovySourceFileUrl) {
            // a suffix, as DefaultAllowlist matches: the URL's start depends on where Jenkins unpacked the plugin
            return groovySourceFileUrl.endsWith("/" + SOURCE);
        }
    }
}
