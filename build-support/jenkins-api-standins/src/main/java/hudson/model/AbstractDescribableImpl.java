// Stand-in checked against jenkinsci/jenkins core/src/main/java/hudson/model/AbstractDescribableImpl.java (tag jenkins-2.504.3).
// Only the members the plugin's sources use; bodies are not the real ones.
package hudson.model;

import io.github.parallelworktrees.standins.StandIn;

public abstract class AbstractDescribableImpl<T extends AbstractDescribableImpl<T>> implements Describable<T> {
    // jenkinsci/jenkins core/src/main/java/hudson/model/AbstractDescribableImpl.java:42
    @Override
    public Descriptor<T> getDescriptor() {
        return StandIn.unsupported();
    }
}
