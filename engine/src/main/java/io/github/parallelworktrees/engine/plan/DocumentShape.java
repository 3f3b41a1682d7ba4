package io.github.parallelworktrees.engine.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks a plan's tree against the shape of {@link PlanDocument}: every unknown key and every value of the wrong
 * type, each with its line, in one pass, so that the user sees them together with the validator's problems
 * instead of one round at a time. What it refuses is taken out of the tree it hands on, so the rest can be
 * validated.
 */
final class DocumentShape {

    /**
     * @param usable the tree with unknown keys and wrongly typed values taken out (set to null), scalars coerced
     *     to the types the document holds and single values wrapped in lists
     * @param problems each located ("plan.yaml:3: maxParallel must be a whole number, got 'two'")
     * @param refused the paths ("workstreams[0].wave") of the values of the wrong type, taken out
     */
    record Result(JsonNode usable, List<String> problems, Set<String> refused) {
    }

    private final SourceMap sources;
    private final List<String> problems = new ArrayList<>();
    private final Set<String> refused = new HashSet<>();

    private DocumentShape(SourceMap sources) {
        this.sources = sources;
    }

    /** Checks {@code tree} (an object) against {@link PlanDocument}; {@code tree} itself is left as it is. */
    static Result check(ObjectNode tree, SourceMap sources) {
        DocumentShape shape = new DocumentShape(sources);
        ObjectNode usable = tree.deepCopy();
        shape.checkRecord(usable, "", PlanDocument.class);
        return new Result(usable, List.copyOf(shape.problems), Set.copyOf(shape.refused));
    }

    private void checkRecord(ObjectNode node, String path, Class<?> type) {
        List<String> known = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            known.add(component.getName());
        }
        for (String key : fieldNames(node)) {
            String child = path.isEmpty() ? key : path + "." + key;
            RecordComponent component = componentNamed(type, key);
            if (component == null) {
                problems.add(sources.at(child) + ": unknown key '" + key + "' in " + section(type, path)
                        + Suggestions.didYouMean(key, known) + "; known keys: "
                        + String.join(", ", known.stream().sorted().toList()));
                node.remove(key);
                continue;
            }
            node.set(key, checkValue(node.get(key), component.getGenericType(), child));
        }
    }

    /** The value to hand on for {@code value} at {@code path}: itself, coerced, or null when it is refused. */
    private JsonNode checkValue(JsonNode value, Type type, String path) {
        if (value == null || value.isNull() || type == JsonNode.class) {
            return value;
        }
        if (type instanceof ParameterizedType generic && generic.getRawType() == List.class) {
            Type element = generic.getActualTypeArguments()[0];
            if (!value.isArray()) {
                if (value.isObject() && !(element instanceof Class<?> c && c.isRecord())) {
                    return refuse(path, "must be a list, got " + describe(value));
                }
                // one value where a list is expected is a list of one (as "files: src/**")
                ArrayNode single = JsonNodeFactory.instance.arrayNode();
                return single.add(checkValue(value, element, path));
            }
            ArrayNode array = (ArrayNode) value;
            for (int i = 0; i < array.size(); i++) {
                array.set(i, checkValue(array.get(i), element, path + "[" + i + "]"));
            }
            return array;
        }
        if (type instanceof ParameterizedType generic && generic.getRawType() == Map.class) {
            return value.isObject() ? value : refuse(path, "must be a mapping of names to values, got "
                    + describe(value));
        }
        if (type instanceof Class<?> c && c.isRecord()) {
            if (!value.isObject()) {
                return refuse(path, "must be a mapping of keys, got " + describe(value));
            }
            checkRecord((ObjectNode) value, path, c);
            return value;
        }
        if (type == String.class) {
            if (value.isContainerNode()) {
                return refuse(path, "must be a text value, got " + describe(value));
            }
            return value.isTextual() ? value : TextNode.valueOf(value.asText());
        }
        if (type == Integer.class) {
            Integer whole = wholeNumber(value);
            return whole != null ? IntNode.valueOf(whole)
                    : refuse(path, "must be a whole number, got " + describe(value));
        }
        if (type == Double.class) {
            Double number = number(value);
            return number != null ? DoubleNode.valueOf(number)
                    : refuse(path, "must be a number, got " + describe(value));
        }
        if (type == Boolean.class) {
            String text = value.asText().toLowerCase(Locale.ROOT);
            if (value.isBoolean() || (value.isTextual() && (text.equals("true") || text.equals("false")))) {
                return BooleanNode.valueOf(text.equals("true"));
            }
            return refuse(path, "must be true or false, got " + describe(value));
        }
        throw new IllegalStateException("PlanDocument holds a type DocumentShape does not check: " + type);
    }

    private static Integer wholeNumber(JsonNode value) {
        if (value.isNumber()) {
            return value.canConvertToExactIntegral() && value.canConvertToInt() ? value.intValue() : null;
        }
        if (value.isTextual()) {
            try {
                return Integer.valueOf(value.asText().strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static Double number(JsonNode value) {
        if (value.isNumber()) {
            return value.doubleValue();
        }
        if (value.isTextual()) {
            try {
                double parsed = Double.parseDouble(value.asText().strip());
                return Double.isFinite(parsed) ? parsed : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private JsonNode refuse(String path, String problem) {
        problems.add(sources.at(path) + ": " + path + " " + problem);
        refused.add(path);
        return NullNode.getInstance();
    }

    /** How a value reads in a message: 'text' (cut short), a number, true, a list, a mapping. */
    private static String describe(JsonNode value) {
        if (value.isArray()) {
            return "a list";
        }
        if (value.isObject()) {
            return "a mapping";
        }
        if (value.isTextual()) {
            String text = value.asText();
            return "'" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'";
        }
        return value.asText();
    }

    private static String section(Class<?> type, String path) {
        if (type == PlanDocument.class) {
            return "the plan";
        }
        if (type == PlanDocument.WorkerDocument.class) {
            return path.equals("merge.resolver") ? "merge.resolver" : path.endsWith("review.worker") ? "review.worker"
                    : "worker";
        }
        if (type == PlanDocument.WorkstreamDocument.class) {
            return "a workstream";
        }
        if (type == PlanDocument.WaveDocument.class) {
            return "a wave";
        }
        if (type == PlanDocument.PolicyDocument.class) {
            return "a merge policy";
        }
        if (type == PlanDocument.ReviewDocument.class) {
            return "review";
        }
        if (type == PlanDocument.RacerDocument.class) {
            return "a racer";
        }
        if (type == PlanDocument.ScoreDocument.class) {
            return "score (its terms are " + String.join(", ", ScoreWeights.TERMS) + ")";
        }
        return path;
    }

    private static RecordComponent componentNamed(Class<?> type, String name) {
        for (RecordComponent component : type.getRecordComponents()) {
            if (component.getName().equals(name)) {
                return component;
            }
        }
        return null;
    }

    private static List<String> fieldNames(ObjectNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
