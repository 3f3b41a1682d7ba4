// Stand-in checked against jenkinsci/remoting src/main/java/hudson/remoting/VirtualChannel.java (HEAD fa5f12a8).
// Only the members the plugin's sources use; bodies are not the real ones.
package hudson.remoting;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.Nullable;

public interface VirtualChannel {
    // jenkinsci/remoting src/main/java/hudson/remoting/VirtualChannel.java:123
    @Nullable
    <T> T export(Class<T> type, @CheckForNull T instance);
}
