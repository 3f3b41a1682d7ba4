package io.jenkins.plugins.parallelworktrees.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;

/** Our steps, found in the compiled classes of the plugin package (no ServiceLoader, no Jenkins). */
record StepCatalog(Map<String, StepInfo> byName, Map<String, DescribableModel> symbols, List<Class<?>> classes) {

    /** The plugin's package, whose classes and sub-packages hold its steps and its global configuration. */
    static final String PLUGIN_PACKAGE = "io.jenkins.plugins.parallelworktrees";

    private static volatile StepCatalog pluginCatalog;

    /** The plugin's catalog, scanned once for all the tests of the contract: the classes do not change in a run. */
    static StepCatalog plugin() {
        StepCatalog catalog = pluginCatalog;
        if (catalog == null) {
            try {
                catalog = scan(PLUGIN_PACKAGE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list the classes of " + PLUGIN_PACKAGE, e);
            }
            pluginCatalog = catalog;
        }
        return catalog;
    }

    static StepCatalog scan(String packageName) throws IOException {
        List<Class<?>> classes = PackageScanner.classes(packageName);
        Map<String, StepInfo> byName = new TreeMap<>();
        for (Class<?> type : classes) {
            if (!Step.class.isAssignableFrom(type) || Modifier.isAbstract(type.getModifiers())) {
                continue;
            }
            StepDescriptor descriptor = descriptorOf(type);
            StepInfo step = new StepInfo(descriptor.getFunctionName(), type,
                    descriptor.takesImplicitBlockArgument(), DescribableModel.of(type));
            StepInfo clash = byName.put(step.name(), step);
            if (clash != null) {
                throw new IllegalStateException("two steps are called " + step.name() + ": " + clash.type()
                        + " and " + type);
            }
        }
        if (byName.isEmpty()) {
            throw new IllegalStateException("no class extending " + Step.class.getName() + " in " + packageName
                    + " (found " + classes.size() + " classes there): are the plugin's classes compiled?");
        }
        return new StepCatalog(byName, symbols(classes, byName.keySet()), classes);
    }

    /** Describables (not steps) whose descriptor has a @Symbol: {@code gate} for GateDefinition. */
    private static Map<String, DescribableModel> symbols(List<Class<?>> classes, Set<String> stepNames) {
        Map<String, DescribableModel> symbols = new TreeMap<>();
        for (Class<?> descriptor : classes) {
            Symbol symbol = descriptor.getAnnotation(Symbol.class);
            Class<?> owner = descriptor.getEnclosingClass();
            if (symbol == null || owner == null || Step.class.isAssignableFrom(owner)
                    || !DescribableModel.isDescribable(owner)) {
                continue;
            }
            for (String name : symbol.value()) {
                if (!stepNames.contains(name)) { // a step's function name wins, as in Pipeline
                    symbols.put(name, DescribableModel.of(owner));
                }
            }
        }
        return symbols;
    }

    Optional<DescribableModel> symbol(String name) {
        return Optional.ofNullable(symbols.get(name));
    }

    /** The nested DescriptorImpl, instantiated as Jenkins would (it must not need a running Jenkins). */
    private static StepDescriptor descriptorOf(Class<?> stepType) {
        for (Class<?> nested : stepType.getDeclaredClasses()) {
            if (StepDescriptor.class.isAssignableFrom(nested) && !Modifier.isAbstract(nested.getModifiers())) {
                try {
                    Constructor<?> constructor = nested.getDeclaredConstructor();
                    constructor.setAccessible(true);
                    return (StepDescriptor) constructor.newInstance();
                } catch (ReflectiveOperationException | LinkageError e) {
                    throw new IllegalStateException("cannot instantiate " + nested.getName()
                            + " to ask its function name: " + e, e);
                }
            }
        }
        throw new IllegalStateException(stepType.getName() + " has no nested StepDescriptor (DescriptorImpl)");
    }

    Set<String> stepNames() {
        return byName.keySet();
    }

    Collection<StepInfo> steps() {
        return byName.values();
    }

    Optional<StepInfo> step(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The class of qualityGate's {@code gates} elements, when it is a describable. */
    Optional<DescribableModel> gateModel() {
        return step("qualityGate")
                .map(s -> s.model().parameters().get("gates"))
                .map(DescribableModel::elementType)
                .filter(t -> t instanceof Class<?> c && DescribableModel.isDescribable(c))
                .map(t -> DescribableModel.of((Class<?>) t));
    }

    /** The global configuration: the non-step class of the package with {@code @Symbol("parallelWorktrees")}. */
    Optional<Class<?>> globalConfiguration() {
        return classes.stream()
                .filter(c -> !Step.class.isAssignableFrom(c))
                .filter(c -> hasSymbol(c, "parallelWorktrees"))
                .findFirst();
    }

    private static boolean hasSymbol(AnnotatedElement element, String name) {
        Symbol symbol = element.getAnnotation(Symbol.class);
        return symbol != null && Arrays.asList(symbol.value()).contains(name);
    }
}
