// Stand-in checked against jenkinsci/jenkins core/src/main/java/hudson/EnvVars.java (tag jenkins-2.504.3).
// Only the members the plugin's sources use; bodies are not the real ones.
package hudson;

import io.github.parallelworktrees.standins.StandIn;
import java.util.TreeMap;

public class EnvVars extends TreeMap<String, String> {
    private static final long serialVersionUID = 1L;

    // jenkinsci/jenkins core/src/main/java/hudson/EnvVars.java:145
    public void override(String key, String value) {
        StandIn.unsupported();
    }
}
