package io.jenkins.plugins.parallelworktrees

import org.jenkinsci.plugins.workflow.cps.DSL

/**
 * The value of the global variables parallelWorktrees and mergeWave (OptionalBodyDsl): calls the step of the same
 * name with the script's body, or, when the script wrote none, with an empty body and the flag that tells the step
 * there is none.
 *
 * <p>It accepts the argument forms the step itself accepts (workflow-cps DSL.parseArgs): named arguments, and for a
 * step whose @DataBoundConstructor takes exactly one parameter (DSL.loadSoleArgumentKey) a lone value of any other
 * kind, which is that parameter; each with or without a body. The lone value is the form the Snippet Generator
 * writes when only that parameter is set (Snippetizer.functionCall, UninstantiatedDescribable
 * .hasSoleRequiredArgument), e.g. {@code parallelWorktrees('specs/plan.yaml') { ... }}. A call with a body goes to
 * the step as written, so the step's DSL maps it and reports what is wrong, exactly as without this variable.
 *
 * <p>Sandbox: the script's loader finds this source through the trusted shell (its parent, workflow-cps
 * CpsFlowExecution.parseScript), which compiles it without the sandbox transformer (CpsGroovyShellFactory.forTrusted
 * and makeCpsTransformer), so the calls below are not checked; a sandboxed script may call this class's methods
 * because the sandbox's GroovyClassLoaderWhitelist permits every member of a class the trusted shell defined
 * (SandboxContinuable.run0), its constructor included. The source may be loaded at all because
 * OptionalBodyDsl.TrustedSource allows it (GroovySourceFileAllowlist). So a script that constructs one itself must
 * get nothing it could not do without it: the constructor takes only the step DSL and this plugin's two steps.
 */
class OptionalBody implements Serializable {

    private static final long serialVersionUID = 1L

    /** The script's step DSL (its "steps" variable): calling the step there bypasses this global variable. */
    private final def steps
    private final String step
    private final String withoutBody
    /** The parameter a lone value is (the @DataBoundConstructor's only one), or null when the step has none. */
    private final String soleArgument

    OptionalBody(def steps, String step, String withoutBody, String soleArgument) {
        if (!(steps instanceof DSL) || !(step == 'parallelWorktrees' || step == 'mergeWave')) {
            throw new IllegalArgumentException("OptionalBody forwards only to the parallelWorktrees and mergeWave"
                    + " steps, through the script's step DSL")
        }
        this.steps = steps
        this.step = step
        this.withoutBody = withoutBody
        this.soleArgument = soleArgument
    }

    def call(Map args) {
        return withoutABody(args)
    }

    def call(Map args, Closure body) {
        return steps.invokeMethod(step, [args, body] as Object[])
    }

    /** {@code parallelWorktrees('specs/plan.yaml')}: the lone value is the step's sole constructor parameter. */
    def call(Object value) {
        if (soleArgument == null) {
            throw new IllegalArgumentException(step + " takes named arguments, e.g. " + step
                    + "(plan: 'specs/plan.yaml', ...); got the lone value '" + value + "'")
        }
        return withoutABody([(soleArgument): value])
    }

    def call(Object value, Closure body) {
        return steps.invokeMethod(step, [value, body] as Object[])
    }

    /** No arguments: the step says which required ones are missing. */
    def call() {
        return withoutABody([:])
    }

    def call(Closure body) {
        return steps.invokeMethod(step, [body] as Object[])
    }

    private def withoutABody(Map args) {
        return steps.invokeMethod(step, [args + [(withoutBody): true], {}] as Object[])
    }
}
