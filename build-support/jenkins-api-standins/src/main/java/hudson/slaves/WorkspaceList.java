// Stand-in checked against jenkinsci/jenkins core/src/main/java/hudson/slaves/WorkspaceList.java (tag jenkins-2.504.3).
// Only the members the plugin's sources use; bodies are not the real ones.
package hudson.slaves;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.FilePath;
import io.github.parallelworktrees.standins.StandIn;

public final class WorkspaceList {
    // jenkinsci/jenkins core/src/main/java/hudson/slaves/WorkspaceList.java:312
    @CheckForNull
    public static FilePath tempDir(FilePath ws) {
        return StandIn.unsupported();
    }
}
