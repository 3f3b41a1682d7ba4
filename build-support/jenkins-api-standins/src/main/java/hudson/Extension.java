// Stand-in checked against jenkinsci/jenkins core/src/main/java/hudson/Extension.java (tag jenkins-2.504.3) (@Indexable and dynamicLoadable left out: annotation-indexer and YesNoMaybe are not used).
// Only the members the plugin's sources use; bodies are not the real ones.
package hudson;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

@Retention(RUNTIME)
@Target({TYPE, FIELD, METHOD})
@Documented
public @interface Extension {
    // jenkinsci/jenkins core/src/main/java/hudson/Extension.java:85
    double ordinal() default 0;

    // jenkinsci/jenkins core/src/main/java/hudson/Extension.java:91
    @Deprecated
    boolean optional() default false;
}
