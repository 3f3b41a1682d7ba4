package io.jenkins.plugins.parallelworktrees.contract;

import io.github.parallelworktrees.engine.gate.Criticality;
import java.beans.Introspector;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The parameters Jenkins binds for a describable: the {@code @DataBoundConstructor} parameters (required) and
 * the {@code @DataBoundSetter} properties (optional), each with its declared type.
 */
record DescribableModel(String displayName, Map<String, Type> parameters, List<String> constructorParameters,
                        Map<String, List<String>> vocabularies) {

    List<String> sortedNames() {
        return new ArrayList<>(new TreeSet<>(parameters.keySet()));
    }

    /** The words a parameter accepts, when it is a closed set (compared ignoring case, as the steps parse). */
    Optional<List<String>> vocabulary(String parameter) {
        return Optional.ofNullable(vocabularies.get(parameter));
    }

    static DescribableModel fixed(String displayName, Set<String> keys) {
        Map<String, Type> parameters = new LinkedHashMap<>();
        keys.forEach(k -> parameters.put(k, Object.class));
        return new DescribableModel(displayName, parameters, List.of(), Map.of());
    }

    static boolean isDescribable(Class<?> type) {
        return !type.isInterface() && !Modifier.isAbstract(type.getModifiers())
                && dataBoundConstructor(type).isPresent();
    }

    static Optional<Constructor<?>> dataBoundConstructor(Class<?> type) {
        return Arrays.stream(type.getDeclaredConstructors())
                .filter(c -> c.isAnnotationPresent(DataBoundConstructor.class)).findFirst();
    }

    static DescribableModel of(Class<?> type) {
        Map<String, Type> parameters = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        Optional<Constructor<?>> constructor = dataBoundConstructor(type);
        if (constructor.isPresent()) {
            List<String> names = ConstructorParameterNames.of(constructor.get());
            Type[] types = constructor.get().getGenericParameterTypes();
            for (int i = 0; i < names.size(); i++) {
                parameters.put(names.get(i), types[i]);
                required.add(names.get(i));
            }
        }
        for (Method m : type.getMethods()) {
            if (m.isAnnotationPresent(DataBoundSetter.class) && m.getParameterCount() == 1
                    && m.getName().startsWith("set")) {
                parameters.putIfAbsent(Introspector.decapitalize(m.getName().substring(3)),
                        m.getGenericParameterTypes()[0]);
            }
        }
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.isAnnotationPresent(DataBoundSetter.class)) {
                    parameters.putIfAbsent(f.getName(), f.getGenericType());
                }
            }
        }
        Map<String, List<String>> vocabularies = new TreeMap<>();
        parameters.forEach((name, t) -> vocabularyOf(type, name, t).ifPresent(v -> vocabularies.put(name, v)));
        return new DescribableModel(type.getSimpleName(), parameters, required, vocabularies);
    }

    /**
     * An enum parameter's constants; for a String parameter, the constants of the class's nested enum of the
     * same name ({@code type} -> {@code GateDefinition.Type}), or for {@code criticality} the engine's
     * Criticality, which the steps parse the text with.
     */
    private static Optional<List<String>> vocabularyOf(Class<?> owner, String name, Type type) {
        Optional<List<String>> constants = enumConstants(type);
        if (constants.isPresent() || type != String.class) {
            return constants;
        }
        String enumName = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        for (Class<?> nested : owner.getDeclaredClasses()) {
            if (nested.isEnum() && nested.getSimpleName().equals(enumName)) {
                return enumConstants(nested);
            }
        }
        return name.equals("criticality") ? enumConstants(Criticality.class) : Optional.empty();
    }

    /** The type of a list's or array's elements (what each map in {@code gates: [[...], [...]]} becomes). */
    static Type elementType(Type type) {
        if (type instanceof Class<?> c && c.isArray()) {
            return c.getComponentType();
        }
        if (type instanceof GenericArrayType g) {
            return g.getGenericComponentType();
        }
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw
                && Collection.class.isAssignableFrom(raw) && p.getActualTypeArguments().length == 1) {
            return p.getActualTypeArguments()[0];
        }
        return Object.class;
    }

    private static Optional<List<String>> enumConstants(Type type) {
        if (type instanceof Class<?> c && c.isEnum()) {
            return Optional.of(Arrays.stream(c.getEnumConstants()).map(e -> ((Enum<?>) e).name()).toList());
        }
        return Optional.empty();
    }
}
