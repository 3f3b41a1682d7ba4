package io.github.parallelworktrees.engine.rehearsal;

/**
 * A rehearsal script that cannot be used; the message names the script (file name or the name
 * given to {@link RehearsalScript#parse}) and the line and column of the problem, e.g. {@code
 * plan.rehearsal.yaml, line 12, column 7: unknown stop_reason 'done' (expected one of end_turn,
 * tool_use, max_tokens, stop_sequence, refusal)}.
 */
public final class RehearsalScriptException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final int column;
    private final String problem;

    RehearsalScriptException(String source, int line, int column, String problem) {
        super(format(source, line, column, problem));
        this.source = source;
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    private static String format(String source, int line, int column, String problem) {
        if (line <= 0) {
            return source + ": " + problem;
        }
        return source
                + ", line "
                + line
                + (column > 0 ? ", column " + column : "")
                + ": "
                + problem;
    }

    /** The script's name: its file, or the name passed to {@link RehearsalScript#parse}. */
    public String source() {
        return source;
    }

    /** 1-based line of the problem; 0 when it concerns the whole script. */
    public int line() {
        return line;
    }

    /** 1-based column of the problem; 0 when unknown. */
    public int column() {
        return column;
    }

    /** The problem without the place. */
    public String problem() {
        return problem;
    }
}
