package io.github.parallelworktrees.cli;

import io.github.parallelworktrees.engine.ledger.RunLayout;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.status.Dashboard;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.Display;
import org.jline.utils.InfoCmp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pwt watch PLAN}: the status as a live dashboard, until the run ends. */
@Command(name = "watch", mixinStandardHelpOptions = true, exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:the run ended (whatever its outcome: the last screen says it)",
                "3:bad input: no run of the plan's feature, an --interval out of range",
                "130:Ctrl-C (the terminal is restored)"},
        description = {"A live dashboard of the plan's run, refreshed every --interval seconds until the run ends:"
                + " a row per workstream (state, time, turns, cost, tokens, commits, files, gate, landing, conflict"
                + " radar, last log line or tool call) under a header with the queue (what is merging, which gate"
                + " runs and for how long) and the budget used. Reads only the run's files and the branches, so it"
                + " watches a run started in another terminal. On a terminal it redraws in place; otherwise it"
                + " prints a new block of lines each time something other than the clock changed.",
                "Exit codes: 0 the run ended (its outcome is on the last screen; pwt status has it too), 3 no run"
                        + " or bad input, 130 stopped by Ctrl-C."})
final class WatchCommand implements Callable<Integer> {

    /** Width of the plain blocks: wide enough for the table, the last column cut beyond it. */
    private static final int PLAIN_WIDTH = 160;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    @Mixin
    PlanOptions planOptions;

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "1",
            description = "Seconds between two looks at the run (default: ${DEFAULT-VALUE}; 0.1 to 3600).")
    double interval;

    @Spec
    CommandSpec spec;

    private final StopSignal stop = new StopSignal("pwt-watch-stop");

    @Override
    public Integer call() throws Exception {
        if (!(interval >= 0.1 && interval <= 3600)) {
            throw new IllegalArgumentException("--interval " + interval + " is out of range: give the seconds"
                    + " between two refreshes, from 0.1 to 3600");
        }
        Plan plan = planOptions.plan();
        RunLayout layout = planOptions.layout(plan);
        Dashboard first = Dashboard.read(layout, WatchScreen.LOG_LINES, Instant.now())
                .orElseThrow(() -> planOptions.noRun(plan, layout));
        // Ctrl-C in a plain stream and SIGTERM anywhere: the JVM shuts down; this lets the loop end first (and, on
        // a terminal, give the cursor back)
        if (!stop.install()) {
            return ExitCodes.INTERRUPTED; // Ctrl-C came while it started
        }
        try {
            Optional<Terminal> terminal = System.console() == null ? Optional.empty() : terminal();
            if (terminal.isPresent()) {
                try (Terminal t = terminal.get()) {
                    return live(layout, first, t);
                }
            }
            return plain(layout, first, spec.commandLine().getOut());
        } finally {
            stop.done();
        }
    }

    /** The system terminal, unless JLine finds none it can draw on (then the plain lines). */
    private static Optional<Terminal> terminal() {
        try {
            Terminal t = TerminalBuilder.builder().system(true).dumb(false).build();
            if (t.getType().startsWith(Terminal.TYPE_DUMB)) {
                t.close();
                return Optional.empty();
            }
            return Optional.of(t);
        } catch (IOException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    /** The dashboard drawn in place (only the characters that changed are written: no flicker). */
    private int live(RunLayout layout, Dashboard first, Terminal terminal) throws InterruptedException {
        terminal.handle(Terminal.Signal.INT, signal -> stop.request());
        // keys typed meanwhile would be echoed into the dashboard; closing the terminal restores its settings
        terminal.echo(false);
        Display display = new Display(terminal, false);
        terminal.puts(InfoCmp.Capability.cursor_invisible);
        Size size = terminal.getSize();
        display.resize(size.getRows(), size.getColumns());
        Dashboard dashboard = first;
        String problem = "";
        try {
            while (true) {
                Size now = terminal.getSize();
                if (!now.equals(size)) {
                    size = now;
                    display.clear();
                    display.resize(size.getRows(), size.getColumns());
                }
                int width = Math.max(20, size.getColumns() - 1);
                int height = Math.max(5, size.getRows() - 1);
                List<String> screen = new java.util.ArrayList<>(WatchScreen.render(dashboard, width, height));
                if (!problem.isEmpty()) {
                    screen.add(WatchScreen.cut(problem, width));
                }
                display.update(screen.stream().map(AttributedString::new).toList(), -1);
                terminal.flush();
                if (dashboard.ended()) {
                    return ExitCodes.OK;
                }
                if (stop.await(Math.round(interval * 1000))) {
                    return ExitCodes.INTERRUPTED;
                }
                try {
                    Optional<Dashboard> next = Dashboard.read(layout, WatchScreen.LOG_LINES, Instant.now());
                    if (next.isEmpty()) {
                        problem = "the run's record is gone (retired by pwt cleanup?): nothing more to watch";
                        display.update(List.of(new AttributedString(problem)), -1);
                        return ExitCodes.OK;
                    }
                    dashboard = next.get();
                    problem = "";
                } catch (RuntimeException e) {
                    // a file caught mid-write, a git command that failed once: say so and look again
                    problem = "could not read the run just now (" + e.getMessage() + "); trying again";
                }
            }
        } finally {
            terminal.puts(InfoCmp.Capability.cursor_normal);
            terminal.writer().println();
            terminal.flush();
        }
    }

    /** A block of lines each time the dashboard changed other than by the clock, stamped with the time. */
    private int plain(RunLayout layout, Dashboard first, PrintWriter out) throws InterruptedException {
        Dashboard dashboard = first;
        String shown = null;
        while (true) {
            String key = WatchScreen.changeKey(dashboard);
            if (!key.equals(shown)) {
                out.println("== " + LocalTime.now().format(TIME));
                WatchScreen.render(dashboard, PLAIN_WIDTH, Integer.MAX_VALUE).forEach(out::println);
                out.flush();
                shown = key;
            }
            if (dashboard.ended()) {
                return ExitCodes.OK;
            }
            if (stop.await(Math.round(interval * 1000))) {
                return ExitCodes.INTERRUPTED;
            }
            try {
                Optional<Dashboard> next = Dashboard.read(layout, WatchScreen.LOG_LINES, Instant.now());
                if (next.isEmpty()) {
                    out.println("the run's record is gone (retired by pwt cleanup?): nothing more to watch");
                    out.flush();
                    return ExitCodes.OK;
                }
                dashboard = next.get();
            } catch (RuntimeException e) {
                out.println("could not read the run just now (" + e.getMessage() + "); trying again");
                out.flush();
            }
        }
    }
}
