package io.github.parallelworktrees.engine.gate.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Test results of JUnit XML reports: every {@code <testcase>} is in {@code tests}, a {@code flaky} one passed on a
 * rerun and is no failure, {@code failed} names up to 50 failures and errors as "Class#method: first line".
 */
public record TestSummary(int tests, int failures, int errors, int skipped, int flaky, List<String> failed,
        List<Path> files) {

    /** No report read. */
    public static final TestSummary EMPTY = new TestSummary(0, 0, 0, 0, 0, List.of(), List.of());

    /** The most failures {@code failed} names: a gate message lists a few, a broken build can have thousands. */
    static final int MAX_FAILED = 50;

    public TestSummary {
        if (tests < 0 || failures < 0 || errors < 0 || skipped < 0 || flaky < 0) {
            throw new IllegalArgumentException("test counts cannot be negative: tests " + tests + ", failures "
                    + failures + ", errors " + errors + ", skipped " + skipped + ", flaky " + flaky);
        }
        failed = List.copyOf(failed.size() > MAX_FAILED ? failed.subList(0, MAX_FAILED) : failed);
        files = List.copyOf(files);
    }

    /** Both summaries added up; {@code failed} keeps this one's entries first, up to the cap. */
    public TestSummary plus(TestSummary other) {
        List<String> allFailed = new ArrayList<>(failed);
        allFailed.addAll(other.failed.subList(0, Math.min(other.failed.size(), MAX_FAILED - failed.size())));
        List<Path> allFiles = new ArrayList<>(files);
        allFiles.addAll(other.files);
        return new TestSummary(Math.addExact(tests, other.tests), Math.addExact(failures, other.failures),
                Math.addExact(errors, other.errors), Math.addExact(skipped, other.skipped),
                Math.addExact(flaky, other.flaky), allFailed, allFiles);
    }
}
