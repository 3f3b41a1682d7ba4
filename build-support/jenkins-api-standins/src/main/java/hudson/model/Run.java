// Stand-in checked against jenkinsci/jenkins core/src/main/java/hudson/model/Run.java (tag jenkins-2.504.3).
// Only the members the plugin's sources use; bodies are not the real ones.
package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.security.ACL;
import hudson.security.AccessControlled;
import hudson.security.Permission;
import io.github.parallelworktrees.standins.StandIn;
import java.io.IOException;
import jenkins.model.ArtifactManager;

// jenkinsci/jenkins core/src/main/java/hudson/model/Run.java:167-168 (of its interfaces only AccessControlled here)
public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends Actionable
        implements AccessControlled {
    // jenkinsci/jenkins core/src/main/java/hudson/model/Run.java:2570 (the real one is made with Run.PERMISSIONS)
    @SuppressWarnings("deprecation")
    public static final Permission ARTIFACTS = new Permission(null, "Artifacts", null);

    // jenkinsci/jenkins core/src/main/java/hudson/model/Run.java:486
    public @CheckForNull Result getResult() {
        return StandIn.unsupported();
    }

    // jenkinsci/jenkins core/src/main/java/hudson/model/Run.java:498
    public void setResult(@NonNull Result r) {
        StandIn.unsupported();
    }

    // jenkinsci/jenkins core/src/main/java/hudson/model/Run.java:525
    public boolean isBuilding() {
        return StandIn.unsupported();
    }

    // jenkinsci/jenkins core/src/main/java/hudson/model/Run.java:787
    public int getNumber() {
        return StandIn.unsupported();
    }

    // jenkinsci/jenkins core/src/main/java/hudson/model/Run.java:817
    public @CheckForNull RunT getPreviousBuild() {
        return StandIn.unsupported();
    }

    // jenkinsci/jenkins core/src/main/java/hudson/model/Run.java:1045
    public final @NonNull ArtifactManager getArtifactManager() {
        return StandIn.unsupported();
    }

    // jenkinsci/jenkins core/src/main/java/hudson/model/Run.java:1061
    public final synchronized @NonNull ArtifactManager pickArtifactManager() throws IOException {
        return StandIn.unsupported();
    }

    // jenkinsci/jenkins core/src/main/java/hudson/model/Run.java:1533
    @Override
    public @NonNull ACL getACL() {
        return StandIn.unsupported();
    }

    // jenkinsci/jenkins core/src/main/java/hudson/model/Run.java:1999
    public synchronized void save() throws IOException {
        StandIn.unsupported();
    }
}
