// Stand-in checked against jenkinsci/jenkins-test-harness src/main/java/org/jvnet/hudson/test/JenkinsRule.java (HEAD 96b52f42).
// Only the members the plugin's sources use; bodies are not the real ones.
package org.jvnet.hudson.test;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Job;
import hudson.model.Queue;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TopLevelItem;
import hudson.security.SecurityRealm;
import hudson.slaves.DumbSlave;
import io.github.parallelworktrees.standins.StandIn;
import java.io.IOException;
import java.util.concurrent.Callable;
import jenkins.model.Jenkins;
import jenkins.model.ParameterizedJobMixIn;
import org.htmlunit.html.HtmlPage;
import org.xml.sax.SAXException;

public class JenkinsRule {
    // jenkinsci/jenkins-test-harness src/main/java/org/jvnet/hudson/test/JenkinsRule.java:275
    public Jenkins jenkins;

    // jenkinsci/jenkins-test-harness src/main/java/org/jvnet/hudson/test/JenkinsRule.java:870
    public <T extends TopLevelItem> T createProject(Class<T> type, String name) throws IOException {
        return StandIn.unsupported();
    }

    // jenkinsci/jenkins-test-harness src/main/java/org/jvnet/hudson/test/JenkinsRule.java:968
    public DummySecurityRealm createDummySecurityRealm() {
        return StandIn.unsupported();
    }

    // jenkinsci/jenkins-test-harness src/main/java/org/jvnet/hudson/test/JenkinsRule.java:973 (its superclass
    // AbstractPasswordBasedSecurityRealm left out)
    public static class DummySecurityRealm extends SecurityRealm {
    }

    // jenkinsci/jenkins-test-harness src/main/java/org/jvnet/hudson/test/JenkinsRule.java:1110
    @NonNull
    public DumbSlave createOnlineSlave() throws Exception {
        return StandIn.unsupported();
    }

    // jenkinsci/jenkins-test-harness src/main/java/org/jvnet/hudson/test/JenkinsRule.java:1507
    @SuppressWarnings("rawtypes")
    public <R extends Run> R assertBuildStatusSuccess(R r) throws Exception {
        return StandIn.unsupported();
    }

    @NonNull
    public <J extends Job<J, R> & ParameterizedJobMixIn.ParameterizedJob<J, R>, R extends Run<J, R> & Queue.Executable>
            // jenkinsci/jenkins-test-harness src/main/java/org/jvnet/hudson/test/JenkinsRule.java:1528
            R buildAndAssertStatus(@NonNull Result status, @NonNull J job) throws Exception {
        return StandIn.unsupported();
    }

    @NonNull
    public <J extends Job<J, R> & ParameterizedJobMixIn.ParameterizedJob<J, R>, R extends Run<J, R> & Queue.Executable>
            // jenkinsci/jenkins-test-harness src/main/java/org/jvnet/hudson/test/JenkinsRule.java:1518
            R buildAndAssertSuccess(@NonNull J job) throws Exception {
        return StandIn.unsupported();
    }

    // jenkinsci/jenkins-test-harness src/main/java/org/jvnet/hudson/test/JenkinsRule.java:1551
    @SuppressWarnings("rawtypes")
    public void assertLogContains(String substring, Run run) throws IOException {
        StandIn.unsupported();
    }

    // jenkinsci/jenkins-test-harness src/main/java/org/jvnet/hudson/test/JenkinsRule.java:1560
    @SuppressWarnings("rawtypes")
    public void assertLogNotContains(String substring, Run run) throws IOException {
        StandIn.unsupported();
    }

    // jenkinsci/jenkins-test-harness src/main/java/org/jvnet/hudson/test/JenkinsRule.java:1588
    public <R extends Run<?, ?>> R waitForCompletion(R r) throws InterruptedException {
        return StandIn.unsupported();
    }

    // jenkinsci/jenkins-test-harness src/main/java/org/jvnet/hudson/test/JenkinsRule.java:1613
    public <R extends Run<?, ?>> R waitForMessage(String message, R r) throws IOException, InterruptedException {
        return StandIn.unsupported();
    }

    // jenkinsci/jenkins-test-harness src/main/java/org/jvnet/hudson/test/JenkinsRule.java:2314
    public <V> V executeOnServer(Callable<V> c) throws Exception {
        return StandIn.unsupported();
    }

    // jenkinsci/jenkins-test-harness src/main/java/org/jvnet/hudson/test/JenkinsRule.java:2331
    public WebClient createWebClient() {
        return StandIn.unsupported();
    }

    // jenkinsci/jenkins-test-harness src/main/java/org/jvnet/hudson/test/JenkinsRule.java:2341
    public class WebClient extends org.htmlunit.WebClient {
        private static final long serialVersionUID = 1L;

        // jenkinsci/jenkins-test-harness src/main/java/org/jvnet/hudson/test/JenkinsRule.java:2575
        public WebClient login(String username) throws Exception {
            return StandIn.unsupported();
        }

        // jenkinsci/jenkins-test-harness src/main/java/org/jvnet/hudson/test/JenkinsRule.java:2671
        @SuppressWarnings("rawtypes")
        public HtmlPage getPage(Run r, String relative) throws IOException, SAXException {
            return StandIn.unsupported();
        }
    }
}
