package io.jenkins.plugins.parallelworktrees

/**
 * The value of the global variables parallelWorktrees and mergeWave (OptionalBodyDsl): calls the step of the same
 * name with the script's body, or, when the script wrote none, with an empty body and the flag that tells the step
 * there is none. Loaded into the Pipeline's own Groovy shell (as docker-workflow's Docker.groovy is), so that the
 * step call inside runs as Pipeline code; it may run in the sandbox, so it only calls what the sandbox permits
 * (Map + Map, and invokeMethod on the script's step DSL, which workflow-cps' CpsWhitelist allows).
 */
class OptionalBody implements Serializable {

    private static final long serialVersionUID = 1L

    /** The script's step DSL (its "steps" variable): calling the step there bypasses this global variable. */
    private final def steps
    private final String step
    private final String withoutBody

    OptionalBody(def steps, String step, String withoutBody) {
        this.steps = steps
        this.step = step
        this.withoutBody = withoutBody
    }

    def call(Map args) {
        return steps.invokeMethod(step, [args + [(withoutBody): true], {}] as Object[])
    }

    def call(Map args, Closure body) {
        return steps.invokeMethod(step, [args, body] as Object[])
    }
}
