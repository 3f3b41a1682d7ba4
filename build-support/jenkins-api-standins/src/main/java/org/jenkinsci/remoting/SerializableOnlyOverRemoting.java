// Stand-in checked against jenkinsci/remoting src/main/java/org/jenkinsci/remoting/SerializableOnlyOverRemoting.java (HEAD fa5f12a8).
// Only the members the plugin's sources use; bodies are not the real ones.
package org.jenkinsci.remoting;

import java.io.Serializable;

public interface SerializableOnlyOverRemoting extends Serializable {
}
