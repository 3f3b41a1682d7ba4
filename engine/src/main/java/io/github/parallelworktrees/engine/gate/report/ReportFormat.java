package io.github.parallelworktrees.engine.gate.report;

/** The report formats the readers understand, recognised by content rather than by file name. */
public enum ReportFormat {
    JUNIT("a JUnit XML test report"),
    JACOCO("a JaCoCo XML coverage report"),
    COBERTURA("a Cobertura XML coverage report"),
    LCOV("an LCOV coverage report");

    private final String description;

    ReportFormat(String description) {
        this.description = description;
    }

    /** "a JaCoCo XML coverage report": for messages. */
    String description() {
        return description;
    }

    boolean isCoverage() {
        return this != JUNIT;
    }
}
