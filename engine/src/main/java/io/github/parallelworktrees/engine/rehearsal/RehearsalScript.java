package io.github.parallelworktrees.engine.rehearsal;

import io.github.parallelworktrees.engine.rehearsal.LocatedYaml.ListNode;
import io.github.parallelworktrees.engine.rehearsal.LocatedYaml.MapNode;
import io.github.parallelworktrees.engine.rehearsal.LocatedYaml.Node;
import io.github.parallelworktrees.engine.rehearsal.LocatedYaml.Problem;
import io.github.parallelworktrees.engine.rehearsal.LocatedYaml.Scalar;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a scripted model answers, in order: the script of a <em>rehearsal</em>, where the real
 * Claude Code CLI runs against a {@link ScriptedModelServer} instead of the Messages API, so a plan
 * can be tried without spending tokens.
 *
 * <p>A script is an ordered list of <b>turns</b>. Each turn answers one {@code POST /v1/messages}
 * request of the conversation (side requests such as session-title generation or quota probes do
 * not use turns, see {@link ScriptedModelServer}). A turn is a model reply (text and tool calls), an
 * HTTP error, or a stall. The format, also described in {@code docs/rehearsal.md}:
 *
 * <pre>{@code
 * description: create hello.txt, then stop     # optional, ignored
 * side_requests: detect                        # optional: detect (default) or none
 * turns:
 *   # A tool call. stop_reason defaults to tool_use when the reply has a tool_use block.
 *   - tool_use:
 *       name: Write
 *       input:
 *         file_path: hello.txt
 *         content: "hello\n"
 *   # Text that ends the turn (stop_reason defaults to end_turn).
 *   - text: Done.
 *   # Text and a tool call in one reply; tool_use may also be a list (parallel tool calls).
 *   - text: Committing.
 *     tool_use: {name: Bash, input: {command: "git add -A && git commit -m x"}}
 *   # The long form: blocks in order, an explicit stop_reason, usage numbers.
 *   - content:
 *       - text: "Partial answer"
 *       - tool_use: {name: Read, input: {file_path: README.md}, id: toolu_read_1}
 *     stop_reason: max_tokens        # end_turn | tool_use | max_tokens | stop_sequence | refusal
 *     usage: {input_tokens: 1200, output_tokens: 64000,
 *             cache_creation_input_tokens: 0, cache_read_input_tokens: 0}
 *   # HTTP errors in the Anthropic error shape; the status alone picks the error type.
 *   - error: 529                       # overloaded_error
 *   - error: {status: 429, message: "rate limited", retry_after: 1}
 *   - error: {status: 500, retry: false}   # adds x-should-retry: false: the CLI gives up at once
 *   # Accept the request and never answer (until the server is closed).
 *   - stall: true
 *   # Any turn: repeat it (a number, or forever), and/or wait before answering.
 *   - tool_use: {name: Bash, input: {command: "true"}}
 *     repeat: forever                  # a model that never ends; must be the last turn
 *     delay_ms: 50
 * }</pre>
 *
 * <p>The top level may also be just the list of turns. Keys are checked: an unknown key, a wrong
 * type, a turn that is both a reply and an error, or a turn after a {@code repeat: forever} turn is
 * an error naming the script, the line and the column ({@link RehearsalScriptException}).
 *
 * <p>Defaults: {@code usage} is {@link Usage#DEFAULT} (10 input and 10 output tokens); an error's
 * {@code type} follows its status (400 invalid_request_error, 401 authentication_error, 403
 * permission_error, 404 not_found_error, 413 request_too_large, 429 rate_limit_error, 500 api_error,
 * 529 overloaded_error, other 5xx api_error) and its {@code message} follows its type; a tool_use
 * without {@code id} gets a fresh {@code toolu_rehearsal_...} id each time it is sent; {@code input}
 * defaults to an empty mapping.
 *
 * <p>Scripts can also be built in Java: {@code RehearsalScript.of(Turn.toolUse("Write",
 * Map.of(...)), Turn.text("Done."))}.
 *
 * @param source the script's name in messages (its file name, or a name given by the caller)
 * @param sideRequests whether the server sets side requests apart from the turns
 * @param turns the turns, in order
 */
public record RehearsalScript(String source, SideRequests sideRequests, List<Turn> turns) {

    /** {@link Turn#repeat()} of a turn replayed for every further request. */
    public static final int FOREVER = -1;

    public RehearsalScript {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sideRequests, "sideRequests");
        turns = List.copyOf(turns);
        for (int i = 0; i < turns.size() - 1; i++) {
            if (turns.get(i).isForever()) {
                throw new IllegalArgumentException(
                        "turn "
                                + (i + 1)
                                + " repeats forever, so the turns after it are never reached");
            }
        }
    }

    /** How the server tells side requests from the conversation's requests. */
    public enum SideRequests {
        /**
         * Requests with {@code max_tokens} of at most 1 (quota, API-key and model probes) and requests
         * that offer no tools (title and summary helpers) get a canned answer and use no turn.
         */
        DETECT,
        /** Every {@code POST /v1/messages} uses a turn. */
        NONE
    }

    /** A script of these turns, named "inline script", with side requests detected. */
    public static RehearsalScript of(Turn... turns) {
        return new RehearsalScript("inline script", SideRequests.DETECT, Arrays.asList(turns));
    }

    /** This script with another side-request policy. */
    public RehearsalScript withSideRequests(SideRequests policy) {
        return new RehearsalScript(source, policy, turns);
    }

    /** True when the last turn repeats forever, so the script never runs out. */
    public boolean endless() {
        return !turns.isEmpty() && turns.get(turns.size() - 1).isForever();
    }

    // ---------------------------------------------------------------------------------------------
    // The model

    /**
     * One scripted answer.
     *
     * @param action what the server does
     * @param repeat how many requests this turn answers (at least 1), or {@link #FOREVER}
     * @param delayMillis how long the server waits before answering
     * @param line the line of the script the turn starts on; 0 for turns built in Java
     */
    public record Turn(Action action, int repeat, long delayMillis, int line) {
        public Turn {
            Objects.requireNonNull(action, "action");
            if (repeat < 1 && repeat != FOREVER) {
                throw new IllegalArgumentException(
                        "repeat must be at least 1 or FOREVER: " + repeat);
            }
            if (delayMillis < 0) {
                throw new IllegalArgumentException(
                        "delayMillis must not be negative: " + delayMillis);
            }
        }

        /** A reply of these blocks; stop_reason tool_use if one is a tool_use, else end_turn. */
        public static Turn reply(Block... blocks) {
            return new Turn(Reply.of(Arrays.asList(blocks)), 1, 0, 0);
        }

        /** A text reply that ends the turn. */
        public static Turn text(String text) {
            return reply(new Text(text));
        }

        /** A reply that calls one tool. */
        public static Turn toolUse(String name, Map<String, ?> input) {
            return reply(ToolUse.of(name, input));
        }

        /** An HTTP error of this status with the default type and message. */
        public static Turn error(int status) {
            return new Turn(ApiError.of(status), 1, 0, 0);
        }

        /** An HTTP error. */
        public static Turn error(ApiError error) {
            return new Turn(error, 1, 0, 0);
        }

        /** A request that is never answered. */
        public static Turn stall() {
            return new Turn(new Stall(), 1, 0, 0);
        }

        /** This turn, replayed for every further request. */
        public Turn repeatForever() {
            return new Turn(action, FOREVER, delayMillis, line);
        }

        /** This turn, answering {@code n} requests. */
        public Turn times(int n) {
            return new Turn(action, n, delayMillis, line);
        }

        /** This turn, answered after a delay. */
        public Turn delayed(long millis) {
            return new Turn(action, repeat, millis, line);
        }

        /** True when {@link #repeat()} is {@link #FOREVER}. */
        public boolean isForever() {
            return repeat == FOREVER;
        }
    }

    /** What a turn does: {@link Reply}, {@link ApiError} or {@link Stall}. */
    public sealed interface Action permits Reply, ApiError, Stall {}

    /**
     * A model message.
     *
     * @param content the blocks in order
     * @param stopReason why the model stopped
     * @param usage the token numbers reported
     */
    public record Reply(List<Block> content, StopReason stopReason, Usage usage) implements Action {
        public Reply {
            content = List.copyOf(content);
            Objects.requireNonNull(stopReason, "stopReason");
            Objects.requireNonNull(usage, "usage");
            if (stopReason == StopReason.TOOL_USE && !hasToolUse(content)) {
                throw new IllegalArgumentException("stop_reason tool_use needs a tool_use block");
            }
        }

        /** The blocks with the stop reason they imply and the default usage. */
        public static Reply of(List<Block> content) {
            return new Reply(
                    content,
                    hasToolUse(content) ? StopReason.TOOL_USE : StopReason.END_TURN,
                    Usage.DEFAULT);
        }

        private static boolean hasToolUse(List<Block> content) {
            return content.stream().anyMatch(b -> b instanceof ToolUse);
        }
    }

    /** A content block of a reply. */
    public sealed interface Block permits Text, ToolUse {}

    /** A text block. */
    public record Text(String text) implements Block {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * A tool call.
     *
     * @param id the tool_use id, or null for a fresh {@code toolu_rehearsal_...} id each time it is
     *     sent
     * @param name the tool's name as the CLI offers it (Write, Edit, Bash, Read, ...)
     * @param input the tool's input: plain values (maps, lists, strings, numbers, booleans, null)
     */
    public record ToolUse(String id, String name, Map<String, Object> input) implements Block {
        @SuppressWarnings("unchecked")
        public ToolUse {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a tool_use needs a name");
            }
            if (id != null && id.isBlank()) {
                throw new IllegalArgumentException("a tool_use id must not be blank");
            }
            input = (Map<String, Object>) deepCopy(input == null ? Map.of() : input);
        }

        /** A tool call with a fresh id each time it is sent. */
        public static ToolUse of(String name, Map<String, ?> input) {
            return new ToolUse(null, name, plain(input));
        }

        @SuppressWarnings("unchecked")
        private static Map<String, Object> plain(Map<String, ?> input) {
            return (Map<String, Object>) deepCopy(input == null ? Map.of() : input);
        }
    }

    /** Why the model stopped, with the Messages API's names. */
    public enum StopReason {
        END_TURN,
        TOOL_USE,
        MAX_TOKENS,
        STOP_SEQUENCE,
        REFUSAL;

        /** The name on the wire, e.g. {@code end_turn}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static String wireNames() {
            return Arrays.stream(values())
                    .map(StopReason::wireName)
                    .collect(Collectors.joining(", "));
        }
    }

    /** Token numbers the reply reports; the CLI computes its cost from them. */
    public record Usage(
            long inputTokens,
            long outputTokens,
            long cacheCreationInputTokens,
            long cacheReadInputTokens) {
        /** 10 input and 10 output tokens, nothing cached. */
        public static final Usage DEFAULT = new Usage(10, 10, 0, 0);

        public Usage {
            if (inputTokens < 0
                    || outputTokens < 0
                    || cacheCreationInputTokens < 0
                    || cacheReadInputTokens < 0) {
                throw new IllegalArgumentException("token numbers must not be negative");
            }
        }
    }

    /**
     * An HTTP error answered in the Anthropic error shape {@code {"type":"error","error":{"type":
     * ...,"message":...},"request_id":...}}.
     *
     * @param status the HTTP status (400..599)
     * @param type the error type, e.g. {@code overloaded_error}
     * @param message the error message
     * @param retry false to add {@code x-should-retry: false}, which makes the CLI give up at once
     *     instead of retrying with backoff
     * @param retryAfterSeconds a {@code retry-after} header, or null for none
     */
    public record ApiError(
            int status, String type, String message, boolean retry, Integer retryAfterSeconds)
            implements Action {
        public ApiError {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("an error status must be 400..599: " + status);
            }
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(message, "message");
            if (retryAfterSeconds != null && retryAfterSeconds < 0) {
                throw new IllegalArgumentException("retry_after must not be negative");
            }
        }

        /** The error of this status with the default type and message, retried by the CLI. */
        public static ApiError of(int status) {
            String type = defaultType(status);
            return new ApiError(status, type, defaultMessage(type), true, null);
        }

        static String defaultType(int status) {
            switch (status) {
                case 400:
                    return "invalid_request_error";
                case 401:
                    return "authentication_error";
                case 403:
                    return "permission_error";
                case 404:
                    return "not_found_error";
                case 413:
                    return "request_too_large";
                case 429:
                    return "rate_limit_error";
                case 529:
                    return "overloaded_error";
                default:
                    return status >= 500 ? "api_error" : "invalid_request_error";
            }
        }

        static String defaultMessage(String type) {
            switch (type) {
                case "overloaded_error":
                    return "Overloaded";
                case "rate_limit_error":
                    return "Number of requests has exceeded your rate limit (rehearsal)";
                case "api_error":
                    return "Internal server error (rehearsal)";
                case "authentication_error":
                    return "invalid x-api-key (rehearsal)";
                case "permission_error":
                    return "Your API key does not have permission to use the specified resource (rehearsal)";
                case "not_found_error":
                    return "Not found (rehearsal)";
                case "request_too_large":
                    return "Request exceeds the maximum allowed number of bytes (rehearsal)";
                default:
                    return "Invalid request (rehearsal)";
            }
        }
    }

    /** Accept the request and never answer until the server is closed. */
    public record Stall() implements Action {}

    // ---------------------------------------------------------------------------------------------
    // Loading

    /** Reads a script from a YAML file; errors name the file's name and the line. */
    public static RehearsalScript load(Path file) throws IOException {
        String yaml = Files.readString(file, StandardCharsets.UTF_8);
        return parse(yaml, file.toString());
    }

    /**
     * Reads a script from YAML text.
     *
     * @param yaml the script
     * @param sourceName the name used in error messages, e.g. the file it came from
     * @throws RehearsalScriptException if the script is not valid
     */
    public static RehearsalScript parse(String yaml, String sourceName) {
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(sourceName, "sourceName");
        try {
            return new Reader(sourceName).script(LocatedYaml.read(yaml));
        } catch (Problem p) {
            throw new RehearsalScriptException(sourceName, p.line, p.column, p.getMessage());
        }
    }

    private static final Set<String> TOP_KEYS = Set.of("turns", "side_requests", "description");
    private static final Set<String> TURN_KEYS =
            Set.of(
                    "text",
                    "tool_use",
                    "content",
                    "stop_reason",
                    "usage",
                    "error",
                    "stall",
                    "repeat",
                    "delay_ms");
    private static final Set<String> REPLY_KEYS =
            Set.of("text", "tool_use", "content", "stop_reason", "usage");
    private static final Set<String> TOOL_USE_KEYS = Set.of("name", "input", "id");
    private static final Set<String> BLOCK_KEYS = Set.of("text", "tool_use");
    private static final Set<String> USAGE_KEYS =
            Set.of(
                    "input_tokens",
                    "output_tokens",
                    "cache_creation_input_tokens",
                    "cache_read_input_tokens");
    private static final Set<String> ERROR_KEYS =
            Set.of("status", "type", "message", "retry", "retry_after");

    /** Turns the located tree into the model, with errors at the right line. */
    private static final class Reader {
        private final String source;

        Reader(String source) {
            this.source = source;
        }

        RehearsalScript script(Node root) throws Problem {
            if (root == null) {
                throw new Problem(0, 0, "the script is empty: it needs a list of turns");
            }
            SideRequests side = SideRequests.DETECT;
            Node turnsNode;
            if (root instanceof ListNode) {
                turnsNode = root;
            } else if (root instanceof MapNode) {
                MapNode top = (MapNode) root;
                checkKeys(top, TOP_KEYS, "at the top of a script");
                turnsNode = top.entries().get("turns");
                if (turnsNode == null) {
                    throw new Problem(top, "the script has no 'turns' list");
                }
                Node sideNode = top.entries().get("side_requests");
                if (sideNode != null) {
                    String value = string(sideNode, "side_requests");
                    if (value.equals("detect")) {
                        side = SideRequests.DETECT;
                    } else if (value.equals("none")) {
                        side = SideRequests.NONE;
                    } else {
                        throw new Problem(
                                sideNode,
                                "side_requests must be 'detect' or 'none', not '" + value + "'");
                    }
                }
                Node description = top.entries().get("description");
                if (description != null && !(description instanceof Scalar)) {
                    throw new Problem(description, "description must be text");
                }
            } else {
                throw new Problem(
                        root,
                        "a script is a mapping with 'turns', or a list of turns, not "
                                + root.describe());
            }
            if (!(turnsNode instanceof ListNode)) {
                throw new Problem(turnsNode, "'turns' must be a list, not " + turnsNode.describe());
            }
            List<Turn> turns = new ArrayList<>();
            Turn foreverTurn = null;
            for (Node item : ((ListNode) turnsNode).items()) {
                if (foreverTurn != null) {
                    throw new Problem(
                            item,
                            "this turn is never reached: the turn at line "
                                    + foreverTurn.line()
                                    + " repeats forever");
                }
                Turn turn = turn(item, turns.size() + 1);
                turns.add(turn);
                if (turn.isForever()) {
                    foreverTurn = turn;
                }
            }
            return new RehearsalScript(source, side, turns);
        }

        private Turn turn(Node node, int number) throws Problem {
            if (!(node instanceof MapNode)) {
                throw new Problem(
                        node,
                        "turn "
                                + number
                                + " must be a mapping such as 'text: ...', 'tool_use: {...}', 'error: 529' or"
                                + " 'stall: true', not "
                                + node.describe());
            }
            MapNode map = (MapNode) node;
            checkKeys(map, TURN_KEYS, "in a turn");
            Map<String, Node> e = map.entries();
            boolean isReply = e.keySet().stream().anyMatch(REPLY_KEYS::contains);
            boolean isError = e.containsKey("error");
            boolean isStall = e.containsKey("stall");
            int kinds = (isReply ? 1 : 0) + (isError ? 1 : 0) + (isStall ? 1 : 0);
            if (kinds == 0) {
                throw new Problem(
                        map,
                        "turn "
                                + number
                                + " says neither what to reply (text, tool_use, content) nor error nor stall");
            }
            if (kinds > 1) {
                List<String> said = new ArrayList<>();
                if (isReply) {
                    said.add("a reply");
                }
                if (isError) {
                    said.add("error");
                }
                if (isStall) {
                    said.add("stall");
                }
                throw new Problem(
                        map,
                        "turn "
                                + number
                                + " mixes "
                                + String.join(" and ", said)
                                + ": a turn is one of them");
            }
            Action action;
            if (isStall) {
                Node stall = e.get("stall");
                if (!(stall instanceof Scalar && Boolean.TRUE.equals(((Scalar) stall).value()))) {
                    throw new Problem(
                            stall, "write 'stall: true' for a request that is never answered");
                }
                action = new Stall();
            } else if (isError) {
                action = error(e.get("error"));
            } else {
                action = reply(map);
            }
            int repeat = 1;
            Node repeatNode = e.get("repeat");
            if (repeatNode != null) {
                if (repeatNode instanceof Scalar
                        && "forever".equals(((Scalar) repeatNode).value())) {
                    repeat = FOREVER;
                } else {
                    long n = integer(repeatNode, "repeat", "a number of at least 1, or forever");
                    if (n < 1 || n > Integer.MAX_VALUE) {
                        throw new Problem(
                                repeatNode, "repeat must be a number of at least 1, or forever");
                    }
                    repeat = (int) n;
                }
            }
            long delay = 0;
            Node delayNode = e.get("delay_ms");
            if (delayNode != null) {
                delay = integer(delayNode, "delay_ms", "a number of milliseconds");
                if (delay < 0) {
                    throw new Problem(delayNode, "delay_ms must not be negative");
                }
            }
            return new Turn(action, repeat, delay, map.line());
        }

        private Reply reply(MapNode map) throws Problem {
            Map<String, Node> e = map.entries();
            List<Block> blocks = new ArrayList<>();
            if (e.containsKey("content")) {
                for (String other : List.of("text", "tool_use")) {
                    if (e.containsKey(other)) {
                        throw new Problem(
                                map.keys().get(other),
                                "a turn has either 'content' or '"
                                        + other
                                        + "', not both: put the "
                                        + other
                                        + " block in the content list");
                    }
                }
                Node content = e.get("content");
                if (!(content instanceof ListNode)) {
                    throw new Problem(
                            content, "content must be a list of blocks, not " + content.describe());
                }
                for (Node item : ((ListNode) content).items()) {
                    blocks.add(block(item));
                }
            } else {
                if (e.containsKey("text")) {
                    blocks.add(new Text(text(e.get("text"), "text")));
                }
                if (e.containsKey("tool_use")) {
                    Node tools = e.get("tool_use");
                    if (tools instanceof ListNode) {
                        for (Node item : ((ListNode) tools).items()) {
                            blocks.add(toolUse(item));
                        }
                    } else {
                        blocks.add(toolUse(tools));
                    }
                }
            }
            boolean hasToolUse = blocks.stream().anyMatch(b -> b instanceof ToolUse);
            StopReason stop = hasToolUse ? StopReason.TOOL_USE : StopReason.END_TURN;
            Node stopNode = e.get("stop_reason");
            if (stopNode != null) {
                String value = string(stopNode, "stop_reason");
                try {
                    stop = StopReason.valueOf(value.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException ex) {
                    throw new Problem(
                            stopNode,
                            "unknown stop_reason '"
                                    + value
                                    + "' (expected one of "
                                    + StopReason.wireNames()
                                    + ")");
                }
                if (stop == StopReason.TOOL_USE && !hasToolUse) {
                    throw new Problem(
                            stopNode, "stop_reason tool_use needs a tool_use block in the reply");
                }
            }
            Usage usage = Usage.DEFAULT;
            Node usageNode = e.get("usage");
            if (usageNode != null) {
                usage = usage(usageNode);
            }
            return new Reply(blocks, stop, usage);
        }

        private Block block(Node node) throws Problem {
            if (!(node instanceof MapNode) || ((MapNode) node).entries().size() != 1) {
                throw new Problem(
                        node,
                        "a content block is a mapping with one key: 'text: ...' or 'tool_use: {...}'");
            }
            MapNode map = (MapNode) node;
            checkKeys(map, BLOCK_KEYS, "in a content block");
            if (map.entries().containsKey("text")) {
                return new Text(text(map.entries().get("text"), "text"));
            }
            return toolUse(map.entries().get("tool_use"));
        }

        private ToolUse toolUse(Node node) throws Problem {
            if (!(node instanceof MapNode)) {
                throw new Problem(
                        node,
                        "tool_use must be a mapping with 'name' and 'input' (and optionally 'id'), not "
                                + node.describe());
            }
            MapNode map = (MapNode) node;
            checkKeys(map, TOOL_USE_KEYS, "in a tool_use");
            Node nameNode = map.entries().get("name");
            if (nameNode == null) {
                throw new Problem(map, "a tool_use needs a 'name' (e.g. Write, Edit, Bash, Read)");
            }
            String name = string(nameNode, "name");
            if (name.isBlank()) {
                throw new Problem(nameNode, "a tool_use's name must not be empty");
            }
            Map<String, Object> input = Map.of();
            Node inputNode = map.entries().get("input");
            if (inputNode != null) {
                if (inputNode instanceof Scalar && ((Scalar) inputNode).value() == null) {
                    input = Map.of();
                } else if (inputNode instanceof MapNode) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> plain =
                            (Map<String, Object>) LocatedYaml.toPlain(inputNode);
                    input = plain;
                } else {
                    throw new Problem(
                            inputNode,
                            "a tool_use's input must be a mapping, not " + inputNode.describe());
                }
            }
            String id = null;
            Node idNode = map.entries().get("id");
            if (idNode != null) {
                id = string(idNode, "id");
                if (id.isBlank()) {
                    throw new Problem(idNode, "a tool_use's id must not be empty");
                }
            }
            return new ToolUse(id, name, input);
        }

        private Usage usage(Node node) throws Problem {
            if (!(node instanceof MapNode)) {
                throw new Problem(
                        node, "usage must be a mapping of token numbers, not " + node.describe());
            }
            MapNode map = (MapNode) node;
            checkKeys(map, USAGE_KEYS, "in usage");
            Usage d = Usage.DEFAULT;
            return new Usage(
                    tokens(map, "input_tokens", d.inputTokens()),
                    tokens(map, "output_tokens", d.outputTokens()),
                    tokens(map, "cache_creation_input_tokens", d.cacheCreationInputTokens()),
                    tokens(map, "cache_read_input_tokens", d.cacheReadInputTokens()));
        }

        private long tokens(MapNode map, String key, long otherwise) throws Problem {
            Node node = map.entries().get(key);
            if (node == null) {
                return otherwise;
            }
            long n = integer(node, key, "a number of tokens");
            if (n < 0) {
                throw new Problem(node, key + " must not be negative");
            }
            return n;
        }

        private ApiError error(Node node) throws Problem {
            if (node instanceof Scalar) {
                return ApiError.of(status(node));
            }
            if (!(node instanceof MapNode)) {
                throw new Problem(
                        node,
                        "error must be a status (error: 529) or a mapping (error: {status: 429, message:"
                                + " ...}), not "
                                + node.describe());
            }
            MapNode map = (MapNode) node;
            checkKeys(map, ERROR_KEYS, "in an error");
            Node statusNode = map.entries().get("status");
            if (statusNode == null) {
                throw new Problem(map, "an error needs a 'status' (e.g. 500, 529, 429)");
            }
            int status = status(statusNode);
            String type = ApiError.defaultType(status);
            Node typeNode = map.entries().get("type");
            if (typeNode != null) {
                type = string(typeNode, "type");
            }
            String message = ApiError.defaultMessage(type);
            Node messageNode = map.entries().get("message");
            if (messageNode != null) {
                message = text(messageNode, "message");
            }
            boolean retry = true;
            Node retryNode = map.entries().get("retry");
            if (retryNode != null) {
                if (!(retryNode instanceof Scalar
                        && ((Scalar) retryNode).value() instanceof Boolean)) {
                    throw new Problem(
                            retryNode, "retry must be true or false, not " + retryNode.describe());
                }
                retry = (Boolean) ((Scalar) retryNode).value();
            }
            Integer retryAfter = null;
            Node retryAfterNode = map.entries().get("retry_after");
            if (retryAfterNode != null) {
                long seconds = integer(retryAfterNode, "retry_after", "a number of seconds");
                if (seconds < 0 || seconds > Integer.MAX_VALUE) {
                    throw new Problem(
                            retryAfterNode, "retry_after must be a number of seconds (0 or more)");
                }
                retryAfter = (int) seconds;
            }
            return new ApiError(status, type, message, retry, retryAfter);
        }

        private int status(Node node) throws Problem {
            long status = integer(node, "status", "an HTTP status such as 500, 529 or 429");
            if (status < 400 || status > 599) {
                throw new Problem(node, "an error status must be 400..599, not " + status);
            }
            return (int) status;
        }

        private void checkKeys(MapNode map, Set<String> allowed, String where) throws Problem {
            for (Map.Entry<String, Node> key : map.keys().entrySet()) {
                if (!allowed.contains(key.getKey())) {
                    throw new Problem(
                            key.getValue(),
                            "unknown key '"
                                    + key.getKey()
                                    + "' "
                                    + where
                                    + " (allowed: "
                                    + allowed.stream().sorted().collect(Collectors.joining(", "))
                                    + ")");
                }
            }
        }

        /** A string value; numbers and booleans are not accepted where a name is expected. */
        private String string(Node node, String what) throws Problem {
            if (node instanceof Scalar && ((Scalar) node).value() instanceof String) {
                return (String) ((Scalar) node).value();
            }
            throw new Problem(node, what + " must be a string, not " + node.describe());
        }

        /** Free text: any scalar, as written (so "text: 1.50" stays "1.50"). */
        private String text(Node node, String what) throws Problem {
            if (node instanceof Scalar && ((Scalar) node).value() != null) {
                Scalar s = (Scalar) node;
                return s.value() instanceof String ? (String) s.value() : s.text();
            }
            throw new Problem(node, what + " must be text, not " + node.describe());
        }

        private long integer(Node node, String what, String expected) throws Problem {
            if (node instanceof Scalar) {
                Object v = ((Scalar) node).value();
                if (v instanceof Long || v instanceof Integer) {
                    return ((Number) v).longValue();
                }
                if (v instanceof BigInteger) {
                    throw new Problem(node, what + " is too large");
                }
            }
            throw new Problem(node, what + " must be " + expected + ", not " + node.describe());
        }
    }

    /** A deep, unmodifiable copy of plain values; null values are kept. */
    static Object deepCopy(Object value) {
        if (value instanceof Map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                copy.put(String.valueOf(e.getKey()), deepCopy(e.getValue()));
            }
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List) {
            List<Object> copy = new ArrayList<>();
            for (Object item : (List<?>) value) {
                copy.add(deepCopy(item));
            }
            return Collections.unmodifiableList(copy);
        }
        return value;
    }
}
