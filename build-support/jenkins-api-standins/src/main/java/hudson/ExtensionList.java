// Stand-in checked against jenkinsci/jenkins core/src/main/java/hudson/ExtensionList.java (tag jenkins-2.504.3).
// Only the members the plugin's sources use; bodies are not the real ones.
package hudson;

import edu.umd.cs.findbugs.annotations.NonNull;
import io.github.parallelworktrees.standins.StandIn;

public class ExtensionList<T> {
    // jenkinsci/jenkins core/src/main/java/hudson/ExtensionList.java:472
    public static @NonNull <U> U lookupSingleton(Class<U> type) {
        return StandIn.unsupported();
    }
}
