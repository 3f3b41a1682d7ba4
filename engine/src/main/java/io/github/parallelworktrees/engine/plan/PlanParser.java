package io.github.parallelworktrees.engine.plan;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a plan file: YAML, JSON, or a Markdown spec holding exactly one {@code ```yaml} block.
 * Every error names the file and line.
 */
public final class PlanParser {

    private static final Pattern YAML_FENCE =
            Pattern.compile("^(```|~~~)\\s*(yaml|yml)\\s*$", Pattern.CASE_INSENSITIVE);
    /** A spec's timestamp prefix: specs/2025_06_07_14_35_00_conversation_system.md -> conversation_system. */
    private static final Pattern TIMESTAMP_PREFIX = Pattern.compile("^\\d{4}(?:[_-]\\d{2}){2,5}[_-]");

    private PlanParser() {
    }

    /** Reads and validates the plan at {@code file}. */
    public static Plan read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new PlanException(file + ": no such plan file");
        } catch (IOException e) {
            throw new PlanException(file + ": cannot read the plan (" + e.getMessage() + ")");
        }
        return parse(file, text);
    }

    /** Parses plan text that was read from {@code file} (the name decides the format and the default feature). */
    public static Plan parse(Path file, String text) {
        String name = file.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        String body = text;
        int lineOffset = 0;
        ObjectMapper mapper;
        if (lower.endsWith(".md") || lower.endsWith(".markdown")) {
            int[] block = yamlBlock(name, text);
            lineOffset = block[0];
            body = String.join("\n", text.lines().toList().subList(block[0], block[1]));
            mapper = new YAMLMapper();
        } else if (lower.endsWith(".json")) {
            mapper = new ObjectMapper();
        } else {
            mapper = new YAMLMapper();
        }
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        String shown = file.toString();

        JsonNode tree;
        SourceMap sources;
        try (JsonParser lines = mapper.createParser(body)) {
            sources = SourceMap.of(lines, shown, lineOffset);
            tree = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw new PlanException(located(shown, lineOffset, e.getLocation())
                    + ": malformed " + formatName(mapper) + ": " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new PlanException(shown + ": cannot read the plan (" + e.getMessage() + ")");
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw new PlanException(shown + ": the plan is empty; it needs at least 'workstreams'");
        }
        if (!tree.isObject()) {
            throw new PlanException(sources.at("") + ": the plan must be a mapping of keys (feature, workstreams, ...)");
        }

        List<String> unknown = unknownKeys(tree, sources);
        if (!unknown.isEmpty()) {
            throw new PlanException(unknown);
        }
        PlanDocument document;
        try {
            document = mapper.readValue(body, PlanDocument.class);
        } catch (MismatchedInputException e) {
            throw new PlanException(located(shown, lineOffset, e.getLocation()) + ": " + pathOf(e)
                    + ": " + mismatch(e));
        } catch (JsonProcessingException e) {
            throw new PlanException(located(shown, lineOffset, e.getLocation()) + ": "
                    + firstLine(e.getOriginalMessage()));
        }
        return new PlanValidator(sources, tree, defaultFeature(name)).validate(document, file);
    }

    /** The feature name a plan file's name implies, e.g. "conversation_system" for a timestamped spec. */
    public static String defaultFeature(String fileName) {
        String stem = fileName.contains(".") ? fileName.substring(0, fileName.lastIndexOf('.')) : fileName;
        if (stem.toLowerCase(Locale.ROOT).endsWith(".plan")) {
            stem = stem.substring(0, stem.length() - ".plan".length());
        }
        Matcher prefix = TIMESTAMP_PREFIX.matcher(stem);
        return prefix.find() && prefix.end() < stem.length() ? stem.substring(prefix.end()) : stem;
    }

    /** [first line of the block body, line after it] (0-based) of the only yaml block in a Markdown spec. */
    private static int[] yamlBlock(String name, String text) {
        List<String> lines = text.lines().toList();
        List<int[]> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher open = YAML_FENCE.matcher(lines.get(i).strip());
            if (open.matches()) {
                String fence = open.group(1);
                int end = i + 1;
                while (end < lines.size() && !lines.get(end).strip().equals(fence)) {
                    end++;
                }
                if (end == lines.size()) {
                    throw new PlanException(name + ":" + (i + 1) + ": the ```yaml block is never closed");
                }
                blocks.add(new int[] {i + 1, end});
                i = end;
            }
        }
        if (blocks.size() != 1) {
            throw new PlanException(name + ": a Markdown spec must hold exactly one ```yaml block with the plan; found "
                    + blocks.size());
        }
        return blocks.get(0);
    }

    private static String located(String file, int lineOffset, JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return file;
        }
        return file + ":" + (location.getLineNr() + lineOffset);
    }

    private static String formatName(ObjectMapper mapper) {
        return mapper instanceof YAMLMapper ? "YAML" : "JSON";
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "the plan" : path.toString();
    }

    private static String mismatch(MismatchedInputException e) {
        Class<?> target = e.getTargetType();
        String expected;
        if (target == null) {
            expected = "a different kind of value";
        } else if (Number.class.isAssignableFrom(target) || target.isPrimitive()) {
            expected = "a number";
        } else if (target == Boolean.class) {
            expected = "true or false";
        } else if (target == String.class) {
            expected = "a text value";
        } else if (List.class.isAssignableFrom(target)) {
            expected = "a list";
        } else {
            expected = "a mapping of keys";
        }
        return "expected " + expected + " (" + firstLine(e.getOriginalMessage()) + ")";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String line = message.strip().split("\n")[0];
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    /**
     * Every key the plan document does not define, with its line and the keys that would be valid there.
     * Checked on the tree against the document records' components, so that all are named at once.
     */
    private static List<String> unknownKeys(JsonNode tree, SourceMap sources) {
        List<String> problems = new ArrayList<>();
        checkKeys(tree, "", PlanDocument.class, "the plan", sources, problems);
        checkKeys(tree.path("worker"), "worker", PlanDocument.WorkerDocument.class, "worker", sources, problems);
        forEach(tree.path("workstreams"), "workstreams", (node, path) -> {
            checkKeys(node, path, PlanDocument.WorkstreamDocument.class, "a workstream", sources, problems);
            checkKeys(node.path("worker"), path + ".worker", PlanDocument.WorkerDocument.class, "worker", sources,
                    problems);
        });
        forEach(tree.path("waves"), "waves", (node, path) ->
                checkKeys(node, path, PlanDocument.WaveDocument.class, "a wave", sources, problems));
        checkKeys(tree.path("merge"), "merge", PlanDocument.MergeDocument.class, "merge", sources, problems);
        checkKeys(tree.path("merge").path("resolver"), "merge.resolver", PlanDocument.WorkerDocument.class,
                "merge.resolver", sources, problems);
        forEach(tree.path("merge").path("policies"), "merge.policies", (node, path) ->
                checkKeys(node, path, PlanDocument.PolicyDocument.class, "a merge policy", sources, problems));
        return problems;
    }

    private static void forEach(JsonNode array, String path, java.util.function.BiConsumer<JsonNode, String> action) {
        if (array.isArray()) {
            for (int i = 0; i < array.size(); i++) {
                action.accept(array.get(i), path + "[" + i + "]");
            }
        }
    }

    private static void checkKeys(JsonNode node, String path, Class<? extends Record> type, String section,
            SourceMap sources, List<String> problems) {
        if (!node.isObject()) {
            return;
        }
        List<String> known = new ArrayList<>();
        for (java.lang.reflect.RecordComponent component : type.getRecordComponents()) {
            known.add(component.getName());
        }
        node.fieldNames().forEachRemaining(key -> {
            if (!known.contains(key)) {
                List<String> sorted = known.stream().sorted().toList();
                problems.add(sources.at(path.isEmpty() ? key : path + "." + key) + ": unknown key '" + key + "' in "
                        + section + Suggestions.didYouMean(key, known) + "; known keys: " + String.join(", ", sorted));
            }
        });
    }
}
