package io.github.parallelworktrees.engine.plan;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Line numbers of every key and value in a plan document, by path ("workstreams[2].dependsOn[0]"), so that
 * validation errors can say where the user has to look.
 */
final class SourceMap {

    private final String fileName;
    private final int lineOffset;
    private final Map<String, Integer> lines = new HashMap<>();

    private SourceMap(String fileName, int lineOffset) {
        this.fileName = fileName;
        this.lineOffset = lineOffset;
    }

    /** Reads the whole token stream of {@code parser} (positioned before the first token). */
    static SourceMap of(JsonParser parser, String fileName, int lineOffset) throws IOException {
        SourceMap map = new SourceMap(fileName, lineOffset);
        if (parser.nextToken() != null) {
            map.walk(parser, "");
        }
        return map;
    }

    /** "file:line" of the path, or of its nearest recorded parent; just the file when nothing matches. */
    String at(String path) {
        String probe = path;
        while (true) {
            Integer line = lines.get(probe);
            if (line != null) {
                return fileName + ":" + (line + lineOffset);
            }
            if (probe.isEmpty()) {
                return fileName;
            }
            int cut = Math.max(probe.lastIndexOf('.'), probe.lastIndexOf('['));
            probe = cut < 0 ? "" : probe.substring(0, cut);
        }
    }

    String fileName() {
        return fileName;
    }

    int lineOffset() {
        return lineOffset;
    }

    private void walk(JsonParser parser, String path) throws IOException {
        lines.putIfAbsent(path, parser.currentTokenLocation().getLineNr());
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String child = path.isEmpty() ? parser.currentName() : path + "." + parser.currentName();
                lines.put(child, parser.currentTokenLocation().getLineNr());
                parser.nextToken();
                walk(parser, child);
            }
        } else if (token == JsonToken.START_ARRAY) {
            int index = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                walk(parser, path + "[" + index++ + "]");
            }
        }
    }
}
