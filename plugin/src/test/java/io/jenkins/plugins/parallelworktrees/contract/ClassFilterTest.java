package io.jenkins.plugins.parallelworktrees.contract;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.FilePath;
import hudson.model.Action;
import hudson.model.TaskListener;
import io.github.parallelworktrees.engine.gate.GateStatus;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.ledger.RunListener;
import java.io.File;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import jenkins.MasterToSlaveFileCallable;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.jupiter.api.Test;

/**
 * Nothing the plugin sends through Remoting or saves with XStream is a class the controller's JEP-200 class filter
 * rejects. The rule, jenkins 2.504.3 {@code core/src/main/java/jenkins/security/ClassFilterImpl.java}
 * {@code isBlacklisted(Class)} (:127-187), also applied by XStream ({@code hudson/util/XStream2.java:657}):
 * <ul>
 * <li>arrays, throwables and enums pass (:149-160);</li>
 * <li>a class passes by where it was loaded from (:161-173, {@code isLocationWhitelisted} :190-256): jenkins-core,
 *     remoting, a jar whose manifest is a plugin's ({@code Short-Name} and a version, {@code isPluginManifest}
 *     :291-294), a plugin's {@code target/classes} in tests (:240), or a remote class loader on an agent;</li>
 * <li>else only by name, from {@code whitelisted-classes.txt} (:174; the JDK's String, boxed numbers, the
 *     collections) or the plugin's own {@code META-INF/hudson.remoting.ClassFilter}
 *     ({@code CustomClassFilter.Contributed}, CustomClassFilter.java:124-157), which we do not declare;</li>
 * <li>everything else is rejected (:184-186).</li>
 * </ul>
 * So the plugin's classes pass (its jar has the plugin manifest), Jenkins' and other plugins' pass, and the
 * engine's do not: pwt-engine is a plain library jar in the plugin's {@code WEB-INF/lib}; only its enums and
 * exceptions pass, as any enum or throwable does. Judged on declared types, so a slot declared {@code Object}
 * fails unless what it holds is checked at run time below ({@link #OBJECT_SLOTS}).
 */
class ClassFilterTest {

    private static final String PLUGIN = "io.jenkins.plugins.parallelworktrees";
    private static final String ENGINE = "io.github.parallelworktrees.";

    /** Packages of jenkins-core, remoting and the plugins we depend on: accepted by where they load from. */
    private static final List<String> JENKINS = List.of("hudson.", "jenkins.", "org.jenkinsci.remoting.",
            "org.jenkinsci.plugins.", "com.cloudbees.plugins.credentials.");

    /** The concrete JDK classes of whitelisted-classes.txt (jenkins 2.504.3, :33-135) a field may declare. */
    private static final Set<String> WHITELISTED_JDK = Set.of("java.io.File", "java.lang.Boolean", "java.lang.Byte",
            "java.lang.Character", "java.lang.Double", "java.lang.Float", "java.lang.Integer", "java.lang.Long",
            "java.lang.Short", "java.lang.String", "java.math.BigDecimal", "java.math.BigInteger", "java.net.URI",
            "java.net.URL", "java.util.ArrayDeque", "java.util.ArrayList", "java.util.Date", "java.util.EnumMap",
            "java.util.EnumSet", "java.util.HashMap", "java.util.HashSet", "java.util.LinkedHashMap",
            "java.util.LinkedHashSet", "java.util.LinkedList", "java.util.Locale", "java.util.TreeMap",
            "java.util.TreeSet", "java.util.UUID", "java.util.concurrent.ConcurrentHashMap",
            "java.util.concurrent.CopyOnWriteArrayList");

    /**
     * JDK collection interfaces: what a field of one holds at run time is the JDK's own implementation (List.of,
     * Collections.unmodifiable*, new ArrayList...), each in whitelisted-classes.txt; its elements are judged here.
     */
    private static final Pattern JDK_COLLECTION = Pattern.compile(
            "java\\.util\\.(Collection|List|Set|SortedSet|NavigableSet|Map|SortedMap|NavigableMap|Queue|Deque)");

    /** Slots declared Object, and where their values come from: each is checked by a test below. */
    private static final Set<String> OBJECT_SLOTS = Set.of(
            "ClaudeWorkerStep$Execution.worker holds", "RunWorker.worker holds");

    @Test
    void callablesHoldAndReturnOnlyClassesTheControllerAccepts() throws Exception {
        List<Class<?>> callables = pluginClasses().stream().filter(ClassFilterTest::isCallable).toList();

        assertThat(callables).as("the plugin's callables (found by this test)").isNotEmpty();
        assertThat(violations(callables)).isEmpty();
    }

    @Test
    void persistedActionsStepsExecutionsAndCallbacksHoldOnlyClassesTheControllerAccepts() throws Exception {
        List<Class<?>> persisted = pluginClasses().stream().filter(ClassFilterTest::isPersisted).toList();

        assertThat(persisted).as("the plugin's actions, steps, executions and callbacks").hasSizeGreaterThan(4);
        assertThat(violations(persisted)).isEmpty();
    }

    @Test
    void theClaudeWorkerOverridesHeldAsObjectsAreStringsAndNumbers() throws Exception {
        // ClaudeWorkerStep.workerOverrides() fills the LinkedHashMap<String, Object> its execution and RunWorker hold
        Class<?> step = Class.forName(PLUGIN + ".ClaudeWorkerStep");
        Object worker = step.getConstructor().newInstance();
        step.getMethod("setModel", String.class).invoke(worker, "claude-sonnet-4-5");
        step.getMethod("setMaxTurns", Integer.class).invoke(worker, 30);
        step.getMethod("setTimeoutMinutes", Integer.class).invoke(worker, 20);
        step.getMethod("setBudgetUsd", Double.class).invoke(worker, 2.5);
        step.getMethod("setPermissionMode", String.class).invoke(worker, "acceptEdits");
        step.getMethod("setRehearsal", String.class).invoke(worker, "specs/rehearsal.yaml");
        Method overrides = step.getDeclaredMethod("workerOverrides");
        overrides.setAccessible(true);
        Map<?, ?> values = (Map<?, ?>) overrides.invoke(worker);

        assertThat(values).hasSize(6);
        List<String> found = new ArrayList<>();
        values.forEach((key, value) -> judgeClass(value.getClass(), "worker[" + key + "] holds", new LinkedHashSet<>(),
                found));
        assertThat(found).isEmpty();
    }

    @Test
    void anEngineTypeOrALibraryClassHeldReturnedOrPassedBackIsFound() {
        assertThat(violations(List.of(LeakyCallable.class, LeakyAction.class))).containsExactlyInAnyOrder(
                "ClassFilterTest$LeakyCallable returns " + Plan.class.getName() + ": an engine class",
                "ClassFilterTest$LeakyCallable.progress holds " + RunListener.class.getName() + ": an engine class",
                "ClassFilterTest$LeakyCallable.back -> Back.report(arg) holds " + Plan.class.getName()
                        + ": an engine class",
                "ClassFilterTest$LeakyAction.rows -> Row.pattern holds java.util.regex.Pattern: a JDK class not in"
                        + " whitelisted-classes.txt",
                "ClassFilterTest$LeakyAction.anything holds java.lang.Object: could be any class");
    }

    @Test
    void pluginJenkinsAndWhitelistedJdkClassesPass() {
        assertThat(violations(List.of(FineCallable.class))).isEmpty();
    }

    private static List<Class<?>> pluginClasses() throws Exception {
        return PackageScanner.classes(PLUGIN);
    }

    /** Sent to an agent, its result sent back: hudson.FilePath.FileCallable, or Remoting's own Callable. */
    private static boolean isCallable(Class<?> c) {
        return FilePath.FileCallable.class.isAssignableFrom(c) || hasSupertypeNamed(c, "hudson.remoting.Callable");
    }

    /** Saved in build.xml (actions) or with the Pipeline's program and flow nodes. */
    private static boolean isPersisted(Class<?> c) {
        return Action.class.isAssignableFrom(c) || StepExecution.class.isAssignableFrom(c)
                || Step.class.isAssignableFrom(c) || BodyExecutionCallback.class.isAssignableFrom(c);
    }

    private static boolean hasSupertypeNamed(Class<?> c, String name) {
        if (c == null) {
            return false;
        }
        if (c.getName().equals(name)) {
            return true;
        }
        for (Class<?> i : c.getInterfaces()) {
            if (hasSupertypeNamed(i, name)) {
                return true;
            }
        }
        return hasSupertypeNamed(c.getSuperclass(), name);
    }

    /** Every class the filter would reject, with the path to it: "Merge.log -> BuildLog.listener holds X: why". */
    static List<String> violations(List<Class<?>> roots) {
        List<String> found = new ArrayList<>();
        for (Class<?> root : roots) {
            if (root.isInterface() || Modifier.isAbstract(root.getModifiers()) && !isCallable(root)) {
                continue;
            }
            Set<Class<?>> seen = new LinkedHashSet<>();
            String name = root.getName().substring(root.getPackageName().length() + 1);
            if (isCallable(root)) {
                Method invoke = invokeOf(root);
                if (invoke != null) {
                    judge(invoke.getGenericReturnType(), name + " returns", seen, found);
                }
            }
            fields(root, name, seen, found);
        }
        return found;
    }

    /** The callable's own invoke(File, VirtualChannel), or Remoting's call(): its return type crosses back. */
    private static Method invokeOf(Class<?> callable) {
        for (Class<?> c = callable; c != null; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                boolean fileCallable = m.getName().equals("invoke") && m.getParameterCount() == 2
                        && m.getParameterTypes()[0] == File.class;
                boolean remotingCallable = m.getName().equals("call") && m.getParameterCount() == 0;
                if ((fileCallable || remotingCallable) && !m.isBridge()) {
                    return m;
                }
            }
        }
        return null;
    }

    private static void fields(Class<?> owner, String path, Set<Class<?>> seen, List<String> found) {
        if (!seen.add(owner)) {
            return;
        }
        for (Class<?> c = owner; c != null && c.getName().startsWith(PLUGIN); c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                int m = f.getModifiers();
                if (Modifier.isStatic(m) || Modifier.isTransient(m)) {
                    continue; // not serialized; an inner class's this$0 is, and so is the enclosing object
                }
                judge(f.getGenericType(), path + "." + f.getName() + " holds", seen, found);
            }
        }
    }

    /** Judges a declared type: the class itself, its type arguments, and a plugin class's own fields. */
    private static void judge(Type type, String path, Set<Class<?>> seen, List<String> found) {
        if (type instanceof ParameterizedType p) {
            judge(p.getRawType(), path, seen, found);
            for (Type argument : p.getActualTypeArguments()) {
                judge(argument, path, seen, found);
            }
        } else if (type instanceof GenericArrayType a) {
            judge(a.getGenericComponentType(), path, seen, found);
        } else if (type instanceof WildcardType w) {
            for (Type bound : w.getUpperBounds()) {
                judge(bound, path, seen, found);
            }
        } else if (type instanceof TypeVariable<?> v) {
            for (Type bound : v.getBounds()) {
                judge(bound, path, seen, found);
            }
        } else if (type instanceof Class<?> c) {
            judgeClass(c, path, seen, found);
        }
    }

    private static void judgeClass(Class<?> c, String path, Set<Class<?>> seen, List<String> found) {
        String name = c.getName();
        if (c.isPrimitive() || c == Void.class) {
            return;
        }
        if (c.isArray()) {
            judgeClass(c.getComponentType(), path, seen, found); // the array passes (:149), its elements do not
        } else if (c.isEnum() || Throwable.class.isAssignableFrom(c)) {
            return; // any enum or throwable passes, the engine's too (:153-160)
        } else if (name.startsWith(ENGINE)) {
            found.add(path + " " + name + ": an engine class");
        } else if (name.startsWith(PLUGIN + ".")) {
            if (c.isInterface()) {
                exportedMethods(c, path, seen, found);
            } else {
                fields(c, path.replaceFirst(" (holds|returns)$", "") + " -> " + c.getSimpleName(), seen, found);
            }
        } else if (JENKINS.stream().anyMatch(name::startsWith)) {
            return; // accepted by location (:190-208)
        } else if (c == Object.class) {
            if (!OBJECT_SLOTS.contains(path)) {
                found.add(path + " java.lang.Object: could be any class");
            }
        } else if (JDK_COLLECTION.matcher(name).matches() || WHITELISTED_JDK.contains(name)) {
            return;
        } else if (name.startsWith("java.") || name.startsWith("javax.")) {
            found.add(path + " " + name + ": a JDK class not in whitelisted-classes.txt");
        } else {
            found.add(path + " " + name + ": a library class, neither Jenkins', a plugin's nor whitelisted");
        }
    }

    /**
     * A plugin interface held by a callable is an exported object (VirtualChannel.export): calls through it come
     * back to the controller with their arguments, and their results go to the agent.
     */
    private static void exportedMethods(Class<?> exported, String path, Set<Class<?>> seen, List<String> found) {
        if (!seen.add(exported)) {
            return;
        }
        String at = path.replaceFirst(" (holds|returns)$", "") + " -> " + exported.getSimpleName() + ".";
        for (Method m : exported.getMethods()) {
            if (m.getDeclaringClass() == Object.class || m.isDefault() || Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            judge(m.getGenericReturnType(), at + m.getName() + "() returns", seen, found);
            for (Type parameter : m.getGenericParameterTypes()) {
                judge(parameter, at + m.getName() + "(arg) holds", seen, found);
            }
        }
    }

    // Fixtures: a callable and an action as they must not be written, and one as they may.

    /** An object the agent could call back through. */
    interface Back {
        void report(Plan plan);
    }

    static final class LeakyCallable extends MasterToSlaveFileCallable<Plan> {
        private static final long serialVersionUID = 1L;
        private static final Plan CACHED = null; // static: never serialized
        private final RunListener progress = null;
        private final Back back = null;
        private final transient Plan local = null;

        @Override
        public Plan invoke(File f, hudson.remoting.VirtualChannel channel) {
            return CACHED == null ? local : CACHED;
        }
    }

    record Row(String name, Pattern pattern) {
    }

    static final class LeakyAction implements Action {
        private final List<Row> rows = List.of();
        private final Object anything = null;

        @Override
        public String getIconFileName() {
            return rows.isEmpty() && anything == null ? null : "x";
        }

        @Override
        public String getDisplayName() {
            return null;
        }

        @Override
        public String getUrlName() {
            return null;
        }
    }

    record Report(String workstream, Map<String, List<Integer>> counts, String[] lines) {
    }

    static final class FineCallable extends MasterToSlaveFileCallable<LinkedHashMap<String, Report>> {
        private static final long serialVersionUID = 1L;
        private final TaskListener listener = null;
        private final ArrayList<String> branches = new ArrayList<>();
        private final Thread.State state = Thread.State.NEW; // a JDK enum: passes as an enum (:157)
        private final GateStatus status = GateStatus.PASSED; // the engine's enums pass as well

        @Override
        public LinkedHashMap<String, Report> invoke(File f, hudson.remoting.VirtualChannel channel) {
            return listener == null && branches.isEmpty() && state != null && status != null ? new LinkedHashMap<>()
                    : null;
        }
    }
}
