package io.github.parallelworktrees.engine.gate;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.parallelworktrees.engine.gate.report.Metric;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * A plan's {@code waves[].gate} read into a {@link GateSpec}:
 *
 * <pre>
 * gate: {command: "mvn -B verify", junit: "**&#47;surefire-reports/*.xml", coverage: "**&#47;jacoco.xml",
 *        minLine: 55, minBranch: 40, maxFailures: 0, minTests: 1, maxSkipped: 5,
 *        baseline: base/jacoco.xml, maxDrop: 1.0, criticality: FAILURE, allowEmpty: false}
 * </pre>
 *
 * Commands run first (they usually produce the reports); a JUnit glob alone means "no failed tests".
 */
public final class GateSpecs {

    private static final Map<String, Metric> MINIMUMS = minimums();
    private static final List<String> KEYS = List.of("command", "junit", "coverage", "baseline", "minLine",
            "minBranch", "minInstruction", "minMethod", "maxFailures", "minTests", "maxSkipped", "maxDrop",
            "criticality", "allowEmpty");

    private GateSpecs() {
    }

    private static Map<String, Metric> minimums() {
        Map<String, Metric> map = new java.util.LinkedHashMap<>();
        map.put("minLine", Metric.LINE);
        map.put("minBranch", Metric.BRANCH);
        map.put("minInstruction", Metric.INSTRUCTION);
        map.put("minMethod", Metric.METHOD);
        return java.util.Collections.unmodifiableMap(map);
    }

    /** The keys a plan's gate may have. */
    public static List<String> keys() {
        return KEYS;
    }

    /**
     * Reads a gate mapping; each problem goes to {@code problem} as (key, message) and the result is empty.
     */
    public static Optional<GateSpec> fromJson(JsonNode node, BiConsumer<String, String> problem) {
        if (!node.isObject()) {
            problem.accept("", "a gate must be a mapping of keys (" + String.join(", ", KEYS) + ")");
            return Optional.empty();
        }
        List<String> problems = new ArrayList<>();
        BiConsumer<String, String> collect = (key, message) -> {
            problems.add(message);
            problem.accept(key, message);
        };
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String key = names.next();
            if (!KEYS.contains(key)) {
                collect.accept(key, "unknown key '" + key + "' in a gate; known keys: " + String.join(", ", KEYS));
            }
        }
        Criticality criticality = Criticality.UNSTABLE;
        if (node.has("criticality")) {
            Optional<Criticality> parsed = Criticality.parse(node.get("criticality").asText());
            if (parsed.isEmpty()) {
                collect.accept("criticality", "criticality '" + node.get("criticality").asText()
                        + "' is unknown; use NOTE, UNSTABLE, ERROR or FAILURE");
            } else {
                criticality = parsed.get();
            }
        }
        List<Gate> gates = new ArrayList<>();
        for (String command : strings(node, "command", collect)) {
            gates.add(new Gate.Command(command, criticality));
        }
        List<String> junit = strings(node, "junit", collect);
        List<String> coverage = strings(node, "coverage", collect);
        if (node.has("maxFailures") || !junit.isEmpty()) {
            gates.add(new Gate.MaxFailures(count(node, "maxFailures", 0, collect), criticality));
        }
        if (node.has("minTests")) {
            gates.add(new Gate.MinTests(count(node, "minTests", 0, collect), criticality));
        }
        if (node.has("maxSkipped")) {
            gates.add(new Gate.MaxSkipped(count(node, "maxSkipped", 0, collect), criticality));
        }
        for (Map.Entry<String, Metric> minimum : MINIMUMS.entrySet()) {
            if (node.has(minimum.getKey())) {
                gates.add(new Gate.MinCoverage(minimum.getValue(), percent(node, minimum.getKey(), collect),
                        criticality));
            }
        }
        Optional<String> baseline = node.has("baseline") ? Optional.of(node.get("baseline").asText())
                : Optional.empty();
        if (node.has("maxDrop") || baseline.isPresent()) {
            double maxDrop = node.has("maxDrop") ? percent(node, "maxDrop", collect) : 0.0;
            gates.add(new Gate.CoverageDelta(Metric.LINE, maxDrop, criticality));
        }
        boolean allowEmpty = node.path("allowEmpty").asBoolean(false);
        if (gates.isEmpty()) {
            collect.accept("", "the gate checks nothing: give a command, a junit glob, or a coverage minimum");
        }
        if (!problems.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new GateSpec(junit, coverage, baseline, allowEmpty, gates));
        } catch (GateException e) {
            problem.accept("", e.getMessage());
            return Optional.empty();
        }
    }

    /** A percentage threshold: a number from 0 to 100. */
    public static double checkPercent(String name, double value) {
        if (!(value >= 0 && value <= 100)) {
            throw new GateException(name + " must be a percentage from 0 to 100, got " + value);
        }
        return value;
    }

    /** A count threshold: a whole number, 0 or more. */
    public static int checkCount(String name, int value) {
        if (value < 0) {
            throw new GateException(name + " must be 0 or more, got " + value);
        }
        return value;
    }

    private static List<String> strings(JsonNode node, String key, BiConsumer<String, String> problem) {
        JsonNode value = node.path(key);
        List<String> list = new ArrayList<>();
        if (value.isMissingNode() || value.isNull()) {
            return list;
        }
        if (value.isTextual()) {
            list.add(value.asText());
        } else if (value.isArray()) {
            value.forEach(item -> list.add(item.asText()));
        } else {
            problem.accept(key, key + " must be a text or a list of texts");
        }
        list.removeIf(s -> {
            if (s.isBlank()) {
                problem.accept(key, key + " has an empty entry");
                return true;
            }
            return false;
        });
        return list;
    }

    private static double percent(JsonNode node, String key, BiConsumer<String, String> problem) {
        JsonNode value = node.get(key);
        if (!value.isNumber()) {
            problem.accept(key, key + " must be a number from 0 to 100, got '" + value.asText() + "'");
            return 0;
        }
        try {
            return checkPercent(key, value.asDouble());
        } catch (GateException e) {
            problem.accept(key, e.getMessage());
            return 0;
        }
    }

    private static int count(JsonNode node, String key, int fallback, BiConsumer<String, String> problem) {
        JsonNode value = node.path(key);
        if (value.isMissingNode()) {
            return fallback;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            problem.accept(key, key + " must be a whole number, got '" + value.asText() + "'");
            return fallback;
        }
        try {
            return checkCount(key, value.asInt());
        } catch (GateException e) {
            problem.accept(key, e.getMessage());
            return fallback;
        }
    }
}
