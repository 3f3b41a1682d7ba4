// Stand-in checked against jenkinsci/jenkins core/src/main/java/hudson/model/TopLevelItemDescriptor.java (tag jenkins-2.504.3).
// Only the members the plugin's sources use; bodies are not the real ones.
package hudson.model;

public abstract class TopLevelItemDescriptor extends Descriptor<TopLevelItem> {
}
