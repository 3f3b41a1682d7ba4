// Stand-in checked against jenkinsci/jenkins core/src/main/java/hudson/slaves/DumbSlave.java (tag jenkins-2.504.3).
// Only the members the plugin's sources use; bodies are not the real ones.
package hudson.slaves;

import hudson.model.Slave;

public final class DumbSlave extends Slave {
    private static final long serialVersionUID = 1L;
}
