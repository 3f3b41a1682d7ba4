// Stand-in checked against jenkinsci/lib-symbol-annotation src/main/java/org/jenkinsci/Symbol.java (commit 8a5658c5; @Indexed left out).
// Only the members the plugin's sources use; bodies are not the real ones.
package org.jenkinsci;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Documented
public @interface Symbol {
    // jenkinsci/lib-symbol-annotation src/main/java/org/jenkinsci/Symbol.java
    String[] value();
}
