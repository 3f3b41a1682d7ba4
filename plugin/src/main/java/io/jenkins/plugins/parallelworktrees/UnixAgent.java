package io.jenkins.plugins.parallelworktrees;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.Launcher;
import java.io.IOException;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * The engine starts git, sh and the Claude Code CLI as Unix processes (a worker in its own session and process group,
 * stopped with the group), so the steps that run them refuse a Windows agent before any engine work.
 *
 * <p>The step's Launcher says what the agent is: inside {@code node} it is the node's own
 * (workflow-support DefaultStepContext.get/makeLauncher: {@code Node.createLauncher}), a RemoteLauncher whose
 * isUnix is what the agent reported when it connected (jenkins Slave.createLauncher passes SlaveComputer.isUnix, set
 * from DetectOS: {@code File.pathSeparatorChar == ':'} run on the agent), or on the built-in node a LocalLauncher
 * (Launcher.isUnix: the same test in the controller's JVM); decorators (container steps) delegate isUnix to it.
 * FilePath.isUnix only guesses from the path's spelling (and is not public), and Computer.isUnix is null while an
 * agent is offline.
 */
final class UnixAgent {

    private UnixAgent() {
    }

    /**
     * @param step the step's name, for the message
     * @throws AbortException on an agent that is not Unix, saying which and what to do
     */
    static void require(StepContext context, String step) throws IOException, InterruptedException {
        require(context.get(Launcher.class), context.get(EnvVars.class), step);
    }

    static void require(Launcher launcher, EnvVars env, String step) throws AbortException {
        if (launcher != null && !launcher.isUnix()) {
            String node = env == null ? null : env.get("NODE_NAME");
            throw new AbortException(step + " runs git and its workers as Unix processes (sh, process groups), and"
                    + " the agent " + (node == null ? "" : "'" + node + "' ") + "is not Unix: run it on a Linux or"
                    + " macOS agent, e.g. node('linux') { ... }");
        }
    }
}
