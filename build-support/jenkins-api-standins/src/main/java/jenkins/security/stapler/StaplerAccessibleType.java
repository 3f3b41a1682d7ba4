// Stand-in checked against jenkinsci/jenkins core/src/main/java/jenkins/security/stapler/StaplerAccessibleType.java (tag jenkins-2.504.3).
// The real retention and target: TypedFilter reads it at run time to decide which getters Stapler may route to.
package jenkins.security.stapler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

// jenkinsci/jenkins core/src/main/java/jenkins/security/stapler/StaplerAccessibleType.java:39
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface StaplerAccessibleType {
}
