// Stand-in checked against jenkinsci/stapler core/src/main/java/org/kohsuke/stapler/QueryParameter.java (HEAD 135bbbc8) (@InjectedParameter and its HandlerImpl left out).
// Only the members the plugin's sources use; bodies are not the real ones.
package org.kohsuke.stapler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@Documented
public @interface QueryParameter {
    // jenkinsci/stapler core/src/main/java/org/kohsuke/stapler/QueryParameter.java:47
    String value() default "";

    // jenkinsci/stapler core/src/main/java/org/kohsuke/stapler/QueryParameter.java:52
    boolean required() default false;

    // jenkinsci/stapler core/src/main/java/org/kohsuke/stapler/QueryParameter.java:59
    boolean fixEmpty() default false;
}
