// Stand-in checked against jenkinsci/jenkins core/src/main/java/hudson/model/Action.java (tag jenkins-2.504.3).
// Only the members the plugin's sources use; bodies are not the real ones.
package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;

public interface Action extends ModelObject {
    // jenkinsci/jenkins core/src/main/java/hudson/model/Action.java:104
    @CheckForNull String getIconFileName();

    // jenkinsci/jenkins core/src/main/java/hudson/model/Action.java:115 (narrows ModelObject's to @CheckForNull; the
    // plugin's actions implement it)
    @Override
    @CheckForNull String getDisplayName();

    // jenkinsci/jenkins core/src/main/java/hudson/model/Action.java:141
    @CheckForNull String getUrlName();
}
