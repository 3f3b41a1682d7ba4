// Stand-in checked against jenkinsci/jenkins core/src/main/java/jenkins/model/ArtifactManager.java (tag jenkins-2.504.3).
// Only the members the plugin's sources use; bodies are not the real ones.
package jenkins.model;

import hudson.FilePath;
import hudson.Launcher;
import hudson.model.BuildListener;
import java.io.IOException;
import java.util.Map;
import jenkins.util.VirtualFile;

public abstract class ArtifactManager {
    // jenkinsci/jenkins core/src/main/java/jenkins/model/ArtifactManager.java:68
    public abstract void archive(FilePath workspace, Launcher launcher, BuildListener listener,
            Map<String, String> artifacts) throws IOException, InterruptedException;

    // jenkinsci/jenkins core/src/main/java/jenkins/model/ArtifactManager.java:82
    public abstract VirtualFile root();
}
