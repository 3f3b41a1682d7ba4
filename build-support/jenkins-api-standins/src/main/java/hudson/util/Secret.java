// Stand-in checked against jenkinsci/jenkins core/src/main/java/hudson/util/Secret.java (tag jenkins-2.504.3).
// Only the members the plugin's sources use; bodies are not the real ones.
package hudson.util;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import io.github.parallelworktrees.standins.StandIn;
import java.io.Serializable;

public final class Secret implements Serializable {
    private static final long serialVersionUID = 1L;

    // jenkinsci/jenkins core/src/main/java/hudson/util/Secret.java:109
    @NonNull
    public String getPlainText() {
        return StandIn.unsupported();
    }

    // jenkinsci/jenkins core/src/main/java/hudson/util/Secret.java:250
    @NonNull
    public static Secret fromString(@CheckForNull String data) {
        return StandIn.unsupported();
    }
}
