// Stand-in checked against jenkinsci/jenkins core/src/main/java/hudson/slaves/WorkspaceList.java (tag jenkins-2.504.3).
// Only the members the plugin's sources use; bodies are not the real ones.
package hudson.slaves;

import hudson.FilePath;

public final class WorkspaceList {
    // jenkinsci/jenkins core/src/main/java/hudson/slaves/WorkspaceList.java:312
    public static FilePath tempDir(FilePath ws) {
        throw new UnsupportedOperationException("stand-in");
    }
}
