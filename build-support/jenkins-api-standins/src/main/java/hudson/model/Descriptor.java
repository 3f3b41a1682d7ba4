// Stand-in checked against jenkinsci/jenkins core/src/main/java/hudson/model/Descriptor.java (tag jenkins-2.504.3).
// Only the members the plugin's sources use; bodies are not the real ones.
package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import io.github.parallelworktrees.standins.StandIn;
import net.sf.json.JSONObject;
import org.kohsuke.stapler.StaplerRequest2;

public abstract class Descriptor<T extends Describable<T>> {
    // jenkinsci/jenkins core/src/main/java/hudson/model/Descriptor.java:293
    protected Descriptor() {
    }

    // jenkinsci/jenkins core/src/main/java/hudson/model/Descriptor.java:328
    @NonNull
    public String getDisplayName() {
        return StandIn.unsupported();
    }

    // jenkinsci/jenkins core/src/main/java/hudson/model/Descriptor.java:590
    public T newInstance(@Nullable StaplerRequest2 req, @NonNull JSONObject formData) throws FormException {
        return StandIn.unsupported();
    }

    // jenkinsci/jenkins core/src/main/java/hudson/model/Descriptor.java:963
    public synchronized void save() {
        StandIn.unsupported();
    }

    // jenkinsci/jenkins core/src/main/java/hudson/model/Descriptor.java:982
    public synchronized void load() {
        StandIn.unsupported();
    }

    // jenkinsci/jenkins core/src/main/java/hudson/model/Descriptor.java:1288
    public static final class FormException extends Exception {
        private static final long serialVersionUID = 1L;
    }
}
