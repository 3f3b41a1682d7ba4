package io.jenkins.plugins.parallelworktrees.contract;

import java.util.Set;

/** The names a pipeline may call besides our steps. */
final class PipelineBuiltIns {

    /**
     * Steps and directives from Pipeline itself and from plugins every Pipeline installation has, which the
     * examples may call. A name outside this list and outside our steps is reported: it is either a typo or a
     * dependency on a plugin the docs do not ask for. Add a name here only with its plugin.
     */
    static final Set<String> NAMES = Set.of(
            // pipeline-model-definition: declarative sections, directives, conditions, post blocks
            // ("parallel" and "unstable" are also steps)
            "pipeline", "agent", "label", "stages", "stage", "steps", "script", "options", "environment",
            "triggers", "cron", "pollSCM", "upstream", "parameters", "string", "booleanParam", "choice", "text",
            "password", "tools", "when", "branch", "expression", "not", "allOf", "anyOf", "buildingTag", "tag",
            "changeRequest", "triggeredBy", "parallel", "matrix", "failFast", "post", "always", "success",
            "failure", "unstable", "changed", "fixed", "regression", "aborted", "unsuccessful", "cleanup",
            "skipDefaultCheckout", "skipStagesAfterUnstable", "preserveStashes", "quietPeriod",
            "disableConcurrentBuilds", "buildDiscarder", "logRotator", "checkoutToSubdirectory",
            "newContainerPerStage", "credentials", "input",
            // workflow-basic-steps
            "echo", "error", "timeout", "retry", "sleep", "dir", "deleteDir", "writeFile", "readFile",
            "fileExists", "isUnix", "pwd", "catchError", "warnError", "withEnv", "waitUntil",
            "stash", "unstash", "archiveArtifacts", "mail", "tool",
            // workflow-durable-task-step, workflow-cps, workflow-scm-step, workflow-support, git, lockable-resources
            "node", "ws", "sh", "bat", "powershell", "checkout", "scm", "git", "properties",
            "milestone", "lock", "build",
            // junit, credentials-binding, timestamper
            "junit", "withCredentials", "usernamePassword", "sshUserPrivateKey", "file", "timestamps");

    private PipelineBuiltIns() {
    }
}
