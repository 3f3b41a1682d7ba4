// Stand-in checked against jenkinsci/jenkins core/src/main/java/hudson/model/Result.java (tag jenkins-2.504.3).
// Only the members the plugin's sources use; bodies are not the real ones.
package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import io.github.parallelworktrees.standins.StandIn;
import java.io.Serializable;

public final class Result implements Serializable {
    private static final long serialVersionUID = 1L;

    // jenkinsci/jenkins core/src/main/java/hudson/model/Result.java:55
    public static final @NonNull Result SUCCESS = new Result("SUCCESS");
    // jenkinsci/jenkins core/src/main/java/hudson/model/Result.java:60
    public static final @NonNull Result UNSTABLE = new Result("UNSTABLE");
    // jenkinsci/jenkins core/src/main/java/hudson/model/Result.java:64
    public static final @NonNull Result FAILURE = new Result("FAILURE");

    private final String name;

    private Result(String name) {
        this.name = name;
    }

    // jenkinsci/jenkins core/src/main/java/hudson/model/Result.java:146
    public boolean isBetterThan(@NonNull Result that) {
        return StandIn.unsupported();
    }

    // jenkinsci/jenkins core/src/main/java/hudson/model/Result.java:163
    @Override
    public @NonNull String toString() {
        return name;
    }
}
