// Stand-in checked against jenkinsci/json-lib src/main/java/net/sf/json/JSONObject.java (tag json-lib-2.4-jenkins-8, the version jenkins-2.504.3 pins) (AbstractJSON, JSON, Map and Comparable left out).
// Only the members the plugin's sources use; bodies are not the real ones.
package net.sf.json;

import io.github.parallelworktrees.standins.StandIn;

public final class JSONObject {
    // jenkinsci/json-lib src/main/java/net/sf/json/JSONObject.java:1420
    public JSONObject() {
    }

    // jenkinsci/json-lib src/main/java/net/sf/json/JSONObject.java:1736
    public JSONObject element(String key, Object value) {
        return StandIn.unsupported();
    }

    // jenkinsci/json-lib src/main/java/net/sf/json/JSONObject.java:2155
    public Object opt(String key) {
        return StandIn.unsupported();
    }
}
