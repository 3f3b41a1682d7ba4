package io.github.parallelworktrees.cli;

import io.github.parallelworktrees.engine.control.StopRequests;
import io.github.parallelworktrees.engine.ledger.RunLayout;
import io.github.parallelworktrees.engine.ledger.RunLock;
import io.github.parallelworktrees.engine.ledger.RunInfo;
import io.github.parallelworktrees.engine.ledger.RunState;
import io.github.parallelworktrees.engine.ledger.RunView;
import io.github.parallelworktrees.engine.ledger.WorkerRecord;
import io.github.parallelworktrees.engine.plan.Plan;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pwt stop PLAN [WS...]}: asks the running run to stop workers, and waits until it has. */
@Command(name = "stop", mixinStandardHelpOptions = true,
        description = {"Stop workers of the plan's running run cleanly: the run stops each named workstream's"
                + " worker (its whole process tree, all at once) and records it 'stopped', and goes on with the"
                + " others; without WS it stops every worker and ends the run. Nothing else changes: commits,"
                + " worktrees and branches stay. 'pwt resume PLAN' runs the stopped workers again.",
                "Works from any terminal: the run, started elsewhere, takes the request within a second."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:stopped (or nothing was running to stop)",
                "1:the run did not act on the stop within --wait seconds (the request stays asked)",
                "3:bad input: no run, an unknown workstream (the message says which)"})
final class StopCommand implements Callable<Integer> {

    @Mixin
    PlanOptions planOptions;

    @Parameters(index = "1..*", paramLabel = "WS", description = "Workstreams to stop (default: the whole run).")
    List<String> workstreams = new ArrayList<>();

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long to wait for the run to stop them (default: ${DEFAULT-VALUE}).")
    int waitSeconds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Plan plan = planOptions.plan();
        RunLayout layout = planOptions.layout(plan);
        PlanOptions.workstreams(plan, workstreams);
        RunView before = RunState.load(layout).map(RunState::view).orElseThrow(() -> planOptions.noRun(plan,
                layout));
        PrintWriter out = spec.commandLine().getOut();
        if (!RunLock.isHeld(layout)) {
            out.println("No pwt run of feature '" + plan.feature() + "' is working now (its run is "
                    + before.info().status().name().toLowerCase(java.util.Locale.ROOT) + "); nothing to stop.");
            out.flush();
            return ExitCodes.OK;
        }
        StopRequests requests = new StopRequests(layout);
        Set<String> asked = new LinkedHashSet<>();
        if (workstreams.isEmpty()) {
            requests.ask(Optional.empty(), "'pwt stop'");
            out.println("Asked the run of '" + plan.feature() + "' to stop: every worker, then the run.");
        } else {
            for (String ws : new LinkedHashSet<>(workstreams)) {
                WorkerRecord r = before.workers().get(ws);
                if (r != null && r.status().isFinal()) {
                    out.println(ws + ": already ended " + r.status().id() + "; nothing to stop");
                    continue;
                }
                requests.ask(Optional.of(ws), "'pwt stop'");
                asked.add(ws);
            }
            if (asked.isEmpty()) {
                out.flush();
                return ExitCodes.OK;
            }
            out.println("Asked the run of '" + plan.feature() + "' to stop " + String.join(", ", asked) + ".");
        }
        out.flush();
        long start = System.nanoTime();
        long deadline = start + waitSeconds * 1_000_000_000L;
        Set<String> reported = new LinkedHashSet<>();
        while (true) {
            RunView now = RunState.view(layout);
            for (String ws : asked) {
                WorkerRecord r = now.workers().get(ws);
                if (r != null && r.status().isFinal() && reported.add(ws)) {
                    out.println(ws + ": " + r.status().id() + (r.reason() == null ? "" : " (" + r.reason() + ")")
                            + " after " + Durations.format((System.nanoTime() - start) / 1_000_000));
                    out.flush();
                }
            }
            boolean runEnded = !RunLock.isHeld(layout);
            if (workstreams.isEmpty() ? runEnded : reported.size() == asked.size() || runEnded) {
                break;
            }
            if (System.nanoTime() > deadline) {
                out.println("The run has not done what was asked after " + waitSeconds + " s; the request stays in "
                        + layout.controlDir() + " and the run takes it when it next looks.");
                out.flush();
                return ExitCodes.FAILED;
            }
            Thread.sleep(200);
        }
        if (workstreams.isEmpty()) {
            RunView after = RunState.view(layout);
            after.workers().values().stream().filter(r -> r.status() == io.github.parallelworktrees.engine.ledger
                    .WorkerStatus.STOPPED).forEach(r -> out.println(r.workstream() + ": stopped"));
            RunInfo.Status ended = after.info().status();
            out.println("The run ended after " + Durations.format((System.nanoTime() - start) / 1_000_000) + ": "
                    + ended.id() + (ended == RunInfo.Status.SUCCEEDED ? " (it had finished before the stop took"
                    + " effect)" : "") + ".");
            if (ended == RunInfo.Status.SUCCEEDED) {
                out.flush();
                return ExitCodes.OK;
            }
        }
        out.println("Continue with: pwt resume " + planOptions.planFile);
        out.flush();
        return ExitCodes.OK;
    }
}
