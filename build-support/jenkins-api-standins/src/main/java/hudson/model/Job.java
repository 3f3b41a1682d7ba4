// Stand-in checked against jenkinsci/jenkins core/src/main/java/hudson/model/Job.java (tag jenkins-2.504.3).
// Only the members the plugin's sources use; bodies are not the real ones.
package hudson.model;

import io.github.parallelworktrees.standins.StandIn;

public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends Actionable {
    // jenkinsci/jenkins core/src/main/java/hudson/model/Job.java:833
    public RunT getBuildByNumber(int n) {
        return StandIn.unsupported();
    }

    // jenkinsci/jenkins core/src/main/java/hudson/model/Job.java:962
    public RunT getLastBuild() {
        return StandIn.unsupported();
    }
}
