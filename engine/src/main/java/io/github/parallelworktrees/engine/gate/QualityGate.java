package io.github.parallelworktrees.engine.gate;

import io.github.parallelworktrees.engine.gate.report.Counter;
import io.github.parallelworktrees.engine.gate.report.Coverage;
import io.github.parallelworktrees.engine.gate.report.Metric;
import io.github.parallelworktrees.engine.gate.report.ReportException;
import io.github.parallelworktrees.engine.gate.report.Reports;
import io.github.parallelworktrees.engine.gate.report.TestSummary;
import io.github.parallelworktrees.engine.process.Environment;
import io.github.parallelworktrees.engine.process.LoggedCommand;
import io.github.parallelworktrees.engine.process.ProcessResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Runs a gate in a directory: its commands first (they usually produce the reports), then the test and
 * coverage gates on the reports the globs find.
 */
public final class QualityGate {

    private final Environment env;
    private final Duration commandTimeout;
    private final java.util.function.Consumer<ProcessHandle> onStart;

    /**
     * @param env the whole environment of command gates
     * @param commandTimeout how long one command gate may run before its process tree is stopped
     */
    public QualityGate(Environment env, Duration commandTimeout) {
        this(env, commandTimeout, p -> { });
    }

    /**
     * @param onStart told of each command's process as it starts, so that a caller can record it and stop it if
     *     this process dies first
     */
    public QualityGate(Environment env, Duration commandTimeout,
            java.util.function.Consumer<ProcessHandle> onStart) {
        this.env = env;
        this.commandTimeout = commandTimeout;
        this.onStart = onStart;
    }

    /**
     * Evaluates {@code spec} in {@code dir}; command output goes to {@code outputDir}.
     *
     * @throws GateException for input errors: a missing directory, a glob that matches nothing (without
     *     allowEmpty), an unreadable or malformed report
     */
    public Verdict evaluate(GateSpec spec, Path dir, Path outputDir) throws InterruptedException {
        if (!Files.isDirectory(dir)) {
            throw new GateException("gate directory " + dir + " does not exist");
        }
        List<GateResult> results = new ArrayList<>();
        boolean commandFailed = false;
        int n = 0;
        for (Gate gate : spec.gates()) {
            if (gate instanceof Gate.Command command) {
                GateResult result = runCommand(command, dir, outputDir.resolve("gate-command-" + ++n + ".log"));
                commandFailed |= result.status() != GateStatus.PASSED;
                results.add(result);
            }
        }
        // after a failed command its reports may be missing: that is the command's failure, not an input error
        boolean allowEmpty = spec.allowEmpty() || commandFailed;
        Optional<TestSummary> tests = read(spec.junit(), dir, allowEmpty, "--junit", Reports::readTests);
        Optional<Coverage> coverage = read(spec.coverage(), dir, allowEmpty, "--coverage", Reports::readCoverage);
        Optional<Coverage> baseline = spec.baseline().map(b -> readBaseline(dir, b));
        for (Gate gate : spec.gates()) {
            if (gate instanceof Gate.Command) {
                continue;
            }
            results.add(judge(gate, tests, coverage, baseline));
        }
        GateStatus status = results.stream().map(GateResult::status).reduce(GateStatus.INACTIVE, GateStatus::worst);
        return new Verdict(status, results, tests, coverage, dir.toString(), Instant.now());
    }

    private GateResult runCommand(Gate.Command gate, Path dir, Path log) throws InterruptedException {
        try {
            Files.deleteIfExists(log);
            ProcessResult result = LoggedCommand.run(gate.command(), dir, env, log, commandTimeout, onStart);
            String measured = result.timedOut() ? "timed out" : "exit " + result.exitCode();
            if (result.succeeded()) {
                return new GateResult(gate.name(), gate.criticality(), GateStatus.PASSED, measured, "exit 0",
                        gate.name() + " passed", Optional.of(log.toString()));
            }
            String why = result.timedOut() ? "timed out after " + LoggedCommand.describe(commandTimeout)
                    : "exited with " + result.exitCode();
            return new GateResult(gate.name(), gate.criticality(), gate.criticality().whenFailed(), measured,
                    "exit 0", gate.name() + " " + why + " (output: " + log + ")", Optional.of(log.toString()));
        } catch (IOException e) {
            throw new GateException("cannot run gate command '" + gate.command() + "' in " + dir + ": "
                    + e.getMessage(), e);
        }
    }

    private interface Reader<T> {
        T read(List<Path> files);
    }

    private static <T> Optional<T> read(List<String> globs, Path dir, boolean allowEmpty, String option,
            Reader<T> reader) {
        if (globs.isEmpty()) {
            return Optional.empty();
        }
        Set<Path> files = new LinkedHashSet<>();
        for (String glob : globs) {
            List<Path> matched;
            try {
                matched = Reports.glob(dir, glob);
            } catch (ReportException e) {
                throw new GateException(e.getMessage(), e);
            }
            if (matched.isEmpty() && !allowEmpty) {
                throw new GateException(option + " '" + glob + "' matched no file under " + dir + "; check the"
                        + " path (globs are relative to the gate's directory), or allow it with allowEmpty");
            }
            files.addAll(matched);
        }
        if (files.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(reader.read(List.copyOf(files)));
        } catch (ReportException e) {
            throw new GateException(e.getMessage(), e);
        }
    }

    private static Coverage readBaseline(Path dir, String baseline) {
        Path file = dir.resolve(baseline).normalize();
        if (!Files.isRegularFile(file)) {
            throw new GateException("baseline coverage report " + file + " does not exist");
        }
        try {
            return Reports.readCoverage(List.of(file));
        } catch (ReportException e) {
            throw new GateException(e.getMessage(), e);
        }
    }

    static GateResult judge(Gate gate, Optional<TestSummary> tests, Optional<Coverage> coverage,
            Optional<Coverage> baseline) {
        if (gate instanceof Gate.MaxFailures g) {
            return tests.map(t -> {
                int failed = t.failures() + t.errors();
                String examples = failed == 0 ? ""
                        : ": " + String.join("; ", t.failed().subList(0, Math.min(3, t.failed().size())));
                return result(g, failed <= g.max(), failed + " failed", "<= " + g.max(),
                        failed + " failed test(s)" + (failed <= g.max() ? " <= " : " > ") + g.max() + examples);
            }).orElseGet(() -> inactive(g, "no test reports"));
        }
        if (gate instanceof Gate.MinTests g) {
            return tests.map(t -> result(g, t.tests() >= g.min(), t.tests() + " tests", ">= " + g.min(),
                    t.tests() + " test(s) ran" + (t.tests() >= g.min() ? " >= " : " < ") + g.min()))
                    .orElseGet(() -> inactive(g, "no test reports"));
        }
        if (gate instanceof Gate.MaxSkipped g) {
            return tests.map(t -> result(g, t.skipped() <= g.max(), t.skipped() + " skipped", "<= " + g.max(),
                    t.skipped() + " skipped test(s)" + (t.skipped() <= g.max() ? " <= " : " > ") + g.max()))
                    .orElseGet(() -> inactive(g, "no test reports"));
        }
        if (gate instanceof Gate.MinCoverage g) {
            OptionalDouble percent = percent(coverage, g.metric());
            if (percent.isEmpty()) {
                return inactive(g, "n/a: the coverage reports have no " + metric(g.metric()) + " coverage");
            }
            double p = percent.getAsDouble();
            boolean met = p >= g.minPercent();
            return result(g, met, pct(p), ">= " + pct(g.minPercent()),
                    g.name() + " " + pct(p) + (met ? " >= " : " < ") + pct(g.minPercent()));
        }
        if (gate instanceof Gate.CoverageDelta g) {
            OptionalDouble now = percent(coverage, g.metric());
            OptionalDouble before = percent(baseline, g.metric());
            if (now.isEmpty() || before.isEmpty()) {
                return inactive(g, "n/a: " + (now.isEmpty() ? "the coverage reports" : "the baseline")
                        + " have no " + metric(g.metric()) + " coverage");
            }
            double delta = now.getAsDouble() - before.getAsDouble();
            boolean met = delta >= -g.maxDrop();
            String change = String.format(Locale.ROOT, "%+.1f points", delta);
            String allowed = String.format(Locale.ROOT, "%.1f", g.maxDrop());
            return result(g, met, change, ">= -" + allowed + " points", g.name() + " " + change + " ("
                    + pct(before.getAsDouble()) + " -> " + pct(now.getAsDouble()) + ")"
                    + (met ? "" : ", more than the " + allowed + " allowed"));
        }
        throw new IllegalStateException("commands are run, not judged: " + gate);
    }

    private static OptionalDouble percent(Optional<Coverage> coverage, Metric metric) {
        return coverage.flatMap(c -> c.counter(metric)).map(Counter::percent).orElse(OptionalDouble.empty());
    }

    private static GateResult result(Gate gate, boolean met, String measured, String threshold, String reason) {
        return new GateResult(gate.name(), gate.criticality(), met ? GateStatus.PASSED
                : gate.criticality().whenFailed(), measured, threshold, reason, Optional.empty());
    }

    private static GateResult inactive(Gate gate, String reason) {
        return new GateResult(gate.name(), gate.criticality(), GateStatus.INACTIVE, "n/a", "-",
                gate.name() + ": " + reason, Optional.empty());
    }

    private static String metric(Metric metric) {
        return metric.name().toLowerCase(Locale.ROOT);
    }

    static String pct(double value) {
        return String.format(Locale.ROOT, "%.1f%%", value);
    }
}
