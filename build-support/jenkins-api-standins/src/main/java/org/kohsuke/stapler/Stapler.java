// Stand-in checked against jenkinsci/stapler core/src/main/java/org/kohsuke/stapler/Stapler.java (HEAD 135bbbc8) (its supertype HttpServlet left out).
// Only the members the plugin's sources use; bodies are not the real ones.
package org.kohsuke.stapler;

import io.github.parallelworktrees.standins.StandIn;

public class Stapler {
    // jenkinsci/stapler core/src/main/java/org/kohsuke/stapler/Stapler.java:1050
    public static StaplerRequest2 getCurrentRequest2() {
        return StandIn.unsupported();
    }
}
