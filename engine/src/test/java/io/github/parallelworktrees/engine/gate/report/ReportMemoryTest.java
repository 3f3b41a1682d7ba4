package io.github.parallelworktrees.engine.gate.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Huge reports are streamed: a child JVM with a heap smaller than the report reads it. (bench's
 * ReportParsingBench does the same at 200 MB and prints the figures.)
 */
class ReportMemoryTest {

    private static final String HEAP = "-Xmx32m";

    @TempDir
    Path dir;

    @Test
    void hugeCapturedOutputInCdataIsReadWithASmallHeap() throws Exception {
        // Surefire writes a test's output as one CDATA section; the JDK's reader would hand it over whole.
        Path report = dir.resolve("TEST-noisy.xml");
        try (Writer out = Files.newBufferedWriter(report, StandardCharsets.UTF_8)) {
            out.write("<testsuite name=\"Noisy\"><testcase classname=\"Noisy\" name=\"prints\">"
                    + "<failure message=\"boom\"/><system-out><![CDATA[");
            String line = "a line of captured output that goes on and on, as test logs do\n";
            for (int i = 0; i < 48 * 1024 * 1024 / line.length(); i++) {
                out.write(line);
            }
            out.write("]]></system-out></testcase><testcase name=\"quiet\"/></testsuite>\n");
        }
        assertThat(Files.size(report)).isGreaterThan(40L * 1024 * 1024);

        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, HEAP, "-cp", System.getProperty("java.class.path"),
                ReportMemoryTest.class.getName(), report.toString()).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();

        assertThat(output).as("child JVM output").contains("tests=2 failures=1");
        assertThat(child.exitValue()).as("child JVM exit; output:%n%s", output).isZero();
    }

    /** The child JVM: reads the report it is given and prints the counts. */
    public static void main(String[] args) throws IOException {
        TestSummary summary = Reports.readTests(List.of(Path.of(args[0])));
        System.out.println("tests=" + summary.tests() + " failures=" + summary.failures());
    }
}
