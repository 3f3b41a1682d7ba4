package io.github.parallelworktrees.engine.gate.report;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a JUnit XML report (Surefire, Failsafe, pytest, jest-junit, nested {@code <testsuites>}) by counting its
 * {@code <testcase>} elements.
 *
 * <p>The suites' {@code tests}/{@code failures} attributes are not read: writers disagree on them (Surefire 3.5
 * with reruns wrote tests="1" for a class of 3 test cases, some tools write them on the root only, some only on
 * the suites) while every writer lists each test case once.
 *
 * <p>A test case's outcome: a {@code <failure>} makes it a failure (Surefire adds {@code <rerunFailure>} to it
 * when every rerun failed too); else an {@code <error>} makes it an error; else {@code <skipped>} makes it
 * skipped (pytest's xfail included); else it passed, and it is flaky if it carries {@code <flakyFailure>} or
 * {@code <flakyError>} (Surefire: failed, then passed on a rerun), or a {@code <rerunFailure>}/
 * {@code <rerunError>} without a final failure.
 */
final class JUnitReader implements Xml.Handler {

    /** The part of a failure message kept: the first line, abbreviated; stack traces are not needed in a gate. */
    private static final int MESSAGE_CHARS = 200;

    private final Deque<String> suites = new ArrayDeque<>();
    private final List<String> failed = new ArrayList<>();
    private int tests;
    private int failures;
    private int errors;
    private int skipped;
    private int flaky;

    private int caseDepth;
    private String caseClass;
    private String caseName;
    private boolean failure;
    private boolean error;
    private boolean skip;
    private boolean rerun;
    private FirstLine failureMessage;
    private FirstLine errorMessage;
    /** The message whose element text is being read (its message attribute was blank), else null. */
    private FirstLine capturing;
    private int captureDepth;

    private JUnitReader() {
    }

    static TestSummary read(Path file) {
        JUnitReader reader = new JUnitReader();
        Xml.scan(file, reader);
        return new TestSummary(reader.tests, reader.failures, reader.errors, reader.skipped, reader.flaky,
                reader.failed, List.of(file));
    }

    @Override
    public void start(XMLStreamReader reader, int depth) {
        String name = reader.getLocalName();
        if (caseDepth == 0) {
            if (name.equals("testsuite")) {
                suites.push(Xml.attribute(reader, "name"));
            } else if (name.equals("testcase")) {
                startCase(reader, depth);
            }
            return;
        }
        if (depth != caseDepth + 1) {
            return; // inside an outcome (a flakyFailure's stackTrace, ...): nothing more to learn
        }
        switch (name) {
            case "failure" -> {
                failure = true;
                failureMessage = message(reader, failureMessage, depth);
            }
            case "error" -> {
                error = true;
                errorMessage = message(reader, errorMessage, depth);
            }
            case "skipped" -> skip = true;
            case "flakyFailure", "flakyError", "rerunFailure", "rerunError" -> rerun = true;
            default -> {
                // system-out, system-err, properties: not part of the outcome
            }
        }
    }

    @Override
    public void end(String localName, int depth) {
        if (capturing != null && depth == captureDepth) {
            capturing = null;
        }
        if (caseDepth != 0 && depth == caseDepth) {
            endCase();
        } else if (caseDepth == 0 && localName.equals("testsuite") && !suites.isEmpty()) {
            suites.pop();
        }
    }

    @Override
    public boolean wantsText() {
        return capturing != null && !capturing.complete();
    }

    @Override
    public void text(XMLStreamReader reader) {
        capturing.append(reader.getTextCharacters(), reader.getTextStart(), reader.getTextLength());
    }

    private void startCase(XMLStreamReader reader, int depth) {
        caseDepth = depth;
        caseClass = Xml.attribute(reader, "classname").strip();
        caseName = Xml.attribute(reader, "name").strip();
        failure = false;
        error = false;
        skip = false;
        rerun = false;
        failureMessage = null;
        errorMessage = null;
        capturing = null;
    }

    private void endCase() {
        tests = Math.addExact(tests, 1);
        if (failure) {
            failures++;
            addFailed(failureMessage);
        } else if (error) {
            errors++;
            addFailed(errorMessage);
        } else if (skip) {
            skipped++;
        } else if (rerun) {
            flaky++;
        }
        caseDepth = 0;
        capturing = null;
    }

    /** The first outcome element of a kind gives the message; its attribute first, else its text (jest-junit). */
    private FirstLine message(XMLStreamReader reader, FirstLine existing, int depth) {
        if (existing != null) {
            return existing;
        }
        FirstLine message = new FirstLine();
        message.append(Xml.attribute(reader, "message"));
        if (!message.hasText()) {
            capturing = message;
            captureDepth = depth;
        }
        return message;
    }

    private void addFailed(FirstLine message) {
        if (failed.size() >= TestSummary.MAX_FAILED) {
            return;
        }
        String test = testName();
        String text = message == null || !message.hasText() ? "(no message)" : message.text();
        failed.add(test + ": " + text);
    }

    /** "Class#method"; jest-junit repeats the full name as classname, so then the name alone. */
    private String testName() {
        String owner = caseClass.isEmpty() ? suites.isEmpty() ? "" : suites.peek().strip() : caseClass;
        if (owner.isEmpty() || owner.equals(caseName)) {
            return caseName.isEmpty() ? "(unnamed test)" : caseName;
        }
        return owner + "#" + caseName;
    }

    /** Collects the first non-blank line of a message that may arrive in pieces, and no more than it needs. */
    private static final class FirstLine {
        private final StringBuilder line = new StringBuilder();
        private boolean complete;
        private boolean truncated;

        void append(String text) {
            append(text.toCharArray(), 0, text.length());
        }

        void append(char[] chars, int start, int length) {
            for (int i = start; i < start + length && !complete; i++) {
                char c = chars[i];
                if (c == '\n' || c == '\r') {
                    complete = line.length() > 0;
                } else if (line.length() == 0 && Character.isWhitespace(c)) {
                    continue; // indentation before the first word
                } else if (line.length() < MESSAGE_CHARS) {
                    line.append(c);
                } else {
                    truncated = true;
                    complete = true;
                }
            }
        }

        boolean complete() {
            return complete;
        }

        boolean hasText() {
            return line.length() > 0;
        }

        String text() {
            return line.toString().strip() + (truncated ? "…" : "");
        }
    }
}
