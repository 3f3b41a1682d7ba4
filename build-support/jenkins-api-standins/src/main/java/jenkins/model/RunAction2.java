// Stand-in checked against jenkinsci/jenkins core/src/main/java/jenkins/model/RunAction2.java (tag jenkins-2.504.3).
// Only the members the plugin's sources use; bodies are not the real ones.
package jenkins.model;

import hudson.model.Action;
import hudson.model.Run;

public interface RunAction2 extends Action {
    // jenkinsci/jenkins core/src/main/java/jenkins/model/RunAction2.java:40
    void onAttached(Run<?, ?> r);

    // jenkinsci/jenkins core/src/main/java/jenkins/model/RunAction2.java:45
    void onLoad(Run<?, ?> r);
}
