package io.github.parallelworktrees.cli;

import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.ledger.Event;
import io.github.parallelworktrees.engine.ledger.RunView;
import io.github.parallelworktrees.engine.ledger.Json;
import io.github.parallelworktrees.engine.ledger.RaceResult;
import io.github.parallelworktrees.engine.ledger.WorkerRecord;
import io.github.parallelworktrees.engine.race.Ranking;
import io.github.parallelworktrees.engine.ledger.RunLayout;
import io.github.parallelworktrees.engine.ledger.RunLock;
import io.github.parallelworktrees.engine.ledger.RunLockedException;
import io.github.parallelworktrees.engine.ledger.RunState;
import io.github.parallelworktrees.engine.report.RunReport;
import io.github.parallelworktrees.engine.ledger.Usage;
import io.github.parallelworktrees.engine.status.StatusReport;
import io.github.parallelworktrees.engine.status.WorkstreamStatus;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pwt status PLAN}: the dashboard of the plan's run. */
@Command(name = "status", exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:the status was shown",
                "3:bad input: no run of the plan's feature, a plan that does not parse"},
        mixinStandardHelpOptions = true,
        description = {"Show every workstream of the plan's run: state, commits ahead of base, files changed,"
                + " uncommitted files, worker time, what its branch would conflict with now (the conflict radar:"
                + " git merge-tree, off-tree), and the last lines of its log. Reads only the run's files and"
                + " the branches, so it works during a run, after it, and after a crash."})
final class StatusCommand implements Callable<Integer> {

    @Mixin
    PlanOptions planOptions;

    @Option(names = "--lines", paramLabel = "N", defaultValue = "3",
            description = "Log lines to show per workstream (default: ${DEFAULT-VALUE}).")
    int lines;

    @Option(names = "--json", description = "Print the status as JSON.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Plan plan = planOptions.plan();
        RunLayout layout = planOptions.layout(plan);
        StatusReport report = StatusReport.read(layout, lines).orElseThrow(() -> planOptions.noRun(plan, layout));
        if (!report.runAlive()) {
            refreshCopies(layout);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.MAPPER.writeValueAsString(report));
            out.flush();
            return ExitCodes.OK;
        }
        out.printf("Feature %s: run %s%s, base %s (%s)%s%n", report.info().feature(), report.runStatus(),
                report.runAlive() ? " (a pwt process is working on it)" : "", report.info().base(),
                report.info().baseCommit().substring(0, 12), report.integrationTip().map(t -> ", "
                        + report.info().integration() + " at " + t.substring(0, 12)).orElse(""));
        out.printf("%-16s %-4s %-11s %-6s %7s %6s %6s %9s %5s %8s %9s %-9s %-12s %s%n", "WORKSTREAM", "WAVE",
                "STATUS", "LANDED", "COMMITS", "FILES", "DIRTY", "TIME", "TURNS", "COST", "TOKENS", "GATE",
                "CONFLICTS", "NOTE");
        Usage total = Usage.NONE;
        for (WorkstreamStatus ws : report.workstreams()) {
            Usage u = ws.usage();
            total = total.plus(u);
            out.printf("%-16s %-4d %-11s %-6s %7s %6s %6s %9s %5s %8s %9s %-9s %-12s %s%n", ws.workstream(),
                    ws.wave(), ws.status().id(), ws.landed() ? "yes" : "no", count(ws.commitsAhead()),
                    count(ws.filesChanged()), count(ws.uncommitted()),
                    Durations.format(ws.durationMillis()), u.turns() == 0 ? "-" : String.valueOf(u.turns()),
                    Money.format(u.costUsd()), Money.tokens(u.inputTokens() + u.outputTokens()),
                    ws.gate().orElse("-"), ws.conflicts().isEmpty() ? "-" : String.join(",", ws.conflicts()),
                    ws.leftOut().map(l -> "left out: " + l).or(ws::note).or(ws::checkpoint)
                            .orElse(""));
            for (RunView.Repair repair : report.repairsOf(ws.workstream())) {
                out.println("    ~ " + describe(repair));
            }
            ws.tests().ifPresent(t -> out.println("    + " + describe(t)));
            ws.review().ifPresent(r -> out.println("    ? " + describe(r)));
            Optional<StatusReport.RaceStatus> race = report.raceOf(ws.workstream());
            if (race.isPresent()) {
                total = total.plus(race.get().racers().stream().map(WorkerRecord::usage).reduce(Usage.NONE,
                        Usage::plus));
                for (WorkerRecord racer : race.get().racers()) {
                    out.println("    " + describe(racer, race.get()));
                    Optional.ofNullable(racer.review()).ifPresent(r -> out.println("        ? " + describe(r)));
                }
                race.get().judged().ifPresent(j -> out.println("    race: " + j.why()));
            }
            for (String denial : u.permissionDenials()) {
                out.println("    ! permission denied: " + denial);
            }
            for (String line : ws.logTail()) {
                out.println("    | " + line);
            }
        }
        if (total.costUsd() > 0 || total.turns() > 0) {
            out.printf("Total: %s, %d turns, %s tokens in, %s out%n", Money.format(total.costUsd()), total.turns(),
                    Money.tokens(total.inputTokens()), Money.tokens(total.outputTokens()));
        }
        out.flush();
        return ExitCodes.OK;
    }

    /**
     * One racer's line: its branch, how its worker ended, its gate's verdict, its review's verdict (when reviewed),
     * its score and terms, its cost (its reviews' included).
     */
    private static String describe(WorkerRecord racer, StatusReport.RaceStatus race) {
        Optional<RaceResult.Standing> standing = race.judged().flatMap(j -> j.racers().stream()
                .filter(s -> s.branch().equals(racer.branch())).findFirst());
        boolean won = standing.isPresent() && race.judged().map(RaceResult::winner)
                .filter(w -> w == standing.get().racer()).isPresent();
        String review = Optional.ofNullable(standing.map(RaceResult.Standing::review).orElse(racer.review()))
                .map(r -> ", review " + r.verdictWord()
                        + (r.keptOut() ? " (kept out)" : r.approved() ? "" : " (" + r.status() + ")"))
                .orElse("");
        return (won ? "* " : "- ") + racer.workstream() + " " + racer.branch() + " " + racer.status().id()
                + standing.map(s -> ", gate " + s.verdict() + review + (s.eligible() ? ", score "
                        + Ranking.number(s.score()) + " (" + Ranking.terms(s.terms()) + ")" : ""))
                        .orElse((racer.gate() == null ? "" : ", gate " + racer.gate()) + review)
                + ", " + Money.format(racer.usage().costUsd()) + (won ? " (winner)" : "");
    }

    /**
     * run.json, sessions.json and report.html are copies written after each event; a pwt killed between a change
     * to git and its next write leaves them behind. With no run holding the feature, status writes them again from
     * the ledger and git, so that every file says what this status says.
     */
    private static void refreshCopies(RunLayout layout) {
        try (RunLock lock = RunLock.acquire(layout)) {
            RunState.load(layout).ifPresent(RunState::refreshCopiesOfAStoppedRun);
        } catch (RunLockedException started) {
            return; // a run started meanwhile: it writes them itself
        }
        // after the lock is released, so that the report sees that no pwt holds the run
        RunReport.write(layout);
    }

    /** "repair 1 of 2 (culprit): landed, $0.12" */
    static String describe(RunView.Repair repair) {
        Event.RepairStarted started = repair.started();
        String head = "repair " + started.attempt() + " of " + started.attempts() + " (" + started.why().id() + "): ";
        return head + repair.ended().map(e -> e.outcome().id().replace('_', ' ')
                + (e.detail() == null ? "" : " (" + e.detail() + ")")
                + (e.costUsd() > 0 ? ", " + Money.format(e.costUsd()) : "")).orElse("under way");
    }

    /**
     * "tests: merged, 2 commit(s) on f/a-tests, 3.1 s, $0.02": what the test-writer did; one not merged says why.
     */
    static String describe(io.github.parallelworktrees.engine.ledger.TestsRecord t) {
        return "tests: " + t.status() + ", " + t.commits() + " commit(s) on " + t.branch() + ", "
                + Durations.format(t.durationMillis()) + (t.costUsd() > 0 ? ", " + Money.format(t.costUsd()) : "")
                + (t.reason() == null ? "" : ": " + t.reason());
    }

    /**
     * "review 1: request-changes (failed, FAILURE; kept out), 12.0 s, $0.05: .../review-1/REVIEW.md"; a review that
     * failed says why instead of its file.
     */
    static String describe(io.github.parallelworktrees.engine.ledger.ReviewRecord r) {
        String where = r.verdict() == null ? r.reason() : r.file();
        return "review " + r.round() + ": " + r.verdictWord() + " (" + r.status()
                + ", " + r.criticality() + (r.keptOut() ? "; kept out" : "") + "), "
                + Durations.format(r.durationMillis()) + (r.costUsd() > 0 ? ", " + Money.format(r.costUsd()) : "")
                + (where == null ? "" : ": " + where);
    }

    private static String count(int n) {
        return n < 0 ? "-" : String.valueOf(n);
    }
}
