package io.github.parallelworktrees.cli;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A worker log's line as people read it (pwt logs, the last column of pwt watch): pwt's time stamp in local time,
 * a Claude worker's tool call as "turn 3  Bash: git commit ...". Lines a command printed itself stay as they are.
 */
final class WorkerLogLine {

    /** "[2026-01-01T10:00:00.123Z] text": how pwt stamps the lines it writes into a worker log. */
    private static final Pattern STAMPED = Pattern.compile("^\\[(\\d{4}-\\d\\d-\\d\\dT[^\\]]+Z)] (.*)$");
    /** "turn 3: Bash git commit -m x": a tool call, as the engine's reader of the Claude stream logs it. */
    private static final Pattern TOOL_CALL = Pattern.compile("^turn (\\d+): (\\S+)(?: (.*))?$");
    private static final Pattern READABLE_TOOL_CALL = Pattern.compile("^turn \\d+  \\S+");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private WorkerLogLine() {
    }

    /** The line with its time: "10:00:00  turn 3  Bash: git commit -m x". */
    static String readable(String line) {
        Matcher stamped = STAMPED.matcher(line);
        if (!stamped.matches()) {
            return line;
        }
        try {
            return TIME.format(Instant.parse(stamped.group(1)).atZone(ZoneId.systemDefault())) + "  "
                    + tool(stamped.group(2));
        } catch (DateTimeParseException e) {
            return line;
        }
    }

    /** The line without its time stamp: "turn 3  Bash: git commit -m x". */
    static String text(String line) {
        Matcher stamped = STAMPED.matcher(line);
        return stamped.matches() ? tool(stamped.group(2)) : line;
    }

    /** Whether a line {@link #text} made is a tool call. */
    static boolean isToolCall(String text) {
        return READABLE_TOOL_CALL.matcher(text).find();
    }

    private static String tool(String text) {
        Matcher call = TOOL_CALL.matcher(text);
        return call.matches() ? "turn " + call.group(1) + "  " + call.group(2) + (call.group(3) == null ? ""
                : ": " + call.group(3)) : text;
    }
}
