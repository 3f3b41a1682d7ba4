package io.github.parallelworktrees.engine.rehearsal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.parallelworktrees.engine.rehearsal.RehearsalScript.ApiError;
import io.github.parallelworktrees.engine.rehearsal.RehearsalScript.Block;
import io.github.parallelworktrees.engine.rehearsal.RehearsalScript.Reply;
import io.github.parallelworktrees.engine.rehearsal.RehearsalScript.SideRequests;
import io.github.parallelworktrees.engine.rehearsal.RehearsalScript.Stall;
import io.github.parallelworktrees.engine.rehearsal.RehearsalScript.StopReason;
import io.github.parallelworktrees.engine.rehearsal.RehearsalScript.Text;
import io.github.parallelworktrees.engine.rehearsal.RehearsalScript.ToolUse;
import io.github.parallelworktrees.engine.rehearsal.RehearsalScript.Turn;
import io.github.parallelworktrees.engine.rehearsal.RehearsalScript.Usage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A stand-in for the Anthropic Messages API on {@code 127.0.0.1}, answering from a {@link
 * RehearsalScript}, so the real Claude Code CLI can run a whole headless session offline: point it
 * at {@link #baseUrl()} with {@code ANTHROPIC_BASE_URL} and any {@code ANTHROPIC_API_KEY}.
 *
 * <h2>Endpoints</h2>
 *
 * <ul>
 *   <li>{@code POST /v1/messages} (with or without {@code ?beta=true}): the conversation. Each
 *       request uses the next turn of the script: a reply is sent as a standard SSE stream
 *       (message_start, ping, content_block_start / content_block_delta (text_delta,
 *       input_json_delta) / content_block_stop per block, message_delta with stop_reason and usage,
 *       message_stop) when the body has {@code "stream": true}, else as one JSON message; an error
 *       turn is answered with its status and an Anthropic error body; a stall is never answered
 *       until {@link #close()}. When the script has run out the answer is a 500 {@code api_error}
 *       "rehearsal script exhausted after N turns" with {@code x-should-retry: false}, so the CLI
 *       stops at once and the test failure says why.
 *   <li>Side requests to {@code POST /v1/messages} use no turn (see below) and get a canned reply.
 *   <li>{@code POST /v1/messages/count_tokens}: {@code {"input_tokens": n}}, n estimated from the
 *       body's size.
 *   <li>{@code GET /v1/models} and {@code GET /v1/models/{id}}: a small model list.
 *   <li>{@code HEAD} or {@code GET /api/hello} and {@code /}: 200. The CLI (2.1.329) sends {@code
 *       HEAD /api/hello} as a connectivity probe unless {@code
 *       CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1}.
 *   <li>Anything else: 404 {@code not_found_error}, recorded as {@link Kind#OTHER}.
 * </ul>
 *
 * <h2>Side requests</h2>
 *
 * <p>Besides the conversation the CLI can send helper requests: quota and API-key probes and model
 * validation ({@code max_tokens: 1}, a one-word user message, no tools), session-title and summary
 * generation (no tools, often a JSON-schema {@code output_config.format}). With {@link
 * SideRequests#DETECT} (the default) a {@code POST /v1/messages} is a side request when
 *
 * <ol>
 *   <li>its {@code max_tokens} is at most 1, or
 *   <li>it offers no tools (no {@code tools} array, or an empty one), or
 *   <li>it carries {@code x-claude-code-auxiliary-type}, or {@code x-claude-code-request-class}
 *       {@code auxiliary} / {@code side_reply} (the CLI sends these only to Anthropic's own hosts
 *       today, but they are the most exact signal when present).
 * </ol>
 *
 * <p>The conversation's requests always offer tools (Bash, Edit, Read, Write, ...), even for a
 * prompt that uses none; the model is not used to tell them apart since {@code --model haiku} is a
 * legitimate main model. A side request is answered with the text {@value #SIDE_REPLY_TEXT}, or,
 * when it asks for JSON by a schema, with the smallest object that has the schema's required
 * properties (strings set to {@value #SIDE_REPLY_TEXT}). A CLI started with no tools at all ({@code
 * --tools ""}) needs {@link SideRequests#NONE}, where every {@code POST /v1/messages} uses a turn.
 *
 * <h2>Recording</h2>
 *
 * <p>Every request is recorded ({@link #requests()}) with its parsed JSON body, its headers (API
 * keys and authorization redacted) and what the server made of it; {@link #turnRequests()} are
 * those that used a turn, in order. The server is thread-safe: turns are used in the order the
 * requests arrive.
 */
public final class ScriptedModelServer implements AutoCloseable {

    /** The text of the canned answer to side requests. */
    public static final String SIDE_REPLY_TEXT = "rehearsal";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> SECRET_HEADERS =
            Set.of("x-api-key", "authorization", "proxy-authorization", "cookie");
    private static final int CHUNK = 40;

    /** What the server made of a request. */
    public enum Kind {
        /** A message request of the conversation, answered by a turn of the script. */
        TURN,
        /** A message request that came after the script ran out; answered with a 500. */
        EXHAUSTED,
        /** A side request (title, quota probe, ...), answered with a canned reply. */
        SIDE,
        /** {@code POST /v1/messages/count_tokens}. */
        COUNT_TOKENS,
        /** Anything else (probes, model lists, unknown endpoints). */
        OTHER
    }

    /**
     * One request as the server saw it.
     *
     * @param sequence 1-based number among all requests
     * @param method the HTTP method
     * @param path the path with its query, e.g. {@code /v1/messages?beta=true}
     * @param headers the headers, names in lower case, secrets replaced by {@code <redacted>}
     * @param body the parsed JSON body; a {@link MissingNode} when the body was empty or not JSON
     * @param kind what the server made of it
     * @param turnNumber for {@link Kind#TURN}: 1-based number among the requests that used a turn
     * @param scriptLine for {@link Kind#TURN}: the script line of the turn that answered it (0 for
     *     turns built in Java)
     * @param note why a side request was taken for one, or what was wrong with the request
     * @param toolUseIds the ids of the tool_use blocks sent in the answer
     */
    public record RecordedRequest(
            int sequence,
            String method,
            String path,
            Map<String, List<String>> headers,
            JsonNode body,
            Kind kind,
            int turnNumber,
            int scriptLine,
            String note,
            List<String> toolUseIds) {

        public RecordedRequest {
            headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
            toolUseIds = List.copyOf(toolUseIds);
        }

        /** The body's {@code model}, or "" . */
        public String model() {
            return body.path("model").asText("");
        }

        /** Whether the body asked for a stream. */
        public boolean streaming() {
            return body.path("stream").asBoolean(false);
        }

        /** The body's {@code messages} (an empty array when there are none). */
        public ArrayNode messages() {
            JsonNode messages = body.path("messages");
            return messages.isArray() ? (ArrayNode) messages : NODES.arrayNode();
        }

        /** The names of the tools the request offered. */
        public List<String> toolNames() {
            List<String> names = new ArrayList<>();
            body.path("tools").forEach(t -> names.add(t.path("name").asText()));
            return names;
        }

        /** All tool_result blocks of all user messages, in order. */
        public List<JsonNode> toolResults() {
            List<JsonNode> results = new ArrayList<>();
            for (JsonNode message : messages()) {
                if ("user".equals(message.path("role").asText())) {
                    for (JsonNode block : message.path("content")) {
                        if ("tool_result".equals(block.path("type").asText())) {
                            results.add(block);
                        }
                    }
                }
            }
            return results;
        }

        /** The tool_result for this tool_use id, if the request carries one. */
        public Optional<JsonNode> toolResult(String toolUseId) {
            return toolResults().stream()
                    .filter(r -> toolUseId.equals(r.path("tool_use_id").asText()))
                    .findFirst();
        }

        /** The request's text, tool_use and tool_result contents joined; handy for contains checks. */
        public String conversationText() {
            StringBuilder text = new StringBuilder();
            for (JsonNode message : messages()) {
                JsonNode content = message.path("content");
                if (content.isTextual()) {
                    text.append(content.asText()).append('\n');
                }
                for (JsonNode block : content) {
                    text.append(block.has("text") ? block.path("text").asText() : block.toString())
                            .append('\n');
                }
            }
            return text.toString();
        }

        @Override
        public String toString() {
            return "#"
                    + sequence
                    + " "
                    + method
                    + " "
                    + path
                    + " "
                    + kind
                    + (kind == Kind.TURN ? " turn " + turnNumber : "")
                    + (note.isEmpty() ? "" : " (" + note + ")");
        }
    }

    private final RehearsalScript script;
    private final HttpServer http;
    private final ExecutorService executor;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Object lock = new Object();
    private final List<RecordedRequest> recorded = new ArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    // Guarded by lock: where the script is.
    private int turnIndex;
    private int usedOfTurn;
    private int turnsServed;
    private int sequence;

    private ScriptedModelServer(RehearsalScript script) throws IOException {
        this.script = Objects.requireNonNull(script, "script");
        InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        this.http = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
        AtomicInteger threads = new AtomicInteger();
        ThreadFactory factory =
                r -> {
                    Thread t = new Thread(r, "rehearsal-model-server-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                };
        this.executor = Executors.newCachedThreadPool(factory);
        http.setExecutor(executor);
        http.createContext("/", this::handle);
    }

    /** Starts a server for this script on 127.0.0.1 and an ephemeral port. */
    public static ScriptedModelServer start(RehearsalScript script) throws IOException {
        ScriptedModelServer server = new ScriptedModelServer(script);
        server.http.start();
        return server;
    }

    /** E.g. {@code http://127.0.0.1:43817}: the value for {@code ANTHROPIC_BASE_URL}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    /** The script being played. */
    public RehearsalScript script() {
        return script;
    }

    /** Every request so far, in arrival order. */
    public List<RecordedRequest> requests() {
        synchronized (lock) {
            return List.copyOf(recorded);
        }
    }

    /** The requests that used a turn of the script, in order. */
    public List<RecordedRequest> turnRequests() {
        return requests().stream().filter(r -> r.kind() == Kind.TURN).collect(Collectors.toList());
    }

    /** The requests of one kind, in order. */
    public List<RecordedRequest> requests(Kind kind) {
        return requests().stream().filter(r -> r.kind() == kind).collect(Collectors.toList());
    }

    /** How many requests a turn answered so far (a repeated turn counts each time). */
    public int turnsServed() {
        synchronized (lock) {
            return turnsServed;
        }
    }

    /**
     * Waits until at least {@code n} requests used a turn (for stall tests, e.g. to know that the CLI
     * is now waiting); false on time-out.
     */
    public boolean awaitTurnRequests(int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (turnsServed < n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return true;
        }
    }

    /** Stops the server; stalled requests are let go (their connections are closed). */
    @Override
    public void close() {
        closed.countDown();
        http.stop(0);
        executor.shutdownNow();
    }

    // ---------------------------------------------------------------------------------------------
    // Dispatch

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String path = exchange.getRequestURI().getPath();
            String raw = exchange.getRequestURI().getRawQuery();
            String pathAndQuery = raw == null ? path : path + "?" + raw;
            byte[] bytes = readAll(exchange.getRequestBody());
            JsonNode body = parse(bytes);
            if (path.equals("/v1/messages") && method.equals("POST")) {
                messages(exchange, pathAndQuery, body);
            } else if (path.equals("/v1/messages/count_tokens") && method.equals("POST")) {
                record(exchange, method, pathAndQuery, body, Kind.COUNT_TOKENS, "", List.of());
                ObjectNode count = NODES.objectNode();
                count.put("input_tokens", Math.max(1, bytes.length / 4));
                sendJson(exchange, 200, count, Map.of());
            } else if (path.equals("/v1/models") && method.equals("GET")) {
                record(exchange, method, pathAndQuery, body, Kind.OTHER, "model list", List.of());
                ObjectNode list = NODES.objectNode();
                ArrayNode data = list.putArray("data");
                for (String id :
                        List.of("claude-sonnet-4-5", "claude-opus-4-1", "claude-haiku-4-5")) {
                    data.add(modelInfo(id));
                }
                list.put("has_more", false);
                list.put("first_id", data.get(0).path("id").asText());
                list.put("last_id", data.get(data.size() - 1).path("id").asText());
                sendJson(exchange, 200, list, Map.of());
            } else if (path.startsWith("/v1/models/") && method.equals("GET")) {
                record(exchange, method, pathAndQuery, body, Kind.OTHER, "model info", List.of());
                sendJson(
                        exchange, 200, modelInfo(path.substring("/v1/models/".length())), Map.of());
            } else if ((path.equals("/api/hello") || path.equals("/"))
                    && (method.equals("HEAD") || method.equals("GET"))) {
                record(exchange, method, pathAndQuery, body, Kind.OTHER, "probe", List.of());
                if (method.equals("HEAD")) {
                    exchange.sendResponseHeaders(200, -1);
                } else {
                    ObjectNode hello = NODES.objectNode();
                    hello.put("message", "hello from the rehearsal model server");
                    sendJson(exchange, 200, hello, Map.of());
                }
            } else if (path.equals("/v1/messages")) {
                record(exchange, method, pathAndQuery, body, Kind.OTHER, "wrong method", List.of());
                sendError(
                        exchange,
                        new ApiError(
                                405,
                                "invalid_request_error",
                                "use POST /v1/messages",
                                false,
                                null));
            } else {
                record(
                        exchange,
                        method,
                        pathAndQuery,
                        body,
                        Kind.OTHER,
                        "no such endpoint",
                        List.of());
                sendError(
                        exchange,
                        new ApiError(
                                404,
                                "not_found_error",
                                "the rehearsal model server has no " + method + " " + path,
                                false,
                                null));
            }
        } catch (IOException | UncheckedIOException e) {
            // The client went away (e.g. the CLI was killed): nothing to answer.
        } finally {
            exchange.close();
        }
    }

    private void messages(HttpExchange exchange, String pathAndQuery, JsonNode body)
            throws IOException {
        if (!body.isObject()) {
            record(
                    exchange,
                    "POST",
                    pathAndQuery,
                    body,
                    Kind.OTHER,
                    "body is not a JSON object",
                    List.of());
            sendError(
                    exchange,
                    new ApiError(
                            400,
                            "invalid_request_error",
                            "the body is not a JSON object",
                            false,
                            null));
            return;
        }
        String sideReason =
                script.sideRequests() == SideRequests.DETECT
                        ? sideRequestReason(body, exchange.getRequestHeaders()).orElse(null)
                        : null;
        if (sideReason != null) {
            record(exchange, "POST", pathAndQuery, body, Kind.SIDE, sideReason, List.of());
            sendReply(exchange, body, sideReply(body), List.of());
            return;
        }
        // Take the next turn and record the request under one lock, so the record's order is the
        // order in which turns were used.
        Turn turn;
        List<String> toolIds;
        int served;
        synchronized (lock) {
            turn = nextTurn();
            served = turnsServed;
            if (turn == null) {
                recordLocked(
                        exchange,
                        "POST",
                        pathAndQuery,
                        body,
                        Kind.EXHAUSTED,
                        0,
                        0,
                        "script exhausted after " + served + " turns",
                        List.of());
                toolIds = List.of();
            } else {
                turnsServed++;
                toolIds = toolUseIds(turn);
                recordLocked(
                        exchange,
                        "POST",
                        pathAndQuery,
                        body,
                        Kind.TURN,
                        turnsServed,
                        turn.line(),
                        "",
                        toolIds);
                lock.notifyAll();
            }
        }
        if (turn == null) {
            sendError(
                    exchange,
                    new ApiError(
                            500,
                            "api_error",
                            "rehearsal script exhausted after "
                                    + served
                                    + " turns ("
                                    + script.source()
                                    + " has no turn for this request)",
                            false,
                            null));
            return;
        }
        if (turn.delayMillis() > 0) {
            try {
                if (closed.await(turn.delayMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (turn.action() instanceof Reply) {
            sendReply(exchange, body, (Reply) turn.action(), toolIds);
        } else if (turn.action() instanceof ApiError) {
            sendError(exchange, (ApiError) turn.action());
        } else if (turn.action() instanceof Stall) {
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The turn for the next conversation request, or null when the script has run out. */
    private Turn nextTurn() {
        List<Turn> turns = script.turns();
        while (turnIndex < turns.size()) {
            Turn turn = turns.get(turnIndex);
            if (turn.isForever() || usedOfTurn < turn.repeat()) {
                usedOfTurn++;
                return turn;
            }
            turnIndex++;
            usedOfTurn = 0;
        }
        return null;
    }

    private List<String> toolUseIds(Turn turn) {
        if (!(turn.action() instanceof Reply)) {
            return List.of();
        }
        List<String> result = new ArrayList<>();
        for (Block block : ((Reply) turn.action()).content()) {
            if (block instanceof ToolUse) {
                ToolUse use = (ToolUse) block;
                String id;
                if (use.id() == null) {
                    id = String.format(Locale.ROOT, "toolu_rehearsal_%04d", ids.incrementAndGet());
                } else if (usedOfTurn <= 1) {
                    id = use.id();
                } else {
                    id = use.id() + "_" + usedOfTurn;
                }
                result.add(id);
            }
        }
        return result;
    }

    /**
     * Why a {@code POST /v1/messages} body is a side request rather than a turn of the conversation,
     * or empty if it is a turn. See the class comment for the rules.
     */
    public static Optional<String> sideRequestReason(JsonNode body, Headers headers) {
        if (headers != null) {
            String auxiliary = headers.getFirst("x-claude-code-auxiliary-type");
            if (auxiliary != null) {
                return Optional.of("x-claude-code-auxiliary-type: " + auxiliary);
            }
            String requestClass = headers.getFirst("x-claude-code-request-class");
            if ("auxiliary".equals(requestClass) || "side_reply".equals(requestClass)) {
                return Optional.of("x-claude-code-request-class: " + requestClass);
            }
        }
        JsonNode maxTokens = body.path("max_tokens");
        if (maxTokens.isNumber() && maxTokens.asLong() <= 1) {
            return Optional.of("max_tokens " + maxTokens.asLong() + ": a probe");
        }
        JsonNode tools = body.path("tools");
        if (!tools.isArray() || tools.isEmpty()) {
            return Optional.of("offers no tools: a helper request");
        }
        return Optional.empty();
    }

    private static Reply sideReply(JsonNode body) {
        JsonNode schema = body.path("output_config").path("format");
        if (schema.isMissingNode()) {
            schema = body.path("output_format");
        }
        String text = SIDE_REPLY_TEXT;
        if ("json_schema".equals(schema.path("type").asText())) {
            text = minimalJson(schema.path("schema")).toString();
        }
        boolean probe = body.path("max_tokens").isNumber() && body.path("max_tokens").asLong() <= 1;
        return new Reply(
                List.of(new Text(probe ? "ok" : text)),
                probe ? StopReason.MAX_TOKENS : StopReason.END_TURN,
                new Usage(10, 1, 0, 0));
    }

    /** The smallest value of a JSON schema: required properties only, strings "rehearsal". */
    private static JsonNode minimalJson(JsonNode schema) {
        String type = schema.path("type").asText("object");
        switch (type) {
            case "object":
                {
                    ObjectNode object = NODES.objectNode();
                    for (JsonNode name : schema.path("required")) {
                        object.set(
                                name.asText(),
                                minimalJson(schema.path("properties").path(name.asText())));
                    }
                    return object;
                }
            case "array":
                return NODES.arrayNode();
            case "integer":
            case "number":
                return NODES.numberNode(0);
            case "boolean":
                return NODES.booleanNode(false);
            case "null":
                return NODES.nullNode();
            default:
                JsonNode values = schema.path("enum");
                return values.isArray() && !values.isEmpty()
                        ? values.get(0)
                        : NODES.textNode(SIDE_REPLY_TEXT);
        }
    }

    private static ObjectNode modelInfo(String id) {
        ObjectNode model = NODES.objectNode();
        model.put("type", "model");
        model.put("id", id);
        model.put("display_name", id);
        model.put("created_at", "2025-01-01T00:00:00Z");
        return model;
    }

    // ---------------------------------------------------------------------------------------------
    // Answers

    private void sendReply(
            HttpExchange exchange, JsonNode request, Reply reply, List<String> toolIds)
            throws IOException {
        String messageId = String.format(Locale.ROOT, "msg_rehearsal_%04d", ids.incrementAndGet());
        String model = request.path("model").asText("claude-rehearsal");
        Headers out = exchange.getResponseHeaders();
        out.set("request-id", "req_rehearsal_" + messageId.substring("msg_rehearsal_".length()));
        if (!request.path("stream").asBoolean(false)) {
            ObjectNode message = message(messageId, model, reply.usage());
            ArrayNode content = message.putArray("content");
            int tool = 0;
            for (Block block : reply.content()) {
                if (block instanceof Text) {
                    content.add(textBlock(((Text) block).text()));
                } else {
                    ToolUse use = (ToolUse) block;
                    ObjectNode b = toolBlock(toolIds.get(tool++), use.name());
                    b.set("input", JSON.valueToTree(use.input()));
                    content.add(b);
                }
            }
            message.put("stop_reason", reply.stopReason().wireName());
            sendJson(exchange, 200, message, Map.of());
            return;
        }
        out.set("Content-Type", "text/event-stream; charset=utf-8");
        out.set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        OutputStream stream = exchange.getResponseBody();
        ObjectNode start = NODES.objectNode();
        start.put("type", "message_start");
        ObjectNode message = message(messageId, model, reply.usage());
        message.putArray("content");
        ((ObjectNode) message.get("usage")).put("output_tokens", 1);
        start.set("message", message);
        event(stream, "message_start", start);
        ObjectNode ping = NODES.objectNode();
        ping.put("type", "ping");
        event(stream, "ping", ping);
        int index = 0;
        int tool = 0;
        for (Block block : reply.content()) {
            ObjectNode blockStart = NODES.objectNode();
            blockStart.put("type", "content_block_start");
            blockStart.put("index", index);
            String deltaType;
            String field;
            String whole;
            if (block instanceof Text) {
                blockStart.set("content_block", textBlock(""));
                deltaType = "text_delta";
                field = "text";
                whole = ((Text) block).text();
            } else {
                ToolUse use = (ToolUse) block;
                ObjectNode b = toolBlock(toolIds.get(tool++), use.name());
                b.putObject("input");
                blockStart.set("content_block", b);
                deltaType = "input_json_delta";
                field = "partial_json";
                whole = JSON.writeValueAsString(use.input());
            }
            event(stream, "content_block_start", blockStart);
            for (String piece : chunks(whole)) {
                ObjectNode delta = NODES.objectNode();
                delta.put("type", "content_block_delta");
                delta.put("index", index);
                ObjectNode d = delta.putObject("delta");
                d.put("type", deltaType);
                d.put(field, piece);
                event(stream, "content_block_delta", delta);
            }
            ObjectNode blockStop = NODES.objectNode();
            blockStop.put("type", "content_block_stop");
            blockStop.put("index", index);
            event(stream, "content_block_stop", blockStop);
            index++;
        }
        ObjectNode messageDelta = NODES.objectNode();
        messageDelta.put("type", "message_delta");
        ObjectNode delta = messageDelta.putObject("delta");
        delta.put("stop_reason", reply.stopReason().wireName());
        delta.putNull("stop_sequence");
        messageDelta.set("usage", usage(reply.usage()));
        event(stream, "message_delta", messageDelta);
        ObjectNode stop = NODES.objectNode();
        stop.put("type", "message_stop");
        event(stream, "message_stop", stop);
        stream.close();
    }

    private static ObjectNode message(String id, String model, Usage usage) {
        ObjectNode message = NODES.objectNode();
        message.put("id", id);
        message.put("type", "message");
        message.put("role", "assistant");
        message.put("model", model);
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        message.set("usage", usage(usage));
        return message;
    }

    private static ObjectNode usage(Usage usage) {
        ObjectNode node = NODES.objectNode();
        node.put("input_tokens", usage.inputTokens());
        node.put("cache_creation_input_tokens", usage.cacheCreationInputTokens());
        node.put("cache_read_input_tokens", usage.cacheReadInputTokens());
        node.put("output_tokens", usage.outputTokens());
        return node;
    }

    private static ObjectNode textBlock(String text) {
        ObjectNode block = NODES.objectNode();
        block.put("type", "text");
        block.put("text", text);
        return block;
    }

    private static ObjectNode toolBlock(String id, String name) {
        ObjectNode block = NODES.objectNode();
        block.put("type", "tool_use");
        block.put("id", id);
        block.put("name", name);
        return block;
    }

    /** The text in pieces of about {@value #CHUNK} characters, never splitting a surrogate pair. */
    private static List<String> chunks(String whole) {
        if (whole.isEmpty()) {
            return List.of();
        }
        List<String> pieces = new ArrayList<>();
        int start = 0;
        while (start < whole.length()) {
            int end = Math.min(whole.length(), start + CHUNK);
            if (end < whole.length() && Character.isHighSurrogate(whole.charAt(end - 1))) {
                end++;
            }
            pieces.add(whole.substring(start, end));
            start = end;
        }
        return pieces;
    }

    private static void event(OutputStream stream, String name, JsonNode data) throws IOException {
        String text = "event: " + name + "\ndata: " + JSON.writeValueAsString(data) + "\n\n";
        stream.write(text.getBytes(StandardCharsets.UTF_8));
        stream.flush();
    }

    private void sendError(HttpExchange exchange, ApiError error) throws IOException {
        ObjectNode body = NODES.objectNode();
        body.put("type", "error");
        ObjectNode inner = body.putObject("error");
        inner.put("type", error.type());
        inner.put("message", error.message());
        String requestId = "req_rehearsal_err_" + ids.incrementAndGet();
        body.put("request_id", requestId);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("request-id", requestId);
        if (!error.retry()) {
            headers.put("x-should-retry", "false");
        }
        if (error.retryAfterSeconds() != null) {
            headers.put("retry-after", String.valueOf(error.retryAfterSeconds()));
        }
        sendJson(exchange, error.status(), body, headers);
    }

    private static void sendJson(
            HttpExchange exchange, int status, JsonNode body, Map<String, String> headers)
            throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        Headers out = exchange.getResponseHeaders();
        headers.forEach(out::set);
        out.set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream stream = exchange.getResponseBody()) {
            stream.write(bytes);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Recording

    private void record(
            HttpExchange exchange,
            String method,
            String path,
            JsonNode body,
            Kind kind,
            String note,
            List<String> toolIds) {
        synchronized (lock) {
            recordLocked(exchange, method, path, body, kind, 0, 0, note, toolIds);
        }
    }

    private void recordLocked(
            HttpExchange exchange,
            String method,
            String path,
            JsonNode body,
            Kind kind,
            int turnNumber,
            int scriptLine,
            String note,
            List<String> toolIds) {
        sequence++;
        recorded.add(
                new RecordedRequest(
                        sequence,
                        method,
                        path,
                        redacted(exchange.getRequestHeaders()),
                        body,
                        kind,
                        turnNumber,
                        scriptLine,
                        note,
                        toolIds));
    }

    private static Map<String, List<String>> redacted(Headers headers) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        headers.forEach(
                (name, values) -> {
                    String key = name.toLowerCase(Locale.ROOT);
                    result.put(
                            key,
                            SECRET_HEADERS.contains(key)
                                    ? values.stream()
                                            .map(v -> "<redacted>")
                                            .collect(Collectors.toList())
                                    : List.copyOf(values));
                });
        return result;
    }

    private static JsonNode parse(byte[] bytes) {
        if (bytes.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            JsonNode node = JSON.readTree(bytes);
            return node == null ? MissingNode.getInstance() : node;
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }
}
