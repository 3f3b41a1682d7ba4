package io.github.parallelworktrees.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs pwt in this JVM and keeps what it printed. */
record PwtRunner(int exitCode, String out, String err) {

    static PwtRunner pwt(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Pwt.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new PwtRunner(code, out.toString(), err.toString());
    }
}
