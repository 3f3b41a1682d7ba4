// Stand-in checked against jenkinsci/stapler core/src/main/java/org/kohsuke/stapler/DataBoundSetter.java (HEAD 135bbbc8).
// Only the members the plugin's sources use; bodies are not the real ones.
package org.kohsuke.stapler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.FIELD})
@Documented
public @interface DataBoundSetter {
}
