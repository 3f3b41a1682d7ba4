// Stand-in checked against jenkinsci/jenkins core/src/main/java/jenkins/util/VirtualFile.java (tag jenkins-2.504.3).
// Only the members the plugin's sources use; bodies are not the real ones.
package jenkins.util;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;

public abstract class VirtualFile implements Comparable<VirtualFile>, Serializable {
    private static final long serialVersionUID = 1L;

    // jenkinsci/jenkins core/src/main/java/jenkins/util/VirtualFile.java:151
    public abstract boolean isFile() throws IOException;

    // jenkinsci/jenkins core/src/main/java/jenkins/util/VirtualFile.java:171
    public abstract boolean exists() throws IOException;

    // jenkinsci/jenkins core/src/main/java/jenkins/util/VirtualFile.java:414
    public abstract @NonNull VirtualFile child(@NonNull String name);

    // jenkinsci/jenkins core/src/main/java/jenkins/util/VirtualFile.java:453
    public abstract InputStream open() throws IOException;
}
