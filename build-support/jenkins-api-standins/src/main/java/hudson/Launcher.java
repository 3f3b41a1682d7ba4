// Stand-in checked against jenkinsci/jenkins core/src/main/java/hudson/Launcher.java (tag jenkins-2.504.3).
// Only the members the plugin's sources use; bodies are not the real ones, except RemoteLauncher's isUnix, a plain
// field the plugin's tests set.
package hudson;

import io.github.parallelworktrees.standins.StandIn;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;

public abstract class Launcher {
    // jenkinsci/jenkins core/src/main/java/hudson/Launcher.java:782
    public boolean isUnix() {
        return StandIn.unsupported();
    }

    // jenkinsci/jenkins core/src/main/java/hudson/Launcher.java:1091
    public static class RemoteLauncher extends Launcher {
        private final boolean isUnix;

        // jenkinsci/jenkins core/src/main/java/hudson/Launcher.java:1094
        public RemoteLauncher(@NonNull TaskListener listener, @NonNull VirtualChannel channel, boolean isUnix) {
            this.isUnix = isUnix;
        }

        // jenkinsci/jenkins core/src/main/java/hudson/Launcher.java:1156
        @Override
        public boolean isUnix() {
            return isUnix;
        }
    }
}
