// Stand-in checked against jenkinsci/jenkins core/src/main/java/jenkins/model/ParameterizedJobMixIn.java (tag jenkins-2.504.3).
// Only the members the plugin's sources use; bodies are not the real ones.
package jenkins.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Action;
import hudson.model.BuildableItem;
import hudson.model.Job;
import hudson.model.Queue;
import hudson.model.Run;
import hudson.model.queue.QueueTaskFuture;
import io.github.parallelworktrees.standins.StandIn;

public abstract class ParameterizedJobMixIn<JobT extends Job<JobT, RunT> & ParameterizedJobMixIn.ParameterizedJob<JobT, RunT> & Queue.Task, RunT extends Run<JobT, RunT> & Queue.Executable> {
    // jenkinsci/jenkins core/src/main/java/jenkins/model/ParameterizedJobMixIn.java:330
    public interface ParameterizedJob<JobT extends Job<JobT, RunT> & ParameterizedJobMixIn.ParameterizedJob<JobT, RunT> & Queue.Task, RunT extends Run<JobT, RunT> & Queue.Executable>
            extends BuildableItem {
        // jenkinsci/jenkins core/src/main/java/jenkins/model/ParameterizedJobMixIn.java:400
        @CheckForNull
        default QueueTaskFuture<RunT> scheduleBuild2(int quietPeriod, Action... actions) {
            return StandIn.unsupported();
        }
    }
}
