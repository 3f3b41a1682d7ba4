// Stand-in checked against jenkinsci/jenkins core/src/main/java/jenkins/model/GlobalConfiguration.java (tag jenkins-2.504.3).
// Only the members the plugin's sources use; bodies are not the real ones.
package jenkins.model;

import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Descriptor;
import io.github.parallelworktrees.standins.StandIn;

public abstract class GlobalConfiguration extends Descriptor<GlobalConfiguration>
        implements ExtensionPoint, Describable<GlobalConfiguration> {
    // jenkinsci/jenkins core/src/main/java/jenkins/model/GlobalConfiguration.java:48
    protected GlobalConfiguration() {
    }

    // jenkinsci/jenkins core/src/main/java/jenkins/model/GlobalConfiguration.java:53
    @Override
    public final Descriptor<GlobalConfiguration> getDescriptor() {
        return StandIn.unsupported();
    }
}
