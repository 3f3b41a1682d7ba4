// Stand-in checked against jenkinsci/jenkins core/src/main/java/hudson/util/FormValidation.java (tag jenkins-2.504.3).
// Only the members the plugin's sources use; bodies are not the real ones.
package hudson.util;

import io.github.parallelworktrees.standins.StandIn;
import java.io.IOException;

public abstract class FormValidation extends IOException {
    private static final long serialVersionUID = 1L;

    // jenkinsci/jenkins core/src/main/java/hudson/util/FormValidation.java:149
    public static FormValidation error(String message) {
        return StandIn.unsupported();
    }

    // jenkinsci/jenkins core/src/main/java/hudson/util/FormValidation.java:166
    public static FormValidation ok() {
        return StandIn.unsupported();
    }
}
