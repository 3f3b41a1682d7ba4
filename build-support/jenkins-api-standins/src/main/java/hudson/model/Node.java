// Stand-in checked against jenkinsci/jenkins core/src/main/java/hudson/model/Node.java (tag jenkins-2.504.3).
// Only the members the plugin's sources use; bodies are not the real ones.
package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;

public abstract class Node {
    // jenkinsci/jenkins core/src/main/java/hudson/model/Node.java:169
    @NonNull
    public abstract String getNodeName();
}
