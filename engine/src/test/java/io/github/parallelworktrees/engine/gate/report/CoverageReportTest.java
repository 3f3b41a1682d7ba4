package io.github.parallelworktrees.engine.gate.report;

import static io.github.parallelworktrees.engine.gate.report.Fixtures.path;
import static io.github.parallelworktrees.engine.gate.report.Fixtures.refusal;
import static io.github.parallelworktrees.engine.gate.report.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoverageReportTest {

    private static final String JACOCO_DOCTYPE =
            "<!DOCTYPE report PUBLIC \"-//JACOCO//DTD Report 1.1//EN\" \"report.dtd\">";

    @TempDir
    Path dir;

    @Test
    void jacocoReportLevelCountersMatchJacocosOwnCsv() {
        Coverage coverage = Reports.readCoverage(List.of(path("real/jacoco/jacoco.xml")));

        // The CSV report of the same run is the independent oracle: one row per class, summed here.
        assertThat(coverage.counter(Metric.LINE)).contains(JacocoCsv.sum(path("real/jacoco/jacoco.csv"), "LINE"));
        assertThat(coverage.counter(Metric.BRANCH))
                .contains(JacocoCsv.sum(path("real/jacoco/jacoco.csv"), "BRANCH"));
        assertThat(coverage.counters()).containsOnlyKeys(Metric.values());
        assertThat(coverage.counters()).containsEntry(Metric.INSTRUCTION, new Counter(5, 7))
                .containsEntry(Metric.LINE, new Counter(2, 2))
                .containsEntry(Metric.BRANCH, new Counter(1, 1))
                .containsEntry(Metric.METHOD, new Counter(1, 1))
                .containsEntry(Metric.CLASS, new Counter(1, 0))
                .containsEntry(Metric.COMPLEXITY, new Counter(1, 2));
    }

    @Test
    void jacocoFilesAreSummedByCountersNotByAveragingPercentages() {
        Path first = write(dir, "a/jacoco.xml", jacoco(10, 10));
        Path second = write(dir, "b/jacoco.xml", jacoco(90, 10));

        Coverage coverage = Reports.readCoverage(List.of(first, second));

        Counter lines = coverage.counter(Metric.LINE).orElseThrow();
        assertThat(lines).isEqualTo(new Counter(100, 20));
        assertThat(lines.percent().getAsDouble()).isCloseTo(83.33, offset(0.01));
        assertThat(coverage.files()).containsExactly(first, second);
    }

    @Test
    void jacocoMetricWithoutACounterIsAbsent() {
        // JaCoCo leaves out a counter with nothing to count (no branches in the code), so does the reader.
        Path report = write(dir, "jacoco.xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>%s<report name="p">
                <counter type="LINE" missed="1" covered="3"/><counter type="INSTRUCTION" missed="2" covered="8"/>
                </report>""".formatted(JACOCO_DOCTYPE));

        Coverage coverage = Reports.readCoverage(List.of(report));

        assertThat(coverage.counters()).containsOnlyKeys(Metric.LINE, Metric.INSTRUCTION);
        assertThat(coverage.counter(Metric.BRANCH)).isEmpty();
    }

    @Test
    void istanbulCoberturaMatchesIstanbulsOwnSummary() throws IOException {
        JsonNode total = new ObjectMapper().readTree(path("real/istanbul/coverage-summary.json").toFile())
                .get("total");

        Coverage coverage = Reports.readCoverage(List.of(path("real/istanbul/cobertura-coverage.xml")));

        assertThat(coverage.counters()).containsOnlyKeys(Metric.LINE, Metric.BRANCH);
        assertThat(coverage.counter(Metric.LINE)).contains(counter(total.get("lines")));
        assertThat(coverage.counter(Metric.BRANCH)).contains(counter(total.get("branches")));
    }

    @Test
    void coveragePyCoberturaMatchesCoveragePysOwnTotals() throws IOException {
        JsonNode totals = new ObjectMapper().readTree(path("real/coverage-py/coverage.json").toFile())
                .get("totals");

        Coverage coverage = Reports.readCoverage(List.of(path("real/coverage-py/coverage.xml")));

        assertThat(coverage.counter(Metric.LINE)).contains(new Counter(totals.get("covered_lines").asLong(),
                totals.get("missing_lines").asLong()));
        assertThat(coverage.counter(Metric.BRANCH)).contains(new Counter(totals.get("covered_branches").asLong(),
                totals.get("missing_branches").asLong()));
    }

    @Test
    void coberturaWithoutRootTotalsIsSummedFromClassLinesNotMethodLines() {
        // The real istanbul report with the root's totals taken out, as Cobertura 1.x wrote it: the <line>
        // elements under <methods> repeat lines and must not be counted.
        String stripped = Fixtures.read("real/istanbul/cobertura-coverage.xml")
                .replaceFirst("lines-valid=\"10\" lines-covered=\"7\"", "")
                .replaceFirst("branches-valid=\"8\" branches-covered=\"4\"", "");
        assertThat(stripped).doesNotContain("lines-valid").doesNotContain("branches-valid");
        Path report = write(dir, "cobertura-1.xml", stripped);

        Coverage coverage = Reports.readCoverage(List.of(report));

        assertThat(coverage.counter(Metric.LINE)).contains(new Counter(7, 3));
        assertThat(coverage.counter(Metric.BRANCH)).contains(new Counter(4, 4));
    }

    @Test
    void istanbulLcovHasLinesBranchesAndMethodsButNoInstructions() throws IOException {
        JsonNode total = new ObjectMapper().readTree(path("real/istanbul/coverage-summary.json").toFile())
                .get("total");

        Coverage coverage = Reports.readCoverage(List.of(path("real/istanbul/lcov.info")));

        assertThat(coverage.counters()).containsOnlyKeys(Metric.LINE, Metric.BRANCH, Metric.METHOD);
        assertThat(coverage.counter(Metric.LINE)).contains(counter(total.get("lines")));
        assertThat(coverage.counter(Metric.BRANCH)).contains(counter(total.get("branches")));
        assertThat(coverage.counter(Metric.METHOD)).contains(counter(total.get("functions")));
        assertThat(coverage.counter(Metric.INSTRUCTION)).isEmpty();
    }

    @Test
    void coveragePyLcovAgreesWithItsCobertura() {
        Coverage lcov = Reports.readCoverage(List.of(path("real/coverage-py/coverage.lcov")));
        Coverage cobertura = Reports.readCoverage(List.of(path("real/coverage-py/coverage.xml")));

        assertThat(lcov.counter(Metric.LINE)).isEqualTo(cobertura.counter(Metric.LINE));
        assertThat(lcov.counter(Metric.BRANCH)).isEqualTo(cobertura.counter(Metric.BRANCH));
        // coverage.py writes no function records
        assertThat(lcov.counter(Metric.METHOD)).isEmpty();
    }

    @Test
    void lcovDetailLinesWinOverWrongSummaries() {
        // coverage.py 6.5 wrote "LF:3 LH:4" for pytest/__main__.py; lcov itself recounts the DA lines.
        Path report = write(dir, "wrong.info", """
                TN:
                SF:main.py
                DA:1,1
                DA:2,1
                DA:4,1
                DA:5,1
                LF:3
                LH:4
                end_of_record
                """);

        assertThat(Reports.readCoverage(List.of(report)).counter(Metric.LINE)).contains(new Counter(4, 0));
    }

    @Test
    void lcovRecordWithSummariesOnlyUsesThem() {
        Path report = write(dir, "summary.info", """
                SF:a.c
                FNF:4
                FNH:3
                LF:10
                LH:6
                BRF:0
                BRH:0
                end_of_record
                SF:b.c
                FN:1,f
                FN:5,g
                FNDA:7,f
                FNDA:3,f
                FNDA:0,g
                DA:1,7
                DA:2,0
                BRDA:2,0,0,-
                BRDA:2,0,1,5
                end_of_record
                """);

        Coverage coverage = Reports.readCoverage(List.of(report));

        assertThat(coverage.counters()).containsExactlyInAnyOrderEntriesOf(Map.of(
                Metric.LINE, new Counter(6 + 1, 4 + 1),
                Metric.METHOD, new Counter(3 + 1, 1 + 1),
                Metric.BRANCH, new Counter(1, 1)));
    }

    @Test
    void lcovWithoutEndOfRecordIsTruncated() {
        Path report = write(dir, "cut.info", "TN:\nSF:a.js\nDA:1,1\nDA:2,0\n");

        ReportException e = refusal(() -> Reports.readCoverage(List.of(report)));

        assertThat(e.line()).isEqualTo(4);
        assertThat(e.getMessage()).isEqualTo(report + ":4: the record for SF:a.js (line 2) has no end_of_record:"
                + " the report looks truncated; run the coverage tool again");
    }

    @Test
    void lcovBadNumberNamesTheLine() {
        Path report = write(dir, "bad.info", "SF:a.js\nDA:1,1\nDA:2,lots\nend_of_record\n");

        ReportException e = refusal(() -> Reports.readCoverage(List.of(report)));

        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).startsWith(report + ":3: 'DA:2,lots': 'lots' is not a count of 0 or more");
    }

    @Test
    void formatsMixAndSumPerMetric() {
        Coverage coverage = Reports.readCoverage(List.of(path("real/jacoco/jacoco.xml"),
                path("real/istanbul/lcov.info"), path("real/coverage-py/coverage.xml")));

        assertThat(coverage.counter(Metric.LINE)).contains(new Counter(2 + 7 + 19, 2 + 3 + 2));
        assertThat(coverage.counter(Metric.BRANCH)).contains(new Counter(1 + 4 + 8, 1 + 4));
        // only JaCoCo has instructions: the sum is JaCoCo's alone, not diluted by zeros from the others
        assertThat(coverage.counter(Metric.INSTRUCTION)).contains(new Counter(5, 7));
        assertThat(coverage.files()).hasSize(3);
    }

    @Test
    void testReportGivenAsCoverageReportIsRefused() {
        Path junit = path("real/pytest/pytest-junit.xml");

        ReportException e = refusal(() -> Reports.readCoverage(List.of(junit)));

        assertThat(e.getMessage()).isEqualTo(junit + ":1: this is a JUnit XML test report, not a coverage report"
                + " (JaCoCo, Cobertura or LCOV); list it with the test reports, not the coverage reports");
    }

    @Test
    void noFilesIsEmptyCoverage() {
        assertThat(Reports.readCoverage(List.of())).isEqualTo(Coverage.EMPTY);
        assertThat(Coverage.EMPTY.counters()).isEmpty();
    }

    private static Counter counter(JsonNode summary) {
        long total = summary.get("total").asLong();
        long covered = summary.get("covered").asLong();
        return new Counter(covered, total - covered);
    }

    /** A JaCoCo report whose nested counters would double the totals if they were read. */
    private static String jacoco(int covered, int missed) {
        String counter = "<counter type=\"LINE\" missed=\"" + missed + "\" covered=\"" + covered + "\"/>";
        return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>" + JACOCO_DOCTYPE
                + "<report name=\"m\"><sessioninfo id=\"s\" start=\"1\" dump=\"2\"/><group name=\"g\">"
                + "<package name=\"p\"><class name=\"p/C\" sourcefilename=\"C.java\"><method name=\"m\" desc=\"()V\""
                + " line=\"1\">" + counter + "</method>" + counter + "</class><sourcefile name=\"C.java\">"
                + "<line nr=\"1\" mi=\"0\" ci=\"1\" mb=\"0\" cb=\"0\"/>" + counter + "</sourcefile>" + counter
                + "</package>" + counter + "</group>" + counter + "</report>";
    }
}
