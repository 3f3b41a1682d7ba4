package io.github.parallelworktrees.engine.gate.report;

import java.nio.file.Path;
import java.util.List;

/** Finds and reads test and coverage reports (JUnit XML, JaCoCo XML, Cobertura XML, LCOV), told apart by content. */
public final class Reports {

    // Every reader streams (StAX for XML, line by line for LCOV) so memory stays flat however large the report;
    // XML is read with no DTD and no external entity, and a DOCTYPE other than JaCoCo's or Cobertura's own is
    // refused. Every problem is a ReportException naming the file and, where known, the line.

    private Reports() {
    }

    /** The format of {@code file}, from its first few KB; a file of no known format is a {@link ReportException}. */
    public static ReportFormat detect(Path file) {
        return FormatDetector.detect(file).format();
    }

    /** The JUnit XML reports {@code files}, read and added up; a coverage report among them is an error. */
    public static TestSummary readTests(List<Path> files) {
        TestSummary summary = TestSummary.EMPTY;
        for (Path file : files) {
            FormatDetector.Detected detected = FormatDetector.detect(file);
            if (detected.format() != ReportFormat.JUNIT) {
                throw new ReportException(file, detected.line(), "this is " + detected.format().description()
                        + ", not a JUnit XML test report; list it with the coverage reports, not the test reports");
            }
            summary = summary.plus(JUnitReader.read(file));
        }
        return summary;
    }

    /**
     * The coverage reports {@code files} (JaCoCo, Cobertura, LCOV, mixed as needed), read and summed counter by
     * counter; a JUnit report among them is an error.
     */
    public static Coverage readCoverage(List<Path> files) {
        Coverage coverage = Coverage.EMPTY;
        for (Path file : files) {
            FormatDetector.Detected detected = FormatDetector.detect(file);
            Coverage read = switch (detected.format()) {
                case JACOCO -> JacocoReader.read(file);
                case COBERTURA -> CoberturaReader.read(file);
                case LCOV -> LcovReader.read(file);
                case JUNIT -> throw new ReportException(file, detected.line(), "this is "
                        + detected.format().description() + ", not a coverage report (JaCoCo, Cobertura or LCOV);"
                        + " list it with the test reports, not the coverage reports");
            };
            coverage = coverage.plus(read);
        }
        return coverage;
    }

    /**
     * The regular files under {@code dir} that the Ant-style {@code antGlob} matches ({@code **}{@code /*.info},
     * {@code target/site/jacoco/jacoco.xml}), sorted; {@code .git} is skipped and links are not followed. A glob
     * that matches nothing gives an empty list; an absolute glob or one with {@code ..} is refused.
     */
    public static List<Path> glob(Path dir, String antGlob) {
        return AntGlob.glob(dir, antGlob);
    }
}
