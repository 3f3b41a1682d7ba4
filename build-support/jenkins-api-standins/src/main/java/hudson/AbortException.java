// Stand-in checked against jenkinsci/jenkins core/src/main/java/hudson/AbortException.java (tag jenkins-2.504.3).
// Only the members the plugin's sources use; bodies are not the real ones.
package hudson;

import java.io.IOException;

public class AbortException extends IOException {
    private static final long serialVersionUID = 1L;

    // jenkinsci/jenkins core/src/main/java/hudson/AbortException.java:37
    public AbortException() {
    }

    // jenkinsci/jenkins core/src/main/java/hudson/AbortException.java:44
    public AbortException(String message) {
        super(message);
    }
}
