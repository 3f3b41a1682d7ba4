// Stand-in checked against jenkinsci/jenkins core/src/main/java/hudson/model/Slave.java (tag jenkins-2.504.3).
// Only the members the plugin's sources use; bodies are not the real ones.
package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import io.github.parallelworktrees.standins.StandIn;
import java.io.Serializable;

public abstract class Slave extends Node implements Serializable {
    private static final long serialVersionUID = 1L;

    // jenkinsci/jenkins core/src/main/java/hudson/model/Slave.java:270
    @NonNull
    @Override
    public String getNodeName() {
        return StandIn.unsupported();
    }
}
