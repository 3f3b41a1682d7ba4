package io.github.parallelworktrees.cli;

import io.github.parallelworktrees.engine.claude.ScriptedRehearsals;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.plan.Wave;
import io.github.parallelworktrees.engine.plan.WorkerSpec;
import io.github.parallelworktrees.engine.plan.WorkerType;
import io.github.parallelworktrees.engine.plan.Workstream;
import io.github.parallelworktrees.engine.planner.Planner;
import io.github.parallelworktrees.engine.planner.Planning;
import io.github.parallelworktrees.engine.planner.PlanningRequest;
import io.github.parallelworktrees.engine.process.Environment;
import io.github.parallelworktrees.engine.run.Repository;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The planner's options, shared by {@code pwt plan} and {@code pwt run --plan-first}. */
final class PlannerOptions {

    @Option(names = "--out", paramLabel = "PLAN",
            description = "Where the plan goes (default: beside SPEC, <spec name>.plan.yaml).")
    Path out;

    @Option(names = "--workstreams", paramLabel = "N", description = "Exactly N workstreams (default: the planner decides).")
    Integer workstreams;

    @Option(names = "--attempts", paramLabel = "N", defaultValue = "3",
            description = "Plans the planner may write until one is valid (default: ${DEFAULT-VALUE}).")
    int attempts;

    @Option(names = "--worker-type", paramLabel = "TYPE", defaultValue = "claude",
            description = "claude (default) or command (runs --run with sh -c in the repository).")
    String workerType;

    @Option(names = "--run", paramLabel = "CMD", description = "The command of a command planner.")
    String run;

    @Option(names = "--model", paramLabel = "M", defaultValue = "sonnet",
            description = "The Claude planner's model (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--claude-path", paramLabel = "P", defaultValue = "claude",
            description = "The Claude Code CLI (default: claude from the PATH).")
    String claudePath;

    @Option(names = "--permission-mode", paramLabel = "MODE", defaultValue = "acceptEdits",
            description = "The Claude planner's permission mode (default: ${DEFAULT-VALUE}: it may write files, not"
                    + " run commands).")
    String permissionMode;

    @Option(names = "--budget-usd", paramLabel = "USD", description = "Stop the Claude planner at this spend.")
    Double budgetUsd;

    @Option(names = "--timeout-minutes", paramLabel = "MIN", defaultValue = "30",
            description = "Per attempt (default: ${DEFAULT-VALUE}).")
    double timeoutMinutes;

    @Option(names = "--rehearsal", paramLabel = "SCRIPT",
            description = "Run the Claude planner against a scripted model (offline, no key; docs/rehearsal.md).")
    Path rehearsal;

    @Option(names = "--force", description = "Replace a file at --out that no earlier 'pwt plan' wrote (a copy is"
            + " kept in the records).")
    boolean force;

    /** Plans {@code specFile} in {@code repo} (or the repository that holds it), showing progress on {@code out}. */
    Planning plan(Path specFile, Path repo, PrintWriter out) throws IOException, InterruptedException {
        Environment environment = Environment.ofThisProcess();
        Path specPath = real(specFile.toAbsolutePath().normalize());
        Path repository = Repository.locate(specPath, repo == null ? null : repo.toAbsolutePath(), environment);
        Path plan = real((this.out != null ? this.out.toAbsolutePath() : PlanningRequest.defaultOut(specPath))
                .normalize());
        return new Planner(environment, new ScriptedRehearsals(), line -> out.println("  " + line))
                .plan(new PlanningRequest(repository, specPath, plan, Optional.ofNullable(workstreams), attempts,
                        worker(), force));
    }

    static int exitCode(Planning planning) {
        return switch (planning.status()) {
            case VALID -> ExitCodes.OK;
            case STOPPED -> ExitCodes.INTERRUPTED;
            case INVALID, PLANNER_FAILED, TOUCHED_FILES -> ExitCodes.FAILED;
        };
    }

    /** The path with its folder's symbolic links resolved, as git names the repository's top level. */
    private static Path real(Path path) throws IOException {
        Path parent = path.getParent();
        return parent != null && java.nio.file.Files.isDirectory(parent)
                ? parent.toRealPath().resolve(path.getFileName()) : path;
    }

    private WorkerSpec worker() {
        WorkerType type = switch (workerType.toLowerCase(Locale.ROOT)) {
            case "claude" -> WorkerType.CLAUDE;
            case "command" -> WorkerType.COMMAND;
            default -> throw new IllegalArgumentException("--worker-type " + workerType + ": use claude or command");
        };
        if (type == WorkerType.COMMAND && (run == null || run.isBlank())) {
            throw new IllegalArgumentException("--worker-type command needs --run CMD (the planner command to run in"
                    + " the repository)");
        }
        if (type == WorkerType.CLAUDE && run != null) {
            throw new IllegalArgumentException("--run is for --worker-type command; a Claude planner takes --model"
                    + " and --claude-path");
        }
        if (!(timeoutMinutes > 0)) {
            throw new IllegalArgumentException("--timeout-minutes " + timeoutMinutes + ": give a positive number");
        }
        return new WorkerSpec(type, model, Optional.empty(), Duration.ofMillis(Math.round(timeoutMinutes * 60_000)),
                permissionMode, Optional.ofNullable(budgetUsd), claudePath, Optional.ofNullable(run),
                Optional.ofNullable(rehearsal).map(p -> p.toAbsolutePath().toString()), List.of(), 2,
                Duration.ofSeconds(10));
    }

    static void print(Planning planning, PrintWriter out, PrintWriter err) {
        out.println();
        String cost = planning.usage().costUsd() > 0 ? ", cost " + Money.format(planning.usage().costUsd()) : "";
        if (!planning.valid()) {
            err.println("pwt: planning failed: " + planning.reason().orElse(planning.status().toString()));
            for (String error : planning.errors()) {
                err.println("  " + error);
            }
            out.println(planning.attempts().size() + " attempt" + (planning.attempts().size() == 1 ? "" : "s") + cost
                    + ". Records: " + planning.records());
            return;
        }
        Plan plan = planning.plan().orElseThrow();
        out.println("Plan: " + planning.out() + " (feature " + plan.feature() + ", " + plan.workstreams().size()
                + " workstream" + (plan.workstreams().size() == 1 ? "" : "s") + ", " + plan.waves().size() + " wave"
                + (plan.waves().size() == 1 ? "" : "s") + "), valid after " + planning.attempts().size() + " attempt"
                + (planning.attempts().size() == 1 ? "" : "s") + cost);
        for (Wave wave : plan.waves()) {
            out.println("  wave " + wave.number() + ": gate " + wave.gate().map(Object::toString).orElse("none"));
            for (String name : wave.workstreams()) {
                Workstream ws = plan.workstream(name).orElseThrow();
                out.println("    " + ws.name() + (ws.dependsOn().isEmpty() ? "" : " (after "
                        + String.join(", ", ws.dependsOn()) + ")") + (ws.files().isEmpty() ? ""
                        : "  files: " + String.join(", ", ws.files()))
                        + ws.race().map(r -> "  race of " + r.racers().size()).orElse("")
                        + plan.review(ws).map(r -> "  reviewed (" + r.criticality() + ")").orElse(""));
            }
        }
        if (!plan.mergePolicies().isEmpty()) {
            out.println("  merge policies: " + plan.mergePolicies().size());
        }
        for (String warning : plan.warnings()) {
            out.println("  warning: " + warning);
        }
        out.println("Records: " + planning.records());
    }

    /** What {@code pwt plan} says last: nothing ran, and how to run the plan. */
    static void printNext(Planning planning, PrintWriter out) {
        out.println("Nothing has run. Read the plan (edit it if you like), then run it with:");
        out.println("  " + nextCommand(planning));
    }

    /** The command that runs the plan. */
    static String nextCommand(Planning planning) {
        return "pwt run " + shown(planning.out());
    }

    /** The plan's path as the user would type it here: relative to the current directory when inside it. */
    private static String shown(Path plan) {
        Path here = Path.of("").toAbsolutePath();
        return plan.startsWith(here) ? here.relativize(plan).toString() : plan.toString();
    }
}
