// Stand-in checked against jenkinsci/jenkins core/src/main/java/hudson/model/Job.java (tag jenkins-2.504.3).
// Only the members the plugin's sources use; bodies are not the real ones.
package hudson.model;

public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends Actionable {
    // jenkinsci/jenkins core/src/main/java/hudson/model/Job.java:833
    public RunT getBuildByNumber(int n) {
        throw new UnsupportedOperationException("stand-in");
    }

    // jenkinsci/jenkins core/src/main/java/hudson/model/Job.java:962
    public RunT getLastBuild() {
        throw new UnsupportedOperationException("stand-in");
    }
}
