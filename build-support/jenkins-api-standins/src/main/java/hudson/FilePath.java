// Stand-in checked against jenkinsci/jenkins core/src/main/java/hudson/FilePath.java (tag jenkins-2.504.3).
// Only the members the plugin's sources use; bodies are not the real ones.
package hudson;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.remoting.VirtualChannel;
import io.github.parallelworktrees.standins.StandIn;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import org.jenkinsci.remoting.RoleSensitive;
import org.jenkinsci.remoting.SerializableOnlyOverRemoting;

public final class FilePath implements SerializableOnlyOverRemoting {
    private static final long serialVersionUID = 1L;

    // jenkinsci/jenkins core/src/main/java/hudson/FilePath.java:256
    public FilePath(@CheckForNull VirtualChannel channel, @NonNull String remote) {
        StandIn.unsupported();
    }

    // jenkinsci/jenkins core/src/main/java/hudson/FilePath.java:396
    public String getRemote() {
        return StandIn.unsupported();
    }

    // jenkinsci/jenkins core/src/main/java/hudson/FilePath.java:1124
    public void copyFrom(InputStream in) throws IOException, InterruptedException {
        StandIn.unsupported();
    }

    // jenkinsci/jenkins core/src/main/java/hudson/FilePath.java:1175
    public interface FileCallable<T> extends Serializable, RoleSensitive {
        // jenkinsci/jenkins core/src/main/java/hudson/FilePath.java:1188
        T invoke(File f, VirtualChannel channel) throws IOException, InterruptedException;
    }

    // jenkinsci/jenkins core/src/main/java/hudson/FilePath.java:1195
    public <T> T act(final FileCallable<T> callable) throws IOException, InterruptedException {
        return StandIn.unsupported();
    }

    // jenkinsci/jenkins core/src/main/java/hudson/FilePath.java:1534
    public @NonNull FilePath child(String relOrAbsolute) {
        return StandIn.unsupported();
    }

    // jenkinsci/jenkins core/src/main/java/hudson/FilePath.java:2460
    public String readToString() throws IOException, InterruptedException {
        return StandIn.unsupported();
    }

    // jenkinsci/jenkins core/src/main/java/hudson/FilePath.java:3516
    public VirtualChannel getChannel() {
        return StandIn.unsupported();
    }

    // jenkinsci/jenkins core/src/main/java/hudson/FilePath.java:1448
    public void deleteRecursive() throws IOException, InterruptedException {
        StandIn.unsupported();
    }
}
