package io.github.parallelworktrees.engine.claude;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.parallelworktrees.engine.ledger.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The final {@code result} event of a Claude Code run (stream-json), read defensively: the CLI's exit code and
 * this object can disagree, and this object is the one to believe.
 */
public record ClaudeResult(JsonNode raw) {

    public String subtype() {
        return raw.path("subtype").asText("");
    }

    public boolean isError() {
        return raw.path("is_error").asBoolean(false);
    }

    /** Success only when the subtype says so and is_error is false (as claude-code-action decides). */
    public boolean succeeded() {
        return subtype().equals("success") && !isError();
    }

    public Optional<String> sessionId() {
        return text(raw.path("session_id"));
    }

    /** The HTTP status of the API error that ended the run, when there was one. */
    public Optional<Integer> apiErrorStatus() {
        JsonNode status = raw.path("api_error_status");
        return status.canConvertToInt() && status.asInt() > 0 ? Optional.of(status.asInt()) : Optional.empty();
    }

    /** The run's error in one line: the result text, the errors list, or the subtype. */
    public String error() {
        List<String> parts = new ArrayList<>();
        text(raw.path("result")).ifPresent(parts::add);
        for (JsonNode e : raw.path("errors")) {
            String message = e.isTextual() ? e.asText() : e.path("message").asText(e.toString());
            if (!message.isBlank() && !parts.contains(message)) {
                parts.add(message);
            }
        }
        String text = parts.isEmpty() ? subtype() : String.join("; ", parts);
        text = text.replaceAll("\\s+", " ").strip();
        return text.length() > 300 ? text.substring(0, 297) + "..." : text;
    }

    public Usage usage() {
        JsonNode usage = raw.path("usage");
        long input = usage.path("input_tokens").asLong(0) + usage.path("cache_creation_input_tokens").asLong(0)
                + usage.path("cache_read_input_tokens").asLong(0);
        return new Usage(raw.path("total_cost_usd").asDouble(0), raw.path("num_turns").asInt(0), input,
                usage.path("output_tokens").asLong(0), permissionDenials());
    }

    /** Each denied tool call as "Tool: what it wanted" (command, file path or the raw input). */
    public List<String> permissionDenials() {
        List<String> denials = new ArrayList<>();
        for (JsonNode denial : raw.path("permission_denials")) {
            String tool = denial.path("tool_name").asText("tool");
            JsonNode input = denial.path("tool_input");
            String what = ClaudeStream.describeInput(input);
            denials.add(what.isEmpty() ? tool : tool + ": " + what);
        }
        return denials;
    }

    private static Optional<String> text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText()) : Optional.empty();
    }
}
