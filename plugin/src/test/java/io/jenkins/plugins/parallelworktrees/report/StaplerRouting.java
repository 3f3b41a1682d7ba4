package io.jenkins.plugins.parallelworktrees.report;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which URL segments Stapler in Jenkins routes to a getter: our own re-statement of the rule, read from jenkins core
 * {@code jenkins/security/stapler/TypedFilter.java} at tag jenkins-2.504.3 (installed as Stapler's getter filter by
 * {@code jenkins/model/Jenkins.java:962-964}), so that a page no one can reach fails a test here instead of being a
 * 404 in Jenkins, logged only at FINER.
 *
 * <p>Types are matched by name, so the rule reads the same against the stand-ins and against the real classes.
 * Left out: {@code RoutingDecisionProvider} allow/deny lists (none of ours), and fields (we route none).
 */
final class StaplerRouting {

    /**
     * Stapler's getter forms (jenkinsci/stapler {@code MetaClass.java} at 135bbbc8: {@code get<Token>()} line 226,
     * {@code (StaplerRequest2)} 268, {@code (StaplerRequest)} 309, {@code (String)} 351, {@code (int)} 398,
     * {@code (long)} 446); each is dispatched only if the filter keeps it (line 212, {@code isAccepted}).
     */
    private static final List<List<String>> GETTER_PARAMETERS = List.of(List.of(),
            List.of("org.kohsuke.stapler.StaplerRequest2"), List.of("org.kohsuke.stapler.StaplerRequest"),
            List.of("java.lang.String"), List.of("int"), List.of("long"));

    /** TypedFilter.java:74-82: implementing one of these makes a type routable. */
    private static final Set<String> ROUTABLE_INTERFACES = Set.of("org.kohsuke.stapler.StaplerProxy",
            "org.kohsuke.stapler.StaplerFallback", "org.kohsuke.stapler.StaplerOverridable");

    /** WebMethodConstants: annotations that make a web method (TypedFilter.java:94-101, DoActionFilter.java:87-95). */
    private static final Set<String> WEB_METHOD_ANNOTATIONS = Set.of("org.kohsuke.stapler.WebMethod",
            "org.kohsuke.stapler.bind.JavaScriptMethod");

    /** WebMethodConstants: parameter annotations that make a web method (TypedFilter.java:104-110). */
    private static final Set<String> WEB_METHOD_PARAMETER_ANNOTATIONS = Set.of("org.kohsuke.stapler.QueryParameter",
            "org.kohsuke.stapler.AncestorInPath", "org.kohsuke.stapler.Header", "org.kohsuke.stapler.json.JsonBody",
            "org.kohsuke.stapler.json.SubmittedForm");

    /** WebMethodConstants: parameter types that make a web method (TypedFilter.java:112-116). */
    private static final Set<String> WEB_METHOD_PARAMETERS = Set.of("org.kohsuke.stapler.StaplerRequest2",
            "org.kohsuke.stapler.StaplerRequest", "jakarta.servlet.http.HttpServletRequest",
            "javax.servlet.http.HttpServletRequest", "org.kohsuke.stapler.StaplerResponse2",
            "org.kohsuke.stapler.StaplerResponse", "jakarta.servlet.http.HttpServletResponse",
            "javax.servlet.http.HttpServletResponse");

    /** DoActionFilter.java:50: the name of an action method. */
    private static final Pattern DO_METHOD = Pattern.compile("^do[^a-z].*");

    private StaplerRouting() {
    }

    /** The getters of {@code type} that Stapler would consider for a URL segment, routed or not. */
    static List<Method> getters(Class<?> type) {
        List<Method> getters = new ArrayList<>();
        for (Method m : type.getMethods()) {
            List<String> parameters = new ArrayList<>();
            for (Class<?> p : m.getParameterTypes()) {
                parameters.add(p.getName());
            }
            if (m.getName().startsWith("get") && m.getName().length() > 3 && !m.getName().equals("getClass")
                    && !m.getName().equals("getDynamic") && GETTER_PARAMETERS.contains(parameters)) {
                getters.add(m);
            }
        }
        return getters;
    }

    /** The getter Stapler would call for the URL segment {@code token} of {@code type}, or null. */
    static Method getterFor(Class<?> type, String token) {
        String name = "get" + Character.toUpperCase(token.charAt(0)) + token.substring(1);
        return getters(type).stream().filter(m -> m.getName().equals(name)).findFirst().orElse(null);
    }

    /**
     * TypedFilter.keep(Function), lines 179-256: whether Stapler routes a URL segment to this getter. ({@code
     * getDynamic(String, ...)} is not a named getter: MetaClass.java:573 dispatches it without this filter.)
     */
    static boolean routes(Method getter) {
        if (hasAnnotation(getter.getAnnotations(), "jenkins.security.stapler.StaplerNotDispatchable")) {
            return false; // 181-184
        }
        if (hasAnnotation(getter.getAnnotations(), "jenkins.security.stapler.StaplerDispatchable")) {
            return true; // 186-189
        }
        if (Modifier.isStatic(getter.getModifiers())) {
            return false; // 223-226, PROHIBIT_STATIC_ACCESS defaults to true (line 265)
        }
        if (getter.getParameterCount() == 0
                && (getter.getName().equals("getStaplerFallback") || getter.getName().equals("getTarget"))) {
            return false; // 238-250
        }
        return isClassAcceptable(getter.getReturnType()); // 254
    }

    /** TypedFilter.isClassAcceptable, lines 26-46: an array by its elements, else isStaplerRelevant. */
    static boolean isClassAcceptable(Class<?> type) {
        return type.isArray() ? isClassAcceptable(type.getComponentType()) : isStaplerRelevant(type);
    }

    /**
     * TypedFilter.isStaplerRelevant, lines 48-91: the type, or one of its supertypes, carries
     * {@code @StaplerAccessibleType} (as {@code hudson.model.ModelObject} does, ModelObject.java:38), implements
     * StaplerProxy, StaplerFallback or StaplerOverridable, or has a public routable method. A view (index.jelly)
     * does not count: the filter looks only at the class.
     */
    static boolean isStaplerRelevant(Class<?> type) {
        if (hasAnnotation(type.getDeclaredAnnotations(), "jenkins.security.stapler.StaplerAccessibleType")) {
            return true;
        }
        for (String name : ROUTABLE_INTERFACES) {
            if (isA(type, name)) {
                return true;
            }
        }
        for (Method m : type.getMethods()) {
            if (isRoutableMethod(m)) {
                return true;
            }
        }
        if (type.getSuperclass() != null && isStaplerRelevant(type.getSuperclass())) {
            return true; // isSuperTypesStaplerRelevant, 55-66
        }
        for (Class<?> i : type.getInterfaces()) {
            if (isStaplerRelevant(i)) {
                return true;
            }
        }
        return false;
    }

    /** TypedFilter.isRoutableMethod, lines 93-119, which ends in DoActionFilter.keep (Jenkins.java:964). */
    private static boolean isRoutableMethod(Method m) {
        for (Annotation a : m.getDeclaredAnnotations()) {
            if (WEB_METHOD_ANNOTATIONS.contains(a.annotationType().getName())
                    || hasAnnotation(a.annotationType().getAnnotations(),
                            "org.kohsuke.stapler.interceptor.InterceptorAnnotation")) {
                return true;
            }
        }
        for (Annotation[] parameter : m.getParameterAnnotations()) {
            for (Annotation a : parameter) {
                if (WEB_METHOD_PARAMETER_ANNOTATIONS.contains(a.annotationType().getName())) {
                    return true;
                }
            }
        }
        for (Class<?> p : m.getParameterTypes()) {
            if (WEB_METHOD_PARAMETERS.contains(p.getName())) {
                return true;
            }
        }
        return isDoAction(m);
    }

    /**
     * jenkins core {@code jenkins/security/stapler/DoActionFilter.java} keep, lines 53-133, for what
     * isRoutableMethod has not decided: {@code doXxx} (not doDynamic) returning or throwing an HttpResponse; a bare
     * {@code doIndex()} is not routable.
     */
    private static boolean isDoAction(Method m) {
        if (hasAnnotation(m.getAnnotations(), "jenkins.security.stapler.StaplerNotDispatchable")) {
            return false;
        }
        if (hasAnnotation(m.getAnnotations(), "jenkins.security.stapler.StaplerDispatchable")) {
            return true;
        }
        if (m.getName().equals("doDynamic") || !DO_METHOD.matcher(m.getName()).matches()) {
            return false;
        }
        if (isA(m.getReturnType(), "org.kohsuke.stapler.HttpResponse")) {
            return true;
        }
        for (Class<?> thrown : m.getExceptionTypes()) {
            if (isA(thrown, "org.kohsuke.stapler.HttpResponse")) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasAnnotation(Annotation[] annotations, String name) {
        for (Annotation a : annotations) {
            if (a.annotationType().getName().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** {@code type} is, extends or implements the type called {@code name}. */
    private static boolean isA(Class<?> type, String name) {
        if (type == null) {
            return false;
        }
        if (type.getName().equals(name) || isA(type.getSuperclass(), name)) {
            return true;
        }
        for (Class<?> i : type.getInterfaces()) {
            if (isA(i, name)) {
                return true;
            }
        }
        return false;
    }
}
