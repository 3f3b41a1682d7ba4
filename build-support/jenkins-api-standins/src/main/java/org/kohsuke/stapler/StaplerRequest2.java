// Stand-in checked against jenkinsci/stapler core/src/main/java/org/kohsuke/stapler/StaplerRequest2.java (HEAD 135bbbc8) (its supertype HttpServletRequest left out).
// Only the members the plugin's sources use; bodies are not the real ones.
package org.kohsuke.stapler;

// jenkinsci/stapler core/src/main/java/org/kohsuke/stapler/StaplerRequest2.java:52
public interface StaplerRequest2 {
}
