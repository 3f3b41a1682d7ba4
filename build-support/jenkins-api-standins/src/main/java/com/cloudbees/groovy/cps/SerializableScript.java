// Stand-in checked against jenkinsci/workflow-cps-plugin lib/src/main/java/com/cloudbees/groovy/cps/SerializableScript.java (HEAD e007b7ff).
// Only the members the plugin's sources use; bodies are not the real ones.
package com.cloudbees.groovy.cps;

import groovy.lang.Script;
import java.io.Serializable;

public abstract class SerializableScript extends Script implements Serializable {
    private static final long serialVersionUID = 1L;

    // jenkinsci/workflow-cps-plugin lib/src/main/java/com/cloudbees/groovy/cps/SerializableScript.java:16
    public SerializableScript() {
    }
}
