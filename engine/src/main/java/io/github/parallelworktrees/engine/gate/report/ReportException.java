package io.github.parallelworktrees.engine.gate.report;

import java.nio.file.Path;

/** A report that cannot be read or a report glob that cannot be used; the message is "FILE:LINE: what is wrong". */
public final class ReportException extends RuntimeException {

    private final transient Path file;
    private final int line;

    ReportException(Path file, int line, String problem) {
        this(file, line, problem, null);
    }

    ReportException(Path file, int line, String problem, Throwable cause) {
        super(location(file, line) + ": " + problem, cause);
        this.file = file;
        this.line = Math.max(line, 0);
    }

    /** The report (or, for a glob, the directory it was matched in). */
    public Path file() {
        return file;
    }

    /** The line in {@link #file()}, 1-based; 0 when the problem has no line (a missing file, a glob). */
    public int line() {
        return line;
    }

    // "FILE" alone when the line is unknown: "FILE:0" would send a reader to a line that does not exist.
    private static String location(Path file, int line) {
        return line > 0 ? file + ":" + line : String.valueOf(file);
    }
}
