package io.github.parallelworktrees.engine.gate.report;

import static io.github.parallelworktrees.engine.gate.report.Fixtures.path;
import static io.github.parallelworktrees.engine.gate.report.Fixtures.refusal;
import static io.github.parallelworktrees.engine.gate.report.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportSafetyTest {

    private static final String REFUSED = "DOCTYPE is not allowed in a report (external entities are refused)";

    @TempDir
    Path dir;

    private String secret;
    private Path secretFile;

    @BeforeEach
    void writeSecret() {
        secret = "TOP-SECRET-" + UUID.randomUUID();
        secretFile = write(dir, "secret.txt", secret + "\n");
    }

    @Test
    void externalEntityInATestReportIsRefusedAndNeverRead() {
        Path report = write(dir, "TEST-xxe.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE testsuite [
                  <!ENTITY xxe SYSTEM "%s">
                ]>
                <testsuite name="&xxe;"><testcase classname="C" name="m"><failure message="&xxe;">&xxe;</failure>
                </testcase></testsuite>
                """.formatted(secretFile.toUri()));

        ReportException e = refusal(() -> Reports.readTests(List.of(report)));

        assertThat(e.getMessage()).startsWith(report + ":2: " + REFUSED);
        assertThat(e.line()).isEqualTo(2);
        assertThat(everything(e)).doesNotContain(secret);
        assertThat(everything(refusal(() -> Reports.detect(report)))).contains(REFUSED).doesNotContain(secret);
    }

    @Test
    void externalEntityDressedAsJacocosDoctypeIsRefused() {
        Path report = write(dir, "jacoco.xml", "<?xml version=\"1.0\"?><!DOCTYPE report PUBLIC"
                + " \"-//JACOCO//DTD Report 1.1//EN\" \"report.dtd\" [<!ENTITY xxe SYSTEM \"" + secretFile.toUri()
                + "\">]><report name=\"&xxe;\"><counter type=\"LINE\" missed=\"0\" covered=\"1\"/></report>");

        ReportException e = refusal(() -> Reports.readCoverage(List.of(report)));

        assertThat(e.getMessage()).startsWith(report + ":1: " + REFUSED);
        assertThat(everything(e)).doesNotContain(secret);
    }

    @Test
    void externalDtdIsRefused() {
        Path dtd = write(dir, "evil.dtd", "<!ENTITY xxe SYSTEM \"" + secretFile.toUri() + "\">");
        Path report = write(dir, "TEST-dtd.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE testsuite SYSTEM \""
                + dtd.toUri() + "\">\n<testsuite><testcase name=\"&xxe;\"/></testsuite>\n");

        ReportException e = refusal(() -> Reports.readTests(List.of(report)));

        assertThat(e.getMessage()).startsWith(report + ":2: " + REFUSED);
        assertThat(everything(e)).doesNotContain(secret);
    }

    @Test
    void jacocosOwnDoctypeIsAcceptedButItsDtdIsNeverLoaded() {
        // A report.dtd planted beside the report declares the entity; were the DTD read, the name would resolve.
        write(dir, "report.dtd", "<!ENTITY xxe SYSTEM \"" + secretFile.toUri() + "\">");
        Path report = write(dir, "jacoco.xml", "<?xml version=\"1.0\"?><!DOCTYPE report PUBLIC"
                + " \"-//JACOCO//DTD Report 1.1//EN\" \"report.dtd\"><report name=\"r\">&xxe;</report>");

        ReportException e = refusal(() -> Reports.readCoverage(List.of(report)));

        assertThat(e.getMessage()).startsWith(report + ":1: malformed XML at column").contains("\"xxe\"");
        assertThat(everything(e)).doesNotContain(secret);
    }

    @Test
    void entityExpansionBombIsRefusedBeforeExpanding() {
        StringBuilder bomb = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE testsuite [\n"
                + "<!ENTITY lol \"lol\">\n");
        for (int i = 1; i < 10; i++) {
            bomb.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";")
                    .repeat(10)).append("\">\n");
        }
        Path report = write(dir, "bomb.xml", bomb.append("]>\n<testsuite name=\"&lol9;\"/>\n").toString());

        assertThat(refusal(() -> Reports.readTests(List.of(report))).getMessage()).contains(REFUSED);
    }

    @Test
    void truncatedXmlNamesTheFileAndLine() {
        String real = Fixtures.read("real/surefire/TEST-sample.GraderTest.xml");
        String cut = real.substring(0, real.indexOf("<testcase name=\"skippedOnPurpose\""));
        Path report = write(dir, "TEST-cut.xml", cut);
        int lastLine = (int) cut.lines().count();

        ReportException e = refusal(() -> Reports.readTests(List.of(report)));

        assertThat(e.file()).isEqualTo(report);
        assertThat(e.line()).isEqualTo(lastLine);
        assertThat(e.getMessage()).startsWith(report + ":" + lastLine + ": malformed XML at column ")
                .contains("the report looks truncated");
    }

    @Test
    void malformedXmlNamesTheLineOfTheMistake() {
        Path report = write(dir, "TEST-bad.xml", """
                <testsuite>
                  <testcase name="a"/>
                  <testcase name="b" time=1.0/>
                </testsuite>
                """);

        ReportException e = refusal(() -> Reports.readTests(List.of(report)));

        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).startsWith(report + ":3: malformed XML at column ");
    }

    @Test
    void unknownXmlNamesItsRootElement() {
        Path page = write(dir, "index.html", "<!-- a page -->\n<html><body>report</body></html>\n");

        ReportException e = refusal(() -> Reports.detect(page));

        assertThat(e.getMessage()).isEqualTo(page + ":2: expected a JUnit, JaCoCo, Cobertura or LCOV report;"
                + " found root element <html>");
    }

    @Test
    void unknownTextNamesWhatItStartsWith() {
        Path json = write(dir, "coverage.json", "{\"total\": {\"lines\": 3}}\n");

        assertThat(refusal(() -> Reports.detect(json)).getMessage()).isEqualTo(json + ": expected a JUnit, JaCoCo,"
                + " Cobertura or LCOV report; found text starting '{\"total\": {\"lines\": 3}}'");
    }

    @Test
    void emptyAndMissingFilesAreNamed() {
        Path empty = write(dir, "empty.xml", "");
        Path missing = dir.resolve("missing.xml");

        assertThat(refusal(() -> Reports.detect(empty)).getMessage()).endsWith("found an empty file");
        ReportException e = refusal(() -> Reports.readTests(List.of(missing)));
        assertThat(e.getMessage()).isEqualTo(missing + ": no such file; check the report path");
        assertThat(e.line()).isZero();
    }

    @Test
    void formatIsToldByContentNotByName() {
        assertThat(Reports.detect(path("real/surefire/TEST-sample.GraderTest.xml"))).isEqualTo(ReportFormat.JUNIT);
        assertThat(Reports.detect(path("real/pytest/pytest-junit.xml"))).isEqualTo(ReportFormat.JUNIT);
        assertThat(Reports.detect(path("real/jest/jest-junit.xml"))).isEqualTo(ReportFormat.JUNIT);
        assertThat(Reports.detect(path("real/jacoco/jacoco.xml"))).isEqualTo(ReportFormat.JACOCO);
        assertThat(Reports.detect(path("real/istanbul/cobertura-coverage.xml"))).isEqualTo(ReportFormat.COBERTURA);
        assertThat(Reports.detect(path("real/coverage-py/coverage.xml"))).isEqualTo(ReportFormat.COBERTURA);
        assertThat(Reports.detect(path("real/istanbul/lcov.info"))).isEqualTo(ReportFormat.LCOV);
        assertThat(Reports.detect(path("real/coverage-py/coverage.lcov"))).isEqualTo(ReportFormat.LCOV);
        Path renamed = write(dir, "results.txt", Fixtures.read("real/jacoco/jacoco.xml"));
        assertThat(Reports.detect(renamed)).isEqualTo(ReportFormat.JACOCO);
    }

    @Test
    void detectionReadsOnlyTheStartOfAFile() {
        // A root element whose end is far beyond what detection reads: the start is enough.
        Path big = write(dir, "TEST-big.xml", "<testsuite>" + "<testcase name=\"t\"/>".repeat(100_000)
                + "</testsuite>");

        assertThat(Reports.detect(big)).isEqualTo(ReportFormat.JUNIT);
        Path lateRoot = write(dir, "late.xml", "<?xml version=\"1.0\"?>\n<!--" + "x".repeat(20_000)
                + "-->\n<testsuite/>");
        assertThat(refusal(() -> Reports.detect(lateRoot)).getMessage())
                .endsWith("found no XML root element in the first 8 KB");
    }

    /** Message, causes and stack trace: every place the secret could leak to. */
    private static String everything(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
