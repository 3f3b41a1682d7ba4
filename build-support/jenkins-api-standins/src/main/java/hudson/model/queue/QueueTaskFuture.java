// Stand-in checked against jenkinsci/jenkins core/src/main/java/hudson/model/queue/QueueTaskFuture.java (tag jenkins-2.504.3).
// Only the members the plugin's sources use; bodies are not the real ones.
package hudson.model.queue;

import hudson.model.Queue.Executable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

public interface QueueTaskFuture<R extends Executable> extends Future<R> {
    // jenkinsci/jenkins core/src/main/java/hudson/model/queue/QueueTaskFuture.java:31
    R waitForStart() throws InterruptedException, ExecutionException;
}
