// Stand-in checked against jenkinsci/jenkins core/src/main/java/hudson/model/TaskListener.java (tag jenkins-2.504.3).
// Only the members the plugin's sources use; bodies are not the real ones.
package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.PrintStream;
import org.jenkinsci.remoting.SerializableOnlyOverRemoting;

public interface TaskListener extends SerializableOnlyOverRemoting {
    // jenkinsci/jenkins core/src/main/java/hudson/model/TaskListener.java:72
    @NonNull
    PrintStream getLogger();
}
