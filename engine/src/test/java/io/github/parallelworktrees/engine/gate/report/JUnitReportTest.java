package io.github.parallelworktrees.engine.gate.report;

import static io.github.parallelworktrees.engine.gate.report.Fixtures.path;
import static io.github.parallelworktrees.engine.gate.report.Fixtures.refusal;
import static io.github.parallelworktrees.engine.gate.report.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JUnitReportTest {

    @TempDir
    Path dir;

    @Test
    void surefireReportCountsPassedFailedAndSkippedTestCases() {
        Path report = path("real/surefire/TEST-sample.GraderTest.xml");

        TestSummary summary = Reports.readTests(List.of(report));

        assertThat(summary.tests()).isEqualTo(3);
        assertThat(summary.failures()).isEqualTo(1);
        assertThat(summary.errors()).isZero();
        assertThat(summary.skipped()).isEqualTo(1);
        assertThat(summary.flaky()).isZero();
        assertThat(summary.failed()).containsExactly(
                "sample.GraderTest#failsOnPurpose: grade of 99 ==> expected: <excellent> but was: <pass>");
        assertThat(summary.files()).containsExactly(report);
    }

    @Test
    void surefireRerunThatPassesIsFlakyNotFailed() {
        // Real Surefire output with -Dsurefire.rerunFailingTestsCount=2: two tests failed once, then passed.
        // Surefire's own tests="2" attribute is wrong here (3 test cases): the readers count <testcase> elements.
        TestSummary summary = Reports.readTests(List.of(path("real/surefire-rerun/TEST-sample.FlakyTest.xml")));

        assertThat(summary.tests()).isEqualTo(3);
        assertThat(summary.failures()).isZero();
        assertThat(summary.errors()).isZero();
        assertThat(summary.flaky()).isEqualTo(2);
        assertThat(summary.failed()).isEmpty();
    }

    @Test
    void surefireRerunThatFailsEveryTimeIsAFailure() {
        // <failure> followed by <rerunFailure> for each rerun: it never passed.
        TestSummary summary = Reports.readTests(List.of(path("real/surefire-rerun/TEST-sample.GraderTest.xml")));

        assertThat(summary.tests()).isEqualTo(3);
        assertThat(summary.failures()).isEqualTo(1);
        assertThat(summary.skipped()).isEqualTo(1);
        assertThat(summary.flaky()).isZero();
        assertThat(summary.failed()).singleElement().asString().startsWith("sample.GraderTest#failsOnPurpose: ");
    }

    @Test
    void rerunFailureWithoutAFinalFailureCountsAsFlaky() {
        Path report = write(dir, "TEST-rerun.xml", """
                <testsuite name="s" tests="1">
                  <testcase classname="a.B" name="passedOnRerun">
                    <rerunFailure message="first run failed" type="java.lang.AssertionError"/>
                  </testcase>
                  <testcase classname="a.B" name="erroredOnce">
                    <flakyError message="boom" type="java.lang.IllegalStateException">
                      <stackTrace>x</stackTrace>
                    </flakyError>
                  </testcase>
                </testsuite>
                """);

        TestSummary summary = Reports.readTests(List.of(report));

        assertThat(summary.tests()).isEqualTo(2);
        assertThat(summary.flaky()).isEqualTo(2);
        assertThat(summary.failures() + summary.errors()).isZero();
    }

    @Test
    void pytestJunitXmlCountsFailuresErrorsAndSkips() {
        // Real pytest 9 --junitxml: <testsuites> wrapping one <testsuite>; xfail is reported as <skipped>.
        TestSummary summary = Reports.readTests(List.of(path("real/pytest/pytest-junit.xml")));

        assertThat(summary.tests()).isEqualTo(5);
        assertThat(summary.failures()).isEqualTo(1);
        assertThat(summary.errors()).isEqualTo(1);
        assertThat(summary.skipped()).isEqualTo(2);
        assertThat(summary.failed()).containsExactly(
                "test_grader#test_fails_on_purpose: AssertionError: grade of 99",
                "test_grader#test_errors_in_setup: failed on setup with \"RuntimeError: fixture broken on purpose\"");
    }

    @Test
    void jestJunitSeveralSuitesAndMessagesFromElementText() {
        // Real jest-junit 16: no message attribute, the message is the element's text; classname repeats the name.
        TestSummary summary = Reports.readTests(List.of(path("real/jest/jest-junit.xml")));

        assertThat(summary.tests()).isEqualTo(6);
        assertThat(summary.failures()).isEqualTo(2);
        assertThat(summary.errors()).isZero();
        assertThat(summary.skipped()).isEqualTo(1);
        assertThat(summary.failed()).containsExactly(
                "clamp throws on purpose: TypeError: clamp exploded on purpose",
                "grade fails on purpose: Error: expect(received).toBe(expected) // Object.is equality");
    }

    @Test
    void nestedTestsuitesAreCountedOnceEach() {
        Path report = write(dir, "nested.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuites name="all" tests="99" failures="99">
                  <testsuites name="module-a">
                    <testsuite name="a.One">
                      <testcase classname="a.One" name="x"/>
                      <testcase classname="a.One" name="y"><failure message="y broke">trace</failure></testcase>
                    </testsuite>
                  </testsuites>
                  <testsuite name="outer">
                    <testsuite name="inner">
                      <testcase name="z"><error message="">

                  NullPointerException: z
                  at inner.z</error></testcase>
                    </testsuite>
                  </testsuite>
                </testsuites>
                """);

        TestSummary summary = Reports.readTests(List.of(report));

        assertThat(summary.tests()).isEqualTo(3);
        assertThat(summary.failures()).isEqualTo(1);
        assertThat(summary.errors()).isEqualTo(1);
        // no classname: the enclosing suite stands in; a blank message attribute gives way to the text
        assertThat(summary.failed()).containsExactly("a.One#y: y broke", "inner#z: NullPointerException: z");
    }

    @Test
    void totalsOnlyInAttributesCountNothing() {
        // Counting follows the test cases: a summary with no <testcase> proves no test ran.
        Path report = write(dir, "attributes-only.xml", """
                <testsuites tests="12" failures="0"><testsuite name="s" tests="12" failures="0"/></testsuites>
                """);

        TestSummary summary = Reports.readTests(List.of(report));

        assertThat(summary.tests()).isZero();
        assertThat(summary.failures()).isZero();
    }

    @Test
    void totalsOnlyInChildrenAreCounted() {
        Path report = write(dir, "children-only.xml", """
                <testsuites><testsuite><testcase name="a"/><testcase name="b"><skipped/></testcase></testsuite>
                </testsuites>
                """);

        TestSummary summary = Reports.readTests(List.of(report));

        assertThat(summary.tests()).isEqualTo(2);
        assertThat(summary.skipped()).isEqualTo(1);
    }

    @Test
    void severalReportsAreAddedUp() {
        List<Path> reports = List.of(path("real/surefire/TEST-sample.GraderTest.xml"),
                path("real/surefire-rerun/TEST-sample.FlakyTest.xml"), path("real/pytest/pytest-junit.xml"));

        TestSummary summary = Reports.readTests(reports);

        assertThat(summary.tests()).isEqualTo(3 + 3 + 5);
        assertThat(summary.failures()).isEqualTo(1 + 0 + 1);
        assertThat(summary.errors()).isEqualTo(1);
        assertThat(summary.skipped()).isEqualTo(1 + 0 + 2);
        assertThat(summary.flaky()).isEqualTo(2);
        assertThat(summary.failed()).hasSize(3);
        assertThat(summary.files()).containsExactlyElementsOf(reports);
    }

    @Test
    void failedListIsCappedAtFiftyButTheCountsAreNot() {
        StringBuilder xml = new StringBuilder("<testsuite name=\"many\">\n");
        for (int i = 0; i < 120; i++) {
            xml.append("<testcase classname=\"M\" name=\"t").append(i).append("\"><failure message=\"no ")
                    .append(i).append("\"/></testcase>\n");
        }
        Path report = write(dir, "many.xml", xml.append("</testsuite>\n").toString());

        TestSummary twice = Reports.readTests(List.of(report, report));

        assertThat(twice.failures()).isEqualTo(240);
        assertThat(twice.failed()).hasSize(50).startsWith("M#t0: no 0").endsWith("M#t49: no 49");
    }

    @Test
    void onlyTheFirstLineOfALongMessageIsKept() {
        String longLine = "x".repeat(5000);
        Path report = write(dir, "long.xml", "<testsuite><testcase classname=\"C\" name=\"m\"><failure>\n\n  "
                + longLine + "\nsecond line\n</failure></testcase></testsuite>");

        String entry = Reports.readTests(List.of(report)).failed().get(0);

        assertThat(entry).startsWith("C#m: xxx").endsWith("…").hasSizeLessThan(220).doesNotContain("second");
    }

    @Test
    void noFilesIsAnEmptySummary() {
        assertThat(Reports.readTests(List.of())).isEqualTo(TestSummary.EMPTY);
    }

    @Test
    void coverageReportGivenAsTestReportIsRefused() {
        Path jacoco = path("real/jacoco/jacoco.xml");

        ReportException e = refusal(() -> Reports.readTests(List.of(jacoco)));

        assertThat(e.file()).isEqualTo(jacoco);
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.getMessage()).isEqualTo(jacoco + ":1: this is a JaCoCo XML coverage report, not a JUnit XML"
                + " test report; list it with the coverage reports, not the test reports");
    }

    @Test
    void summariesAddUpAndKeepTheCap() {
        TestSummary a = new TestSummary(3, 1, 0, 1, 0, List.of("A#a: x"), List.of(Path.of("a.xml")));
        TestSummary b = new TestSummary(4, 0, 2, 0, 1, List.of("B#b: y", "B#c: z"), List.of(Path.of("b.xml")));

        TestSummary sum = a.plus(b);

        assertThat(sum).isEqualTo(new TestSummary(7, 1, 2, 1, 1, List.of("A#a: x", "B#b: y", "B#c: z"),
                List.of(Path.of("a.xml"), Path.of("b.xml"))));
        assertThat(TestSummary.EMPTY.plus(a)).isEqualTo(a);
    }
}
