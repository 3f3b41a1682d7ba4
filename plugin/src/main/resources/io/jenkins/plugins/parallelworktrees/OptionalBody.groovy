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
 *
 * <p>{@code parallelWorktrees(spec: ...) { ... }} plans first: the plan, which names the bodies' branches, must exist
 * when the step starts its bodies, and planning cannot run inside the step's start() (see PlanFirst). So the call
 * becomes two step calls, one after the other: {@code parallelWorktrees(spec:, plan:, planner:, planOnly: true) {}},
 * which plans and returns the plan's path, then {@code parallelWorktrees(<the other arguments>, plan: <that path>)
 * { body }}. Two calls in a row work here because this class is CPS-transformed like the script: the trusted shell
 * that compiles it adds the CpsTransformer as the script's shell does (workflow-cps CpsGroovyShellFactory.makeConfig
 * adds makeCpsTransformer() to every shell it builds, forTrusted() only turns the sandbox off), and a step that
 * ends later suspends its CPS caller until it does (DSL.invokeStep: Continuable.suspend, "the CPS caller behaves as
 * if this method returned with the resume value"), so the second call starts once the planning has ended and with
 * its result. Only JDK calls are made between them (no closure handed to a Groovy method, no iterator kept).
 */
class OptionalBody implements Serializable {

    private static final long serialVersionUID = 1L

    /** The script's step DSL (its "steps" variable): calling the step there bypasses this global variable. */
    private final def steps
    private final String step
    private final String withoutBody
    /** The parameter a lone value is (the @DataBoundConstructor's only one), or null when the step has none. */
    private final String soleArgument

    /** The arguments of parallelWorktrees that say what to plan; the others say how to run the plan. */
    private static final List<String> PLANNING = ['spec', 'plan', 'planner']

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
        if (step == 'parallelWorktrees' && args.containsKey('spec')) {
            return planThenRun(args, body)
        }
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

    /** The spec planned by a call of its own, then the body run on the plan it made. */
    private def planThenRun(Map args, Closure body) {
        if (args.containsKey('planOnly')) {
            throw new IllegalArgumentException("parallelWorktrees(planOnly: true) plans and runs nothing, so it takes"
                    + " no body; remove the body, or planOnly to plan and then run the body on the plan")
        }
        Map planning = new LinkedHashMap(args)
        planning.keySet().retainAll(PLANNING)
        planning.put('planOnly', true)
        def planned = steps.invokeMethod(step, [planning, {}] as Object[])
        Map run = new LinkedHashMap(args)
        run.keySet().removeAll(PLANNING)
        run.put('plan', planned)
        return steps.invokeMethod(step, [run, body] as Object[])
    }

    private def withoutABody(Map args) {
        return steps.invokeMethod(step, [args + [(withoutBody): true], {}] as Object[])
    }
}
