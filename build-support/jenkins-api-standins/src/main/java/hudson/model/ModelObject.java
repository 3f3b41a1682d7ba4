// Stand-in checked against jenkinsci/jenkins core/src/main/java/hudson/model/ModelObject.java (tag jenkins-2.504.3).
// Only the members the plugin's sources use; bodies are not the real ones.
package hudson.model;

import jenkins.security.stapler.StaplerAccessibleType;

// jenkinsci/jenkins core/src/main/java/hudson/model/ModelObject.java:38: what makes a getter returning a ModelObject
// routable (jenkins/security/stapler/TypedFilter.java:69).
@StaplerAccessibleType
public interface ModelObject {
    // jenkinsci/jenkins core/src/main/java/hudson/model/ModelObject.java:40
    String getDisplayName();
}
