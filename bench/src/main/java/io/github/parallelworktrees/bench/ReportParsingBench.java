package io.github.parallelworktrees.bench;

import static io.github.parallelworktrees.bench.BenchSupport.check;
import static io.github.parallelworktrees.bench.BenchSupport.deleteQuietly;
import static io.github.parallelworktrees.bench.BenchSupport.options;
import static io.github.parallelworktrees.bench.BenchSupport.positive;
import static io.github.parallelworktrees.bench.BenchSupport.value;

import io.github.parallelworktrees.engine.gate.report.Counter;
import io.github.parallelworktrees.engine.gate.report.Coverage;
import io.github.parallelworktrees.engine.gate.report.Metric;
import io.github.parallelworktrees.engine.gate.report.Reports;
import io.github.parallelworktrees.engine.gate.report.TestSummary;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * How fast the gate's report readers are and whether their memory stays flat: generates a JUnit XML report of
 * about 200 MB (many test cases, some failures with long messages and stack traces, one 16 MB block of captured
 * output) and a JaCoCo XML report of about 50 MB (many packages, classes, methods, source lines), parses each with
 * {@link Reports} (1 warm-up, then 3 timed runs), and checks the figures read against the ones generated.
 *
 * <p>Peak heap is sampled every 5 ms from the {@link MemoryMXBean} during the timed runs, after a
 * {@code System.gc()}; with a large default heap that figure includes garbage not yet collected, so the proof of
 * flat memory is the second part: the same parses in a child JVM with {@code -Xmx64m}, which must succeed.
 *
 * <p>Usage: {@code java -cp ... io.github.parallelworktrees.bench.ReportParsingBench [--junit-mb N]
 * [--jacoco-mb N] [--runs N] [--heap 64m]}. Prints a last line
 * {@code RESULT junit MB/s=..., jacoco MB/s=..., peak heap MB=..., passes with -Xmx64m: yes/no}.
 */
public final class ReportParsingBench {

    private static final String CHILD = "--child";
    private static final long MB = 1024 * 1024;
    private static final int TESTS_PER_CLASS = 40;
    /** One test case in this many fails, with a message of a few hundred characters and a long stack trace. */
    private static final int FAILURE_EVERY = 97;
    private static final int SAMPLE_MILLIS = 5;

    /** Command line options. */
    record Options(long junitBytes, long jacocoBytes, int runs, String childHeap) {
    }

    /** What a generated JUnit report holds, to check the reader against. */
    record JUnitTruth(int tests, int failures, int skipped) {
    }

    private ReportParsingBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals(CHILD)) {
            child(Path.of(args[1]), Path.of(args[2]));
            return;
        }
        Optional<Options> parsed = options(args, ReportParsingBench::parse, usage());
        if (parsed.isEmpty()) {
            return;
        }
        Options options = parsed.get();
        Path temp = Files.createTempDirectory("pwt-report-bench-");
        try {
            run(options, temp);
        } catch (Exception | AssertionError e) {
            System.err.println("bench FAILED: " + e.getMessage());
            e.printStackTrace(System.err);
            System.exit(1);
        } finally {
            deleteQuietly(temp);
        }
    }

    private static void run(Options options, Path temp) throws Exception {
        Path junit = temp.resolve("TEST-huge.xml");
        Path jacoco = temp.resolve("jacoco.xml");
        long t0 = System.nanoTime();
        JUnitTruth junitTruth = writeJUnit(junit, options.junitBytes());
        Map<Metric, Counter> jacocoTruth = writeJacoco(jacoco, options.jacocoBytes());
        double junitMb = Files.size(junit) / (double) MB;
        double jacocoMb = Files.size(jacoco) / (double) MB;
        System.out.printf(Locale.ROOT, "Parallel Worktrees: report parsing benchmark (%s, %d timed runs after 1"
                + " warm-up)%n", System.getProperty("java.vm.version"), options.runs());
        System.out.printf(Locale.ROOT, "generated    %s: %.1f MB, %,d test cases, %,d failures, %,d skipped%n",
                junit.getFileName(), junitMb, junitTruth.tests(), junitTruth.failures(), junitTruth.skipped());
        System.out.printf(Locale.ROOT, "generated    %s: %.1f MB, LINE %s, INSTRUCTION %s (%.1f s for both)%n",
                jacoco.getFileName(), jacocoMb, jacocoTruth.get(Metric.LINE), jacocoTruth.get(Metric.INSTRUCTION),
                (System.nanoTime() - t0) / 1e9);

        HeapSampler sampler = new HeapSampler();
        double junitRate = timed("junit ", junitMb, options.runs(), sampler, () -> {
            TestSummary summary = Reports.readTests(List.of(junit));
            check(summary.tests() == junitTruth.tests() && summary.failures() == junitTruth.failures()
                    && summary.skipped() == junitTruth.skipped() && summary.failed().size() == 50,
                    "JUnit figures read " + summary.tests() + "/" + summary.failures() + "/" + summary.skipped()
                    + " differ from those generated " + junitTruth);
            return summary;
        });
        double jacocoRate = timed("jacoco", jacocoMb, options.runs(), sampler, () -> {
            Coverage coverage = Reports.readCoverage(List.of(jacoco));
            check(coverage.counters().equals(jacocoTruth), "JaCoCo counters read " + coverage.counters()
                    + " differ from those generated " + jacocoTruth);
            return coverage;
        });
        long heapMax = Runtime.getRuntime().maxMemory();
        System.out.printf(Locale.ROOT, "peak heap    %.1f MB used while parsing (max heap %.0f MB; includes garbage"
                + " not yet collected)%n", sampler.peak() / (double) MB, heapMax / (double) MB);

        boolean child = runChild(options.childHeap(), junit, jacoco);
        System.out.printf(Locale.ROOT, "RESULT junit MB/s=%.1f, jacoco MB/s=%.1f, peak heap MB=%.1f, passes with"
                + " -Xmx%s: %s%n", junitRate, jacocoRate, sampler.peak() / (double) MB, options.childHeap(),
                child ? "yes" : "no");
    }

    /** One warm-up and {@code runs} timed parses; prints each and returns the median rate in MB/s. */
    private static double timed(String label, double mb, int runs, HeapSampler sampler, Supplier<Object> parse)
            throws InterruptedException {
        parse.get();
        double[] seconds = new double[runs];
        for (int i = 0; i < runs; i++) {
            System.gc();
            sampler.start();
            long start = System.nanoTime();
            parse.get();
            seconds[i] = (System.nanoTime() - start) / 1e9;
            sampler.stop();
        }
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        double median = sorted[runs / 2];
        StringBuilder each = new StringBuilder();
        for (double s : seconds) {
            each.append(String.format(Locale.ROOT, " %.2f s", s));
        }
        System.out.printf(Locale.ROOT, "%s       %.1f MB/s median (runs:%s; best %.1f MB/s)%n", label, mb / median,
                each, mb / sorted[0]);
        return mb / median;
    }

    /** The same parses in a child JVM with a small heap; true when it finished and exited 0. */
    private static boolean runChild(String heap, Path junit, Path jacoco) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + heap, "-cp",
                System.getProperty("java.class.path"), ReportParsingBench.class.getName(), CHILD, junit.toString(),
                jacoco.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (var in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        boolean finished = process.waitFor(10, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly().waitFor();
        }
        boolean ok = finished && process.exitValue() == 0;
        System.out.printf(Locale.ROOT, "child -Xmx%s %s%n%s", heap, ok ? "passed:" : "FAILED (exit "
                + (finished ? process.exitValue() : "timeout") + "):", output.indent(4));
        return ok;
    }

    /** In the child JVM: parse both reports once and say what was read, and the peak heap it took. */
    private static void child(Path junit, Path jacoco) throws InterruptedException {
        HeapSampler sampler = new HeapSampler();
        System.gc();
        sampler.start();
        long start = System.nanoTime();
        TestSummary summary = Reports.readTests(List.of(junit));
        Coverage coverage = Reports.readCoverage(List.of(jacoco));
        double seconds = (System.nanoTime() - start) / 1e9;
        sampler.stop();
        System.out.printf(Locale.ROOT, "read %,d test cases (%,d failures) and LINE %s in %.1f s; peak heap %.1f MB"
                + " of %d MB%n", summary.tests(), summary.failures(), coverage.counter(Metric.LINE).orElseThrow(),
                seconds, sampler.peak() / (double) MB, Runtime.getRuntime().maxMemory() / MB);
    }

    private static JUnitTruth writeJUnit(Path file, long targetBytes) throws IOException {
        int tests = 0;
        int failures = 0;
        int skipped = 0;
        String trace = stackTrace();
        try (Writer out = writer(file)) {
            out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"bench\">\n");
            // One huge text node: the readers must stream past it, not hold it.
            out.write("<testsuite name=\"io.bench.Output\">\n<testcase classname=\"io.bench.Output\" name=\"noisy\">"
                    + "<system-out><![CDATA[");
            String noise = "INFO 2024-01-01T00:00:00 io.bench.Output - a line of captured output, repeated\n";
            for (long written = 0; written < 16 * MB; written += noise.length()) {
                out.write(noise);
            }
            out.write("]]></system-out></testcase>\n</testsuite>\n");
            tests++;
            long written = 16 * MB;
            int suite = 0;
            while (written < targetBytes) {
                StringBuilder block = new StringBuilder(64 * 1024);
                String className = "io.bench.pkg" + (suite % 300) + ".GeneratedTest" + suite;
                block.append("<testsuite name=\"").append(className).append("\" tests=\"").append(TESTS_PER_CLASS)
                        .append("\">\n");
                for (int i = 0; i < TESTS_PER_CLASS; i++) {
                    tests++;
                    block.append("  <testcase name=\"test").append(i).append("\" classname=\"").append(className)
                            .append("\" time=\"0.00").append(i % 10).append("\"");
                    if (tests % FAILURE_EVERY == 0) {
                        failures++;
                        block.append(">\n    <failure message=\"expected: &lt;").append(tests)
                                .append("&gt; but was: &lt;0&gt; ").append("x".repeat(300))
                                .append("\" type=\"org.opentest4j.AssertionFailedError\"><![CDATA[").append(trace)
                                .append("]]></failure>\n    <system-out>").append("output line\n".repeat(20))
                                .append("</system-out>\n  </testcase>\n");
                    } else if (tests % 211 == 0) {
                        skipped++;
                        block.append(">\n    <skipped message=\"disabled\"/>\n  </testcase>\n");
                    } else {
                        block.append("/>\n");
                    }
                }
                block.append("</testsuite>\n");
                out.append(block);
                written += block.length();
                suite++;
            }
            out.write("</testsuites>\n");
        }
        return new JUnitTruth(tests, failures, skipped);
    }

    private static String stackTrace() {
        StringBuilder trace = new StringBuilder("org.opentest4j.AssertionFailedError: expected: <1> but was: <0>\n");
        for (int i = 0; i < 60; i++) {
            trace.append("\tat io.bench.deep.Frame").append(i).append(".call(Frame").append(i).append(".java:")
                    .append(i + 10).append(")\n");
        }
        return trace.toString();
    }

    private static Map<Metric, Counter> writeJacoco(Path file, long targetBytes) throws IOException {
        long[] covered = new long[Metric.values().length];
        long[] missed = new long[Metric.values().length];
        try (Writer out = writer(file)) {
            // As JaCoCo writes it: its DOCTYPE, everything on one line.
            out.write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><!DOCTYPE report PUBLIC"
                    + " \"-//JACOCO//DTD Report 1.1//EN\" \"report.dtd\"><report name=\"bench\">"
                    + "<sessioninfo id=\"bench\" start=\"1\" dump=\"2\"/>");
            long written = 300;
            int pkg = 0;
            while (written < targetBytes) {
                StringBuilder block = new StringBuilder(64 * 1024);
                long[] pkgCovered = new long[covered.length];
                long[] pkgMissed = new long[missed.length];
                block.append("<package name=\"io/bench/p").append(pkg).append("\">");
                for (int c = 0; c < 20; c++) {
                    long[] classCovered = new long[covered.length];
                    long[] classMissed = new long[missed.length];
                    String name = "io/bench/p" + pkg + "/C" + c;
                    block.append("<class name=\"").append(name).append("\" sourcefilename=\"C").append(c)
                            .append(".java\">");
                    for (int m = 0; m < 8; m++) {
                        int seed = pkg * 131 + c * 17 + m;
                        long[] mc = {seed % 5 + 1, seed % 3, seed % 40 + 3, seed % 2 == 0 ? 1 : 0, 0, seed % 4 + 1};
                        long[] mm = {seed % 4, seed % 3 == 0 ? 2 : 0, seed % 20, seed % 2, 0, seed % 3};
                        block.append("<method name=\"m").append(m).append("\" desc=\"()V\" line=\"").append(m * 10)
                                .append("\">");
                        counters(block, mc, mm, false);
                        block.append("</method>");
                        add(classCovered, mc);
                        add(classMissed, mm);
                    }
                    boolean classCoveredAtAll = classCovered[Metric.METHOD.ordinal()] > 0;
                    classCovered[Metric.CLASS.ordinal()] = classCoveredAtAll ? 1 : 0;
                    classMissed[Metric.CLASS.ordinal()] = classCoveredAtAll ? 0 : 1;
                    counters(block, classCovered, classMissed, true);
                    block.append("</class>");
                    block.append("<sourcefile name=\"C").append(c).append(".java\">");
                    for (int line = 1; line <= 60; line++) {
                        block.append("<line nr=\"").append(line).append("\" mi=\"").append(line % 3).append("\" ci=\"")
                                .append(line % 5).append("\" mb=\"0\" cb=\"0\"/>");
                    }
                    counters(block, classCovered, classMissed, true);
                    block.append("</sourcefile>");
                    add(pkgCovered, classCovered);
                    add(pkgMissed, classMissed);
                }
                counters(block, pkgCovered, pkgMissed, true);
                block.append("</package>");
                add(covered, pkgCovered);
                add(missed, pkgMissed);
                out.append(block);
                written += block.length();
                pkg++;
            }
            StringBuilder totals = new StringBuilder();
            counters(totals, covered, missed, true);
            out.append(totals).append("</report>");
        }
        Map<Metric, Counter> truth = new EnumMap<>(Metric.class);
        for (Metric metric : Metric.values()) {
            if (covered[metric.ordinal()] + missed[metric.ordinal()] > 0) {
                truth.put(metric, new Counter(covered[metric.ordinal()], missed[metric.ordinal()]));
            }
        }
        return truth;
    }

    /** JaCoCo's counter order; like JaCoCo, a counter with nothing to count is left out. */
    private static void counters(StringBuilder out, long[] covered, long[] missed, boolean withClass) {
        for (Metric metric : List.of(Metric.INSTRUCTION, Metric.BRANCH, Metric.LINE, Metric.COMPLEXITY,
                Metric.METHOD, Metric.CLASS)) {
            int i = metric.ordinal();
            if ((metric != Metric.CLASS || withClass) && covered[i] + missed[i] > 0) {
                out.append("<counter type=\"").append(metric).append("\" missed=\"").append(missed[i])
                        .append("\" covered=\"").append(covered[i]).append("\"/>");
            }
        }
    }

    private static void add(long[] into, long[] values) {
        for (int i = 0; i < into.length; i++) {
            into[i] += values[i];
        }
    }

    private static Writer writer(Path file) throws IOException {
        return new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 20);
    }

    /** Samples heap used every few milliseconds while started; keeps the highest value seen. */
    private static final class HeapSampler {
        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private final AtomicLong peak = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean();
        private Thread thread;

        void start() {
            running.set(true);
            thread = new Thread(() -> {
                while (running.get()) {
                    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(SAMPLE_MILLIS);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join();
        }

        long peak() {
            return peak.get();
        }
    }

    static Options parse(String[] args) {
        long junit = 200 * MB;
        long jacoco = 50 * MB;
        int runs = 3;
        String heap = "64m";
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "-h", "--help" -> {
                    return null;
                }
                case "--junit-mb" -> junit = positive(arg, value(args, ++i, arg)) * MB;
                case "--jacoco-mb" -> jacoco = positive(arg, value(args, ++i, arg)) * MB;
                case "--runs" -> runs = positive(arg, value(args, ++i, arg));
                case "--heap" -> heap = value(args, ++i, arg);
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        if (junit < 20 * MB) {
            throw new IllegalArgumentException("--junit-mb must be at least 20 (the report holds 16 MB of output)");
        }
        return new Options(junit, jacoco, runs, heap);
    }

    private static String usage() {
        return String.join("\n",
                "usage: java -cp bench/target/classes:engine/target/classes:$(cat bench/target/bench.classpath) \\",
                "           io.github.parallelworktrees.bench.ReportParsingBench [options]",
                "  --junit-mb N    size of the generated JUnit XML report (default 200)",
                "  --jacoco-mb N   size of the generated JaCoCo XML report (default 50)",
                "  --runs N        timed runs after one warm-up (default 3); the median is reported",
                "  --heap SIZE     -Xmx of the child JVM that proves flat memory (default 64m)");
    }
}
