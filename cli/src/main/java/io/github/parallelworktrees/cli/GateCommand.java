package io.github.parallelworktrees.cli;

import io.github.parallelworktrees.engine.gate.Criticality;
import io.github.parallelworktrees.engine.gate.Gate;
import io.github.parallelworktrees.engine.gate.GateException;
import io.github.parallelworktrees.engine.gate.GateResult;
import io.github.parallelworktrees.engine.gate.GateSpec;
import io.github.parallelworktrees.engine.gate.GateSpecs;
import io.github.parallelworktrees.engine.gate.GateStatus;
import io.github.parallelworktrees.engine.gate.QualityGate;
import io.github.parallelworktrees.engine.gate.Verdict;
import io.github.parallelworktrees.engine.gate.VerdictReport;
import io.github.parallelworktrees.engine.gate.report.Metric;
import io.github.parallelworktrees.engine.ledger.Json;
import io.github.parallelworktrees.engine.process.Environment;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pwt gate}: judge test and coverage reports and commands, the way Jenkins quality gates do. */
@Command(name = "gate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a quality gate in a directory: the --command gates first (they usually produce the"
                + " reports), then the test and coverage gates on the JUnit XML, JaCoCo, Cobertura or LCOV reports"
                + " the globs find (several files are merged; coverage is summed by counters).",
                "Prints the verdict as Markdown; --json writes gate.json."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:passed (or NOTE, or INACTIVE: nothing to measure)",
                "1:failed (a gate of criticality FAILURE or ERROR was not met)",
                "2:unstable (a gate of criticality UNSTABLE was not met)",
                "3:usage or input error (a glob matching nothing, a missing directory, a malformed report,"
                        + " a threshold out of range)"})
final class GateCommand implements Callable<Integer> {

    private static final int FAILED_OUTPUT_LINES = 20;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = ".",
            description = "Where the globs and commands start (default: the current directory).")
    Path dir;

    @Option(names = "--junit", paramLabel = "GLOB", description = "JUnit XML reports (repeatable), e.g."
            + " '**/surefire-reports/*.xml'. Implies --max-failures 0 unless given.")
    List<String> junit = new ArrayList<>();

    @Option(names = "--coverage", paramLabel = "GLOB", description = "JaCoCo XML, Cobertura XML or LCOV reports"
            + " (repeatable), e.g. '**/jacoco.xml'.")
    List<String> coverage = new ArrayList<>();

    @Option(names = "--baseline", paramLabel = "FILE", description = "A coverage report to compare with (e.g. the"
            + " base branch's); line coverage may not drop by more than --max-drop points.")
    String baseline;

    @Option(names = "--min-line", paramLabel = "PCT", description = "Minimum line coverage, 0 to 100.")
    Double minLine;

    @Option(names = "--min-branch", paramLabel = "PCT", description = "Minimum branch coverage, 0 to 100.")
    Double minBranch;

    @Option(names = "--min-instruction", paramLabel = "PCT", description = "Minimum instruction coverage (JaCoCo).")
    Double minInstruction;

    @Option(names = "--min-method", paramLabel = "PCT", description = "Minimum method coverage.")
    Double minMethod;

    @Option(names = "--max-drop", paramLabel = "POINTS", description = "With --baseline: how many points line"
            + " coverage may drop (default 0).")
    Double maxDrop;

    @Option(names = "--max-failures", paramLabel = "N", description = "Most failed tests allowed (failures plus"
            + " errors).")
    Integer maxFailures;

    @Option(names = "--min-tests", paramLabel = "N", description = "Fewest tests that must have run.")
    Integer minTests;

    @Option(names = "--max-skipped", paramLabel = "N", description = "Most skipped tests allowed.")
    Integer maxSkipped;

    @Option(names = "--command", paramLabel = "CMD", description = "A command that must exit 0 (type check, lint,"
            + " benchmark script); repeatable; run with sh -c in --dir, output kept beside --json.")
    List<String> commands = new ArrayList<>();

    @Option(names = "--criticality", paramLabel = "LEVEL", defaultValue = "UNSTABLE", description = "What a gate"
            + " that is not met does: NOTE, UNSTABLE (default), ERROR or FAILURE (the Jenkins meanings).")
    String criticality;

    @Option(names = "--allow-empty", description = "A glob that matches nothing makes its gates INACTIVE instead of"
            + " an error.")
    boolean allowEmpty;

    @Option(names = "--timeout-minutes", paramLabel = "M", defaultValue = "30",
            description = "How long one --command may run (default: ${DEFAULT-VALUE}).")
    double timeoutMinutes;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the verdict as JSON (gate.json).")
    Path json;

    @Option(names = "--output", paramLabel = "DIR", description = "Keep the --command output logs in DIR"
            + " (default: beside --json; without either, they go to a temporary folder that is removed when the"
            + " gate is done, and a failed command's last lines are printed).")
    Path output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path kept = output != null ? output.toAbsolutePath()
                : json != null ? json.toAbsolutePath().getParent() : null;
        Path outputDir = null;
        try {
            Verdict verdict;
            try {
                GateSpec gateSpec = gateSpec();
                outputDir = kept != null ? Files.createDirectories(kept) : Files.createTempDirectory("pwt-gate-");
                verdict = new QualityGate(Environment.ofThisProcess(),
                        Duration.ofMillis(Math.round(timeoutMinutes * 60_000)))
                        .evaluate(gateSpec, dir.toAbsolutePath().normalize(), outputDir);
            } catch (GateException e) {
                spec.commandLine().getErr().println("pwt gate: " + e.getMessage());
                return ExitCodes.BAD_INPUT;
            }
            if (json != null) {
                Json.writeAtomically(json.toAbsolutePath(), VerdictReport.toJson(verdict));
            }
            out.print(VerdictReport.markdown(verdict));
            if (kept == null) {
                printFailedOutput(verdict, out);
            }
            out.flush();
            return exitCode(verdict.status());
        } finally {
            if (kept == null && outputDir != null) {
                deleteTemporary(outputDir);
            }
        }
    }

    /** The last lines of each failed command's log, which goes with the temporary folder. */
    private static void printFailedOutput(Verdict verdict, PrintWriter out) throws IOException {
        for (GateResult result : verdict.results()) {
            if (result.status() == GateStatus.PASSED || result.output().isEmpty()) {
                continue;
            }
            Path log = Path.of(result.output().get());
            if (!Files.isRegularFile(log)) {
                continue;
            }
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            out.printf("%nLast lines of %s's output (its log is removed; pass --output DIR to keep it):%n",
                    result.gate());
            lines.subList(Math.max(0, lines.size() - FAILED_OUTPUT_LINES), lines.size())
                    .forEach(line -> out.println("    | " + line));
        }
    }

    private static void deleteTemporary(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    static int exitCode(GateStatus status) {
        return switch (status) {
            case FAILED, ERROR -> ExitCodes.FAILED;
            case UNSTABLE -> ExitCodes.UNSTABLE;
            default -> ExitCodes.OK;
        };
    }

    private GateSpec gateSpec() {
        Criticality level = Criticality.parse(criticality).orElseThrow(() -> new GateException("--criticality '"
                + criticality + "' is unknown; use NOTE, UNSTABLE, ERROR or FAILURE"));
        List<Gate> gates = new ArrayList<>();
        commands.forEach(c -> gates.add(new Gate.Command(c, level)));
        if (maxFailures != null || !junit.isEmpty()) {
            gates.add(new Gate.MaxFailures(GateSpecs.checkCount("--max-failures", maxFailures == null ? 0
                    : maxFailures), level));
        }
        if (minTests != null) {
            gates.add(new Gate.MinTests(GateSpecs.checkCount("--min-tests", minTests), level));
        }
        if (maxSkipped != null) {
            gates.add(new Gate.MaxSkipped(GateSpecs.checkCount("--max-skipped", maxSkipped), level));
        }
        addMinimum(gates, "--min-line", minLine, Metric.LINE, level);
        addMinimum(gates, "--min-branch", minBranch, Metric.BRANCH, level);
        addMinimum(gates, "--min-instruction", minInstruction, Metric.INSTRUCTION, level);
        addMinimum(gates, "--min-method", minMethod, Metric.METHOD, level);
        if (baseline != null || maxDrop != null) {
            gates.add(new Gate.CoverageDelta(Metric.LINE, GateSpecs.checkPercent("--max-drop",
                    maxDrop == null ? 0 : maxDrop), level));
        }
        if (gates.isEmpty()) {
            throw new GateException("nothing to gate: give --junit, --coverage with a minimum, --baseline or"
                    + " --command (see pwt gate --help)");
        }
        if (!Files.isDirectory(dir)) {
            throw new GateException("--dir " + dir + " is not a directory");
        }
        return new GateSpec(junit, coverage, Optional.ofNullable(baseline), allowEmpty, gates);
    }

    private static void addMinimum(List<Gate> gates, String option, Double value, Metric metric, Criticality level) {
        if (value != null) {
            gates.add(new Gate.MinCoverage(metric, GateSpecs.checkPercent(option, value), level));
        }
    }
}
