package io.github.parallelworktrees.engine.rehearsal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document read into a small tree whose every node knows its line and column, so that a
 * script's semantic errors ("unknown stop_reason") can name the line they are on, not only its
 * syntax errors. Jackson's own trees drop the locations.
 */
final class LocatedYaml {

    private LocatedYaml() {}

    /** A node of the tree; line and column are 1-based. */
    sealed interface Node permits MapNode, ListNode, Scalar {
        int line();

        int column();

        /** "a mapping", "a list", "a string", ... for error messages. */
        String describe();
    }

    /** A mapping; {@code keys} holds where each key was written. */
    record MapNode(Map<String, Node> entries, Map<String, Node> keys, int line, int column)
            implements Node {
        @Override
        public String describe() {
            return "a mapping";
        }
    }

    record ListNode(List<Node> items, int line, int column) implements Node {
        @Override
        public String describe() {
            return "a list";
        }
    }

    /**
     * A scalar: {@code value} is a String, Long/BigInteger, Double/BigDecimal, Boolean or null as
     * YAML typed it; {@code text} is the scalar as written.
     */
    record Scalar(Object value, String text, int line, int column) implements Node {
        @Override
        public String describe() {
            if (value == null) {
                return "an empty value";
            }
            if (value instanceof String) {
                return "the string '" + text + "'";
            }
            if (value instanceof Boolean) {
                return "the boolean " + text;
            }
            return "the number " + text;
        }
    }

    /** Thrown with the place of the problem; the caller adds the name of the source. */
    static final class Problem extends Exception {
        private static final long serialVersionUID = 1L;
        final int line;
        final int column;

        Problem(int line, int column, String message) {
            super(message, null, false, false);
            this.line = line;
            this.column = column;
        }

        Problem(Node at, String message) {
            this(at.line(), at.column(), message);
        }
    }

    /** Reads one YAML document; an empty document gives {@code null}. */
    static Node read(String yaml) throws Problem {
        YAMLFactory factory = YAMLFactory.builder().build();
        try (JsonParser parser = factory.createParser(new StringReader(yaml))) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return null;
            }
            Node root = readValue(parser);
            JsonToken extra = parser.nextToken();
            if (extra != null) {
                JsonLocation at = parser.currentTokenLocation();
                throw new Problem(
                        at.getLineNr(),
                        at.getColumnNr(),
                        "only one YAML document is allowed in a script");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            int line = at == null ? 0 : at.getLineNr();
            int column = at == null ? 0 : at.getColumnNr();
            throw new Problem(line, column, "not valid YAML: " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new Problem(0, 0, "cannot read the YAML: " + e.getMessage());
        }
    }

    private static Node readValue(JsonParser parser) throws IOException, Problem {
        JsonLocation at = parser.currentTokenLocation();
        int line = at.getLineNr();
        int column = at.getColumnNr();
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT:
                {
                    Map<String, Node> entries = new LinkedHashMap<>();
                    Map<String, Node> keys = new LinkedHashMap<>();
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String name = parser.currentName();
                        JsonLocation keyAt = parser.currentTokenLocation();
                        Scalar key = new Scalar(name, name, keyAt.getLineNr(), keyAt.getColumnNr());
                        if (entries.containsKey(name)) {
                            throw new Problem(
                                    key, "the key '" + name + "' is written twice in this mapping");
                        }
                        parser.nextToken();
                        entries.put(name, readValue(parser));
                        keys.put(name, key);
                    }
                    return new MapNode(
                            Collections.unmodifiableMap(entries),
                            Collections.unmodifiableMap(keys),
                            line,
                            column);
                }
            case START_ARRAY:
                {
                    List<Node> items = new ArrayList<>();
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        items.add(readValue(parser));
                    }
                    return new ListNode(Collections.unmodifiableList(items), line, column);
                }
            case VALUE_STRING:
                return new Scalar(parser.getText(), parser.getText(), line, column);
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return new Scalar(parser.getNumberValue(), parser.getText(), line, column);
            case VALUE_TRUE:
                return new Scalar(Boolean.TRUE, parser.getText(), line, column);
            case VALUE_FALSE:
                return new Scalar(Boolean.FALSE, parser.getText(), line, column);
            case VALUE_NULL:
                return new Scalar(null, parser.getText(), line, column);
            default:
                throw new Problem(line, column, "unsupported YAML value (" + token + ")");
        }
    }

    /** The node as plain Java values: LinkedHashMap, ArrayList, String, Number, Boolean, null. */
    static Object toPlain(Node node) {
        if (node instanceof MapNode) {
            Map<String, Object> map = new LinkedHashMap<>();
            ((MapNode) node).entries().forEach((k, v) -> map.put(k, toPlain(v)));
            return Collections.unmodifiableMap(map);
        }
        if (node instanceof ListNode) {
            List<Object> list = new ArrayList<>();
            ((ListNode) node).items().forEach(v -> list.add(toPlain(v)));
            return Collections.unmodifiableList(list);
        }
        return ((Scalar) node).value();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "syntax error";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).trim();
    }
}
