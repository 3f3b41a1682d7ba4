// Stand-in checked against jenkinsci/jenkins core/src/main/java/hudson/model/Queue.java (tag jenkins-2.504.3).
// Only the members the plugin's sources use; bodies are not the real ones.
package hudson.model;

public class Queue {
    // jenkinsci/jenkins core/src/main/java/hudson/model/Queue.java:1882
    public interface Task extends ModelObject {
    }

    // jenkinsci/jenkins core/src/main/java/hudson/model/Queue.java:1849
    public interface FlyweightTask extends Task {
    }

    // jenkinsci/jenkins core/src/main/java/hudson/model/Queue.java:2075
    public interface Executable extends Runnable {
    }
}
