package io.github.parallelworktrees.engine.plan;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
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
        return parse(file, PlanText.read(file));
    }

    /** Parses plan text that was read from {@code file} (the name decides the format and the default feature). */
    public static Plan parse(Path file, String text) {
        String shown = file.toString();
        // before any parsing: a huge plan would take the YAML parser many seconds to refuse
        PlanText.checkSize(shown, text);
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

        JsonNode tree;
        SourceMap sources;
        try (JsonParser lines = mapper.createParser(body)) {
            sources = SourceMap.of(lines, shown, lineOffset);
            if (lines.nextToken() != null) {
                throw new PlanException(secondDocument(shown, body, lineOffset, lines.currentTokenLocation(),
                        mapper));
            }
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

        DocumentShape.Result shape = DocumentShape.check((ObjectNode) tree, sources);
        PlanDocument document;
        try {
            document = mapper.treeToValue(shape.usable(), PlanDocument.class);
        } catch (JsonProcessingException e) {
            // DocumentShape took out what does not fit, so this is a shape it does not know yet
            List<String> problems = new ArrayList<>(shape.problems());
            problems.add(located(shown, lineOffset, e.getLocation()) + ": " + firstLine(e.getOriginalMessage()));
            throw new PlanException(problems);
        }
        return new PlanValidator(sources, tree, defaultFeature(name), shape).validate(document, file);
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

    /** "plan.yaml:3: ..." for a second document where the plan must be one, located at its '---' line. */
    private static String secondDocument(String file, String body, int lineOffset, JsonLocation location,
            ObjectMapper mapper) {
        if (!(mapper instanceof YAMLMapper)) {
            return located(file, lineOffset, location) + ": more JSON after the plan's closing '}'; a plan is one"
                    + " JSON object: remove what follows it or merge it into the plan";
        }
        List<String> lines = body.lines().toList();
        int line = Math.min(Math.max(location.getLineNr(), 1), lines.size());
        while (line > 1 && !lines.get(line - 1).startsWith("---")) {
            line--;
        }
        return file + ":" + (line + lineOffset) + ": a second YAML document starts here ('---'); a plan is one"
                + " document, and the later ones would be ignored: remove the '---' line to make it one document,"
                + " or move the rest into a plan of its own";
    }

    private static String formatName(ObjectMapper mapper) {
        return mapper instanceof YAMLMapper ? "YAML" : "JSON";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String line = message.strip().split("\n")[0];
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
