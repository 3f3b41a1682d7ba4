// Stand-in checked against jenkinsci/credentials-plugin src/main/java/com/cloudbees/plugins/credentials/BaseCredentials.java (HEAD d96751bc).
// Only the members the plugin's sources use; bodies are not the real ones.
package com.cloudbees.plugins.credentials;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import io.github.parallelworktrees.standins.StandIn;

public class BaseCredentials implements Credentials {
    private static final long serialVersionUID = 1L;

    // jenkinsci/credentials-plugin src/main/java/com/cloudbees/plugins/credentials/BaseCredentials.java:58
    public BaseCredentials(@CheckForNull CredentialsScope scope) {
        StandIn.unsupported();
    }

    // jenkinsci/credentials-plugin src/main/java/com/cloudbees/plugins/credentials/BaseCredentials.java:75
    @NonNull
    @Override
    public CredentialsDescriptor getDescriptor() {
        return StandIn.unsupported();
    }
}
