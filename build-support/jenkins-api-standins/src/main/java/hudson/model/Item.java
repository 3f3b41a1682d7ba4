// Stand-in checked against jenkinsci/jenkins core/src/main/java/hudson/model/Item.java (tag jenkins-2.504.3).
// Only the members the plugin's sources use; bodies are not the real ones.
package hudson.model;

import hudson.security.Permission;

public interface Item {
    // jenkinsci/jenkins core/src/main/java/hudson/model/Item.java:280 (the real one is made with Item.PERMISSIONS)
    @SuppressWarnings("deprecation")
    Permission READ = new Permission(null, "Read", null);
}
