package io.jenkins.plugins.parallelworktrees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.Launcher;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.junit.jupiter.api.Test;

/**
 * The steps that start engine processes refuse an agent that is not Unix, from the Launcher the node gives them: a
 * RemoteLauncher whose isUnix the agent reported when it connected (jenkins Slave.createLauncher).
 */
class UnixAgentTest {

    private static Launcher agent(boolean unix) {
        VirtualChannel channel = (VirtualChannel) Proxy.newProxyInstance(UnixAgentTest.class.getClassLoader(),
                new Class<?>[] {VirtualChannel.class}, (proxy, method, args) -> {
                    throw new AssertionError("the check needs no call to the agent: " + method);
                });
        TaskListener listener = () -> System.out;
        return new Launcher.RemoteLauncher(listener, channel, unix);
    }

    private static EnvVars on(String node) {
        EnvVars env = new EnvVars();
        env.put("NODE_NAME", node);
        return env;
    }

    @Test
    void aWindowsAgentIsRefusedNamingTheStepTheAgentAndWhatToDo() {
        assertThatThrownBy(() -> UnixAgent.require(agent(false), on("win-1"), "claudeWorker"))
                .isInstanceOf(AbortException.class)
                .hasMessage("claudeWorker runs git and its workers as Unix processes (sh, process groups), and the"
                        + " agent 'win-1' is not Unix: run it on a Linux or macOS agent, e.g. node('linux') { ... }");
    }

    @Test
    void aUnixAgentPasses() {
        assertThatCode(() -> UnixAgent.require(agent(true), on("linux-1"), "mergeWave")).doesNotThrowAnyException();
    }

    /** In start(): before the execution exists, so before any workspace, credential or engine work. */
    @Test
    void everyStepThatStartsEngineProcessesRefusesAWindowsAgentFirst() {
        ParallelWorktreesStep planWorkers = new ParallelWorktreesStep("specs/plan.yaml");
        planWorkers.setPlanWorkers(true);
        Map<String, Step> steps = Map.of("claudeWorker", new ClaudeWorkerStep(),
                "mergeWave", new MergeWaveStep("specs/plan.yaml", 1), "parallelWorktrees", planWorkers);

        steps.forEach((name, step) -> {
            FakeStepContext windows = new FakeStepContext().with(Launcher.class, agent(false))
                    .with(EnvVars.class, on("win-1"));

            assertThatThrownBy(() -> step.start(windows)).as(name).isInstanceOf(AbortException.class)
                    .hasMessageStartingWith(name + " runs git and its workers as Unix processes");
            assertThat(windows.asked).as(name).containsOnly(Launcher.class, EnvVars.class);
        });
    }
}
