// Stand-in checked against jenkinsci/credentials-plugin src/main/java/com/cloudbees/plugins/credentials/common/IdCredentials.java (HEAD d96751bc).
// Only the members the plugin's sources use; bodies are not the real ones.
package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.Credentials;

public interface IdCredentials extends Credentials {
}
