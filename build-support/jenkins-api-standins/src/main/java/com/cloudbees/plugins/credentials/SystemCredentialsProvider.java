// Stand-in checked against jenkinsci/credentials-plugin src/main/java/com/cloudbees/plugins/credentials/SystemCredentialsProvider.java (HEAD d96751bc).
// Only the members the plugin's sources use; bodies are not the real ones.
package com.cloudbees.plugins.credentials;

import hudson.model.AbstractDescribableImpl;
import io.github.parallelworktrees.standins.StandIn;
import java.util.List;

public class SystemCredentialsProvider extends AbstractDescribableImpl<SystemCredentialsProvider> {
    // jenkinsci/credentials-plugin src/main/java/com/cloudbees/plugins/credentials/SystemCredentialsProvider.java:144
    public static SystemCredentialsProvider getInstance() {
        return StandIn.unsupported();
    }

    // jenkinsci/credentials-plugin src/main/java/com/cloudbees/plugins/credentials/SystemCredentialsProvider.java:154
    public List<Credentials> getCredentials() {
        return StandIn.unsupported();
    }
}
