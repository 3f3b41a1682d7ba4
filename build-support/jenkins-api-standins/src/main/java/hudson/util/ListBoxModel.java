// Stand-in checked against jenkinsci/jenkins core/src/main/java/hudson/util/ListBoxModel.java (tag jenkins-2.504.3).
// Only the members the plugin's sources use; bodies are not the real ones.
package hudson.util;

import edu.umd.cs.findbugs.annotations.NonNull;
import io.github.parallelworktrees.standins.StandIn;
import java.util.ArrayList;

public class ListBoxModel extends ArrayList<ListBoxModel.Option> {
    private static final long serialVersionUID = 1L;

    // jenkinsci/jenkins core/src/main/java/hudson/util/ListBoxModel.java:102
    public static final class Option {
    }

    // jenkinsci/jenkins core/src/main/java/hudson/util/ListBoxModel.java:146
    public ListBoxModel() {
    }

    // jenkinsci/jenkins core/src/main/java/hudson/util/ListBoxModel.java:168
    public ListBoxModel add(@NonNull String nameAndValue) {
        return StandIn.unsupported();
    }
}
