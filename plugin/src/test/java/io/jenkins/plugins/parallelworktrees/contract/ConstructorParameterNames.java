package io.jenkins.plugins.parallelworktrees.contract;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Parameter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A constructor's parameter names as Stapler finds them: from reflection when javac ran with
 * {@code -parameters}, else from the class file's LocalVariableTable (javac {@code -g}, Maven's default).
 */
final class ConstructorParameterNames {

    private ConstructorParameterNames() {
    }

    static List<String> of(Constructor<?> constructor) {
        Parameter[] parameters = constructor.getParameters();
        if (Arrays.stream(parameters).allMatch(Parameter::isNamePresent)) {
            return Arrays.stream(parameters).map(Parameter::getName).toList();
        }
        return fromLocalVariableTable(constructor).orElseThrow(() -> new IllegalStateException(
                "cannot read the parameter names of " + constructor + ": compile with -g (debug information, "
                        + "Maven's default) or -parameters, as Jenkins needs them to bind named arguments"));
    }

    static Optional<List<String>> fromLocalVariableTable(Constructor<?> constructor) {
        Class<?> type = constructor.getDeclaringClass();
        byte[] bytes;
        String resource = type.getName().replace('.', '/') + ".class";
        try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<Integer, String> slots = localVariables(ByteBuffer.wrap(bytes), "<init>", descriptor(constructor));
        List<String> names = new ArrayList<>();
        int slot = 1; // 0 is this
        for (Class<?> p : constructor.getParameterTypes()) {
            String name = slots.get(slot);
            if (name == null) {
                return Optional.empty();
            }
            names.add(name);
            slot += p == long.class || p == double.class ? 2 : 1;
        }
        return Optional.of(names);
    }

    /** Slot -> name from the LocalVariableTable of one method (JVMS 4.7.13). */
    private static Map<Integer, String> localVariables(ByteBuffer in, String method, String descriptor) {
        in.position(8); // magic, minor, major
        int constants = u2(in);
        String[] utf8 = new String[constants];
        for (int i = 1; i < constants; i++) {
            int tag = in.get() & 0xFF;
            switch (tag) {
                case 1 -> utf8[i] = modifiedUtf8(in);
                case 3, 4 -> skip(in, 4);
                case 5, 6 -> {
                    skip(in, 8);
                    i++; // a long or double takes two entries
                }
                case 7, 8, 16, 19, 20 -> skip(in, 2);
                case 9, 10, 11, 12, 17, 18 -> skip(in, 4);
                case 15 -> skip(in, 3);
                default -> throw new IllegalStateException("unknown constant pool tag " + tag);
            }
        }
        skip(in, 6); // access, this, super
        skip(in, 2 * u2(in)); // interfaces
        for (int fields = u2(in); fields > 0; fields--) {
            skip(in, 6);
            skipAttributes(in);
        }
        for (int methods = u2(in); methods > 0; methods--) {
            skip(in, 2);
            String name = utf8[u2(in)];
            String desc = utf8[u2(in)];
            for (int attributes = u2(in); attributes > 0; attributes--) {
                String attribute = utf8[u2(in)];
                int length = in.getInt();
                int end = in.position() + length;
                if (attribute.equals("Code") && name.equals(method) && desc.equals(descriptor)) {
                    skip(in, 4); // max_stack, max_locals
                    skip(in, in.getInt()); // the code
                    skip(in, 8 * u2(in)); // exception table
                    Map<Integer, String> slots = new HashMap<>();
                    for (int codeAttributes = u2(in); codeAttributes > 0; codeAttributes--) {
                        String codeAttribute = utf8[u2(in)];
                        int codeLength = in.getInt();
                        int codeEnd = in.position() + codeLength;
                        if (codeAttribute.equals("LocalVariableTable")) {
                            for (int n = u2(in); n > 0; n--) {
                                int start = u2(in);
                                skip(in, 2);
                                String variable = utf8[u2(in)];
                                skip(in, 2);
                                int index = u2(in);
                                if (start == 0) { // parameters are live from the first instruction
                                    slots.putIfAbsent(index, variable);
                                }
                            }
                        }
                        in.position(codeEnd);
                    }
                    return slots;
                }
                in.position(end);
            }
        }
        return Collections.emptyMap();
    }

    private static void skipAttributes(ByteBuffer in) {
        for (int attributes = u2(in); attributes > 0; attributes--) {
            skip(in, 2);
            skip(in, in.getInt());
        }
    }

    private static String modifiedUtf8(ByteBuffer in) {
        int length = u2(in);
        byte[] bytes = new byte[2 + length];
        bytes[0] = (byte) (length >> 8);
        bytes[1] = (byte) length;
        in.get(bytes, 2, length);
        try {
            return new DataInputStream(new ByteArrayInputStream(bytes)).readUTF();
        } catch (IOException e) {
            return new String(bytes, 2, length, StandardCharsets.UTF_8);
        }
    }

    private static int u2(ByteBuffer in) {
        return in.getShort() & 0xFFFF;
    }

    private static void skip(ByteBuffer in, int n) {
        in.position(in.position() + n);
    }

    static String descriptor(Constructor<?> constructor) {
        return Arrays.stream(constructor.getParameterTypes()).map(ConstructorParameterNames::descriptor)
                .collect(Collectors.joining("", "(", ")V"));
    }

    private static String descriptor(Class<?> type) {
        if (type.isArray()) {
            return "[" + descriptor(type.getComponentType());
        }
        if (!type.isPrimitive()) {
            return "L" + type.getName().replace('.', '/') + ";";
        }
        return switch (type.getName()) {
            case "boolean" -> "Z";
            case "byte" -> "B";
            case "char" -> "C";
            case "short" -> "S";
            case "int" -> "I";
            case "long" -> "J";
            case "float" -> "F";
            case "double" -> "D";
            default -> "V";
        };
    }
}
