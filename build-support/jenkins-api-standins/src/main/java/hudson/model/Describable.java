// Stand-in checked against jenkinsci/jenkins core/src/main/java/hudson/model/Describable.java (tag jenkins-2.504.3).
// Only the members the plugin's sources use; bodies are not the real ones.
package hudson.model;

public interface Describable<T extends Describable<T>> {
    // jenkinsci/jenkins core/src/main/java/hudson/model/Describable.java:42
    Descriptor<T> getDescriptor();
}
