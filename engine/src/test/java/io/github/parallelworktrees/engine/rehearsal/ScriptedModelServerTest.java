package io.github.parallelworktrees.engine.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.parallelworktrees.engine.rehearsal.ScriptedModelServer.Kind;
import io.github.parallelworktrees.engine.rehearsal.ScriptedModelServer.RecordedRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ScriptedModelServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static final String WRITE_THEN_DONE =
            String.join(
                    "\n",
                    "turns:",
                    "  - text: \"I'll write the file — ok 👍\"",
                    "    tool_use:",
                    "      name: Write",
                    "      input: {file_path: hello.txt, content: \""
                            + "x".repeat(100)
                            + "\\n\", n: [1, 2]}",
                    "  - text: Done.",
                    "    usage: {input_tokens: 7, output_tokens: 3, cache_read_input_tokens: 2}",
                    "");

    @Test
    void streamsAReplyAsMessagesApiEvents() throws Exception {
        try (ScriptedModelServer server = start(WRITE_THEN_DONE)) {
            HttpResponse<String> response = post(server, "/v1/messages?beta=true", request(true));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type"))
                    .hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
            List<JsonNode> events = sse(response.body());
            assertThat(events)
                    .extracting(e -> e.path("type").asText())
                    .startsWith(
                            "message_start", "ping", "content_block_start", "content_block_delta")
                    .endsWith("content_block_stop", "message_delta", "message_stop");
            assertThat(events.get(0).path("message").path("model").asText())
                    .isEqualTo("claude-test");
            assertThat(events.get(0).path("message").path("role").asText()).isEqualTo("assistant");

            // Put the blocks together the way a client does.
            StringBuilder text = new StringBuilder();
            StringBuilder json = new StringBuilder();
            String toolId = null;
            String toolName = null;
            for (JsonNode e : events) {
                if (e.path("type").asText().equals("content_block_start")
                        && e.path("content_block").path("type").asText().equals("tool_use")) {
                    toolId = e.path("content_block").path("id").asText();
                    toolName = e.path("content_block").path("name").asText();
                    assertThat(e.path("index").asInt()).isEqualTo(1);
                }
                JsonNode delta = e.path("delta");
                if (delta.path("type").asText().equals("text_delta")) {
                    text.append(delta.path("text").asText());
                }
                if (delta.path("type").asText().equals("input_json_delta")) {
                    json.append(delta.path("partial_json").asText());
                }
            }
            assertThat(text.toString()).isEqualTo("I'll write the file — ok 👍");
            assertThat(toolName).isEqualTo("Write");
            assertThat(toolId).startsWith("toolu_rehearsal_");
            JsonNode input = JSON.readTree(json.toString());
            assertThat(input.path("file_path").asText()).isEqualTo("hello.txt");
            assertThat(input.path("content").asText()).hasSize(101);
            assertThat(input.path("n").toString()).isEqualTo("[1,2]");
            assertThat(
                            events.stream()
                                    .filter(
                                            e ->
                                                    e.path("delta")
                                                            .path("type")
                                                            .asText()
                                                            .equals("input_json_delta")))
                    .as("the input arrives in pieces")
                    .hasSizeGreaterThan(1);
            JsonNode messageDelta = events.get(events.size() - 2);
            assertThat(messageDelta.path("delta").path("stop_reason").asText())
                    .isEqualTo("tool_use");
            assertThat(messageDelta.path("usage").path("output_tokens").asInt()).isEqualTo(10);

            RecordedRequest recorded = server.turnRequests().get(0);
            assertThat(recorded.toolUseIds()).containsExactly(toolId);
            assertThat(recorded.turnNumber()).isEqualTo(1);
            assertThat(recorded.scriptLine()).isEqualTo(2);
            assertThat(recorded.path()).isEqualTo("/v1/messages?beta=true");
            assertThat(recorded.streaming()).isTrue();
            assertThat(recorded.toolNames()).containsExactly("Bash", "Write");
        }
    }

    @Test
    void answersWithOneJsonMessageWithoutStream() throws Exception {
        try (ScriptedModelServer server = start(WRITE_THEN_DONE)) {
            post(server, "/v1/messages", request(false));
            HttpResponse<String> response = post(server, "/v1/messages", request(false));

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode message = JSON.readTree(response.body());
            assertThat(message.path("type").asText()).isEqualTo("message");
            assertThat(message.path("content").get(0).path("text").asText()).isEqualTo("Done.");
            assertThat(message.path("stop_reason").asText()).isEqualTo("end_turn");
            assertThat(message.path("usage").path("input_tokens").asInt()).isEqualTo(7);
            assertThat(message.path("usage").path("cache_read_input_tokens").asInt()).isEqualTo(2);
        }
    }

    @Test
    void sideRequestsUseNoTurn() throws Exception {
        try (ScriptedModelServer server = start("- text: the one turn\n")) {
            ObjectNode quota = JSON.createObjectNode();
            quota.put("model", "claude-haiku");
            quota.put("max_tokens", 1);
            quota.putArray("messages").addObject().put("role", "user").put("content", "quota");
            JsonNode probe = JSON.readTree(post(server, "/v1/messages?beta=true", quota).body());
            assertThat(probe.path("stop_reason").asText()).isEqualTo("max_tokens");

            ObjectNode title = JSON.createObjectNode();
            title.put("model", "claude-haiku");
            title.put("max_tokens", 512);
            title.putArray("messages").addObject().put("role", "user").put("content", "name it");
            ObjectNode format = title.putObject("output_config").putObject("format");
            format.put("type", "json_schema");
            ObjectNode schema = format.putObject("schema");
            schema.put("type", "object");
            schema.putObject("properties").putObject("title").put("type", "string");
            schema.putArray("required").add("title");
            JsonNode titled = JSON.readTree(post(server, "/v1/messages", title).body());
            assertThat(titled.path("content").get(0).path("text").asText())
                    .isEqualTo("{\"title\":\"rehearsal\"}");

            JsonNode turn = JSON.readTree(post(server, "/v1/messages", request(false)).body());
            assertThat(turn.path("content").get(0).path("text").asText()).isEqualTo("the one turn");

            assertThat(server.requests(Kind.SIDE))
                    .extracting(RecordedRequest::note)
                    .containsExactly("max_tokens 1: a probe", "offers no tools: a helper request");
            assertThat(server.turnsServed()).isEqualTo(1);
        }
    }

    @Test
    void withSideRequestsNoneEveryMessageUsesATurn() throws Exception {
        try (ScriptedModelServer server = start("side_requests: none\nturns:\n  - text: a\n")) {
            ObjectNode noTools = JSON.createObjectNode();
            noTools.put("model", "m");
            noTools.put("max_tokens", 100);
            JsonNode reply = JSON.readTree(post(server, "/v1/messages", noTools).body());
            assertThat(reply.path("content").get(0).path("text").asText()).isEqualTo("a");
            assertThat(server.requests(Kind.SIDE)).isEmpty();
        }
    }

    @Test
    void errorsHaveTheAnthropicShape() throws Exception {
        String script =
                "- error: 529\n"
                        + "- error: {status: 429, message: slow down, retry_after: 3}\n"
                        + "- error: {status: 500, retry: false}\n";
        try (ScriptedModelServer server = start(script)) {
            HttpResponse<String> overloaded = post(server, "/v1/messages", request(true));
            assertThat(overloaded.statusCode()).isEqualTo(529);
            JsonNode body = JSON.readTree(overloaded.body());
            assertThat(body.path("type").asText()).isEqualTo("error");
            assertThat(body.path("error").path("type").asText()).isEqualTo("overloaded_error");
            assertThat(body.path("error").path("message").asText()).isEqualTo("Overloaded");
            assertThat(body.path("request_id").asText()).startsWith("req_");
            assertThat(overloaded.headers().firstValue("x-should-retry")).isEmpty();

            HttpResponse<String> limited = post(server, "/v1/messages", request(true));
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(JSON.readTree(limited.body()).path("error").path("type").asText())
                    .isEqualTo("rate_limit_error");
            assertThat(limited.headers().firstValue("retry-after")).hasValue("3");

            HttpResponse<String> fatal = post(server, "/v1/messages", request(true));
            assertThat(fatal.statusCode()).isEqualTo(500);
            assertThat(fatal.headers().firstValue("x-should-retry")).hasValue("false");
        }
    }

    @Test
    void anExhaustedScriptSaysSo() throws Exception {
        try (ScriptedModelServer server = start("- text: a\n- text: b\n")) {
            post(server, "/v1/messages", request(true));
            post(server, "/v1/messages", request(true));
            HttpResponse<String> third = post(server, "/v1/messages", request(true));

            assertThat(third.statusCode()).isEqualTo(500);
            assertThat(third.headers().firstValue("x-should-retry")).hasValue("false");
            JsonNode error = JSON.readTree(third.body()).path("error");
            assertThat(error.path("type").asText()).isEqualTo("api_error");
            assertThat(error.path("message").asText())
                    .startsWith("rehearsal script exhausted after 2 turns");
            assertThat(server.requests(Kind.EXHAUSTED)).hasSize(1);
            assertThat(server.turnsServed()).isEqualTo(2);
        }
    }

    @Test
    void repeatedTurnsAreReplayedWithFreshToolIds() throws Exception {
        String script =
                "- text: twice\n  repeat: 2\n"
                        + "- tool_use: {name: Bash, input: {command: 'true'}, id: toolu_fixed}\n  repeat: 2\n"
                        + "- tool_use: {name: Bash, input: {command: 'true'}}\n  repeat: forever\n";
        try (ScriptedModelServer server = start(script)) {
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                JsonNode message =
                        JSON.readTree(post(server, "/v1/messages", request(false)).body());
                JsonNode block = message.path("content").get(0);
                texts.add(
                        block.has("text")
                                ? block.path("text").asText()
                                : block.path("id").asText());
            }
            assertThat(texts.subList(0, 4))
                    .containsExactly("twice", "twice", "toolu_fixed", "toolu_fixed_2");
            assertThat(new HashSet<>(texts.subList(4, 8)))
                    .hasSize(4)
                    .allMatch(id -> id.startsWith("toolu_rehearsal_"));
            assertThat(server.requests(Kind.EXHAUSTED)).isEmpty();
            assertThat(server.turnsServed()).isEqualTo(8);
        }
    }

    @Test
    void aStalledRequestIsAnsweredOnlyByClosing() throws Exception {
        ScriptedModelServer server = start("- stall: true\n");
        try {
            CompletableFuture<HttpResponse<String>> pending =
                    HTTP.sendAsync(
                            HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/messages"))
                                    .POST(
                                            HttpRequest.BodyPublishers.ofString(
                                                    request(true).toString()))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(server.awaitTurnRequests(1, Duration.ofSeconds(10))).isTrue();
            Thread.sleep(300);
            assertThat(pending).isNotDone();
            server.close();
            // The connection is closed without an answer.
            assertThat(pending).failsWithin(Duration.ofSeconds(10));
        } finally {
            server.close();
        }
    }

    @Test
    void answersTheOtherEndpoints() throws Exception {
        try (ScriptedModelServer server = start("- text: a\n")) {
            HttpResponse<String> count =
                    post(server, "/v1/messages/count_tokens?beta=true", request(false));
            assertThat(JSON.readTree(count.body()).path("input_tokens").asInt()).isPositive();

            HttpResponse<Void> hello =
                    HTTP.send(
                            HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/hello"))
                                    .method("HEAD", HttpRequest.BodyPublishers.noBody())
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
            assertThat(hello.statusCode()).isEqualTo(200);

            HttpResponse<String> models = get(server, "/v1/models");
            assertThat(JSON.readTree(models.body()).path("data")).isNotEmpty();

            HttpResponse<String> unknown = get(server, "/v1/files");
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(JSON.readTree(unknown.body()).path("error").path("type").asText())
                    .isEqualTo("not_found_error");

            assertThat(server.requests())
                    .extracting(RecordedRequest::kind)
                    .containsExactly(Kind.COUNT_TOKENS, Kind.OTHER, Kind.OTHER, Kind.OTHER);
            assertThat(server.turnsServed()).isZero();
        }
    }

    @Test
    void recordsBodiesAndRedactsKeys() throws Exception {
        try (ScriptedModelServer server = start("- text: a\n- text: b\n")) {
            post(server, "/v1/messages", request(false));
            ObjectNode second = request(false);
            ArrayNode messages = (ArrayNode) second.get("messages");
            messages.addObject()
                    .put("role", "assistant")
                    .putArray("content")
                    .addObject()
                    .put("type", "tool_use")
                    .put("id", "toolu_1")
                    .put("name", "Bash");
            ObjectNode result =
                    messages.addObject().put("role", "user").putArray("content").addObject();
            result.put("type", "tool_result").put("tool_use_id", "toolu_1").put("content", "ok");
            post(server, "/v1/messages", second);

            RecordedRequest recorded = server.turnRequests().get(1);
            assertThat(recorded.toolResult("toolu_1"))
                    .hasValueSatisfying(
                            r -> assertThat(r.path("content").asText()).isEqualTo("ok"));
            assertThat(recorded.conversationText()).contains("hi there");
            assertThat(recorded.headers().get("x-api-key")).containsExactly("<redacted>");
            assertThat(recorded.toString()).doesNotContain("secret-key");
            assertThat(recorded.headers().toString()).doesNotContain("secret-key");
        }
    }

    @Test
    void concurrentRequestsUseEachTurnOnce() throws Exception {
        StringBuilder script = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            script.append("- text: turn-").append(i).append('\n');
        }
        try (ScriptedModelServer server = start(script.toString())) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<String>> answers = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    answers.add(
                            pool.submit(
                                    () ->
                                            JSON.readTree(
                                                            post(
                                                                            server,
                                                                            "/v1/messages",
                                                                            request(false))
                                                                    .body())
                                                    .path("content")
                                                    .get(0)
                                                    .path("text")
                                                    .asText()));
                }
                Set<String> seen = new HashSet<>();
                for (Future<String> answer : answers) {
                    seen.add(answer.get(20, TimeUnit.SECONDS));
                }
                assertThat(seen).hasSize(40);
                assertThat(server.turnRequests())
                        .extracting(RecordedRequest::turnNumber)
                        .containsExactlyElementsOf(
                                IntStream.rangeClosed(1, 40).boxed().collect(Collectors.toList()));
            } finally {
                pool.shutdownNow();
            }
        }
    }

    // --- helpers
    // ----------------------------------------------------------------------------------

    private static ScriptedModelServer start(String yaml) throws Exception {
        return ScriptedModelServer.start(RehearsalScript.parse(yaml, "test.yaml"));
    }

    /** A conversation request as the CLI sends it: a user message and two tools. */
    private static ObjectNode request(boolean stream) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", "claude-test");
        body.put("max_tokens", 32000);
        body.put("stream", stream);
        ArrayNode messages = body.putArray("messages");
        messages.addObject()
                .put("role", "user")
                .putArray("content")
                .addObject()
                .put("type", "text")
                .put("text", "hi there");
        ArrayNode tools = body.putArray("tools");
        tools.addObject().put("name", "Bash");
        tools.addObject().put("name", "Write");
        return body;
    }

    private static HttpResponse<String> post(ScriptedModelServer server, String path, JsonNode body)
            throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                        .header("content-type", "application/json")
                        .header("x-api-key", "secret-key")
                        .timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(ScriptedModelServer server, String path)
            throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<JsonNode> sse(String body) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (String frame : body.split("\n\n")) {
            String event = null;
            String data = null;
            for (String line : frame.split("\n")) {
                if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data = line.substring(6);
                }
            }
            if (data != null) {
                JsonNode node = JSON.readTree(data);
                assertThat(node.path("type").asText()).isEqualTo(event);
                events.add(node);
            }
        }
        return events;
    }
}
