// Stand-in checked against jenkinsci/jenkins core/src/main/java/hudson/model/Descriptor.java (tag jenkins-2.504.3).
// Only the members the plugin's sources use; bodies are not the real ones.
package hudson.model;

public abstract class Descriptor<T extends Describable<T>> {
    // jenkinsci/jenkins core/src/main/java/hudson/model/Descriptor.java:293
    protected Descriptor() {
    }

    // jenkinsci/jenkins core/src/main/java/hudson/model/Descriptor.java:328
    public String getDisplayName() {
        throw new UnsupportedOperationException("stand-in");
    }

    // jenkinsci/jenkins core/src/main/java/hudson/model/Descriptor.java:963
    public synchronized void save() {
        throw new UnsupportedOperationException("stand-in");
    }

    // jenkinsci/jenkins core/src/main/java/hudson/model/Descriptor.java:982
    public synchronized void load() {
        throw new UnsupportedOperationException("stand-in");
    }

    // jenkinsci/jenkins core/src/main/java/hudson/model/Descriptor.java:1288
    public static final class FormException extends Exception {
        private static final long serialVersionUID = 1L;
    }
}
