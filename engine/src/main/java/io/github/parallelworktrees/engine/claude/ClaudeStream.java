package io.github.parallelworktrees.engine.claude;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.parallelworktrees.engine.ledger.Json;
import java.util.Optional;

/**
 * Reads Claude Code's stream-json output one line at a time, as it arrives: the session id as soon as the
 * {@code system/init} event names it, a progress line per turn and tool use, and the final result.
 */
final class ClaudeStream {

    /** What the stream reports, as it reports it. */
    interface Events {
        void session(String sessionId);

        void progress(String line);
    }

    private final Events events;
    private String sessionId;
    private ClaudeResult result;
    private int turns;
    private String lastMessageId;

    ClaudeStream(Events events) {
        this.events = events;
    }

    /** Takes one line of stdout. Lines that are not JSON (a warning the CLI printed) are passed on as progress. */
    void accept(String line) {
        if (line.isBlank()) {
            return;
        }
        JsonNode event;
        try {
            event = Json.MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            events.progress("claude: " + abbreviate(line, 160));
            return;
        }
        String type = event.path("type").asText("");
        String subtype = event.path("subtype").asText("");
        if (type.equals("system") && subtype.equals("init")) {
            String id = event.path("session_id").asText("");
            if (!id.isEmpty() && !id.equals(sessionId)) {
                sessionId = id;
                events.session(id);
                events.progress("session " + id + " (model " + event.path("model").asText("?") + ")");
            }
        } else if (type.equals("system") && subtype.equals("api_retry")) {
            events.progress("API retry " + event.path("attempt").asText("?") + " after "
                    + event.path("error_status").asText(event.path("error").asText("an error")));
        } else if (type.equals("assistant")) {
            // the CLI sends one event per content block; a turn is one model message
            String messageId = event.path("message").path("id").asText("");
            if (messageId.isEmpty() || !messageId.equals(lastMessageId)) {
                turns++;
                lastMessageId = messageId;
            }
            for (JsonNode block : event.path("message").path("content")) {
                if (block.path("type").asText().equals("tool_use")) {
                    String input = describeInput(block.path("input"));
                    events.progress("turn " + turns + ": " + block.path("name").asText("tool")
                            + (input.isEmpty() ? "" : " " + input));
                }
            }
        } else if (type.equals("result")) {
            result = new ClaudeResult(event);
            events.progress((result.isError() ? "result: error (" + result.subtype() + ")" : "result " + result.subtype())
                    + " after "
                    + event.path("num_turns").asText("?") + " turns, $"
                    + String.format("%.4f", event.path("total_cost_usd").asDouble(0)));
        }
    }

    Optional<ClaudeResult> result() {
        return Optional.ofNullable(result);
    }

    Optional<String> sessionId() {
        return Optional.ofNullable(sessionId);
    }

    /** A tool input in a few words: the command, the file, the pattern, or the JSON cut short. */
    static String describeInput(JsonNode input) {
        for (String key : new String[] {"command", "file_path", "path", "pattern", "url", "description"}) {
            if (input.path(key).isTextual()) {
                return abbreviate(input.path(key).asText(), 120);
            }
        }
        return input.isMissingNode() || input.isEmpty() ? "" : abbreviate(input.toString(), 120);
    }

    static String abbreviate(String text, int max) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() > max ? line.substring(0, max - 3) + "..." : line;
    }
}
