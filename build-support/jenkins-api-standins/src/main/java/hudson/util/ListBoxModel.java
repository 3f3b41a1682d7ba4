// Stand-in checked against jenkinsci/jenkins core/src/main/java/hudson/util/ListBoxModel.java (tag jenkins-2.504.3).
// Only the members the plugin's sources use. Option and the add methods keep their real (plain data) bodies: the
// plugin's tests read the options a doFill...Items method returns.
package hudson.util;

import edu.umd.cs.findbugs.annotations.NonNull;
import io.github.parallelworktrees.standins.StandIn;
import java.util.ArrayList;

public class ListBoxModel extends ArrayList<ListBoxModel.Option> {
    private static final long serialVersionUID = 1L;

    // jenkinsci/jenkins core/src/main/java/hudson/util/ListBoxModel.java:102
    public static final class Option {
        // jenkinsci/jenkins core/src/main/java/hudson/util/ListBoxModel.java:108
        @NonNull
        public String name;

        // jenkinsci/jenkins core/src/main/java/hudson/util/ListBoxModel.java:114
        @NonNull
        public String value;

        // jenkinsci/jenkins core/src/main/java/hudson/util/ListBoxModel.java:120
        public boolean selected;

        // jenkinsci/jenkins core/src/main/java/hudson/util/ListBoxModel.java:122
        public Option(@NonNull String name, @NonNull String value) {
            this(name, value, false);
        }

        // jenkinsci/jenkins core/src/main/java/hudson/util/ListBoxModel.java:130
        public Option(@NonNull String name, @NonNull String value, boolean selected) {
            this.name = name;
            this.value = value;
            this.selected = selected;
        }
    }

    // jenkinsci/jenkins core/src/main/java/hudson/util/ListBoxModel.java:146
    public ListBoxModel() {
    }

    // jenkinsci/jenkins core/src/main/java/hudson/util/ListBoxModel.java:157
    public void add(@NonNull String displayName, @NonNull String value) {
        add(new Option(displayName, value));
    }

    // jenkinsci/jenkins core/src/main/java/hudson/util/ListBoxModel.java:168
    public ListBoxModel add(@NonNull String nameAndValue) {
        add(nameAndValue, nameAndValue);
        return this;
    }
}
