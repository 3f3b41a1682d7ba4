package io.github.parallelworktrees.cli;

import io.github.parallelworktrees.engine.demo.Demo;
import io.github.parallelworktrees.engine.plan.PlanParser;
import io.github.parallelworktrees.engine.process.Environment;
import io.github.parallelworktrees.engine.run.PlanRunner;
import io.github.parallelworktrees.engine.run.RunSummary;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pwt demo}: the whole product on a throwaway repository, offline. */
@Command(name = "demo", exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:the demo went as designed",
                "1:it did not (the output says what differed)",
                "3:bad input: a --dir that is not new or empty"},
        mixinStandardHelpOptions = true,
        description = {"Create a throwaway git repository with a small project and a plan of five workstreams in"
                + " two waves (one of them, 'shortcut', breaks the tests on purpose: the gate catches it and"
                + " bisection isolates it while the rest lands), run it end to end with command workers (offline,"
                + " no API key), and print where everything is and how to remove it.",
                "With --agents: the repository holds a spec and no plan; a planner agent writes the plan (its first"
                        + " plan is invalid, pwt hands the problems back, the second is valid), three racer agents"
                        + " race one workstream (the gate drops one, the score picks between the others), reviewer"
                        + " agents review the two other workstreams (one asks for changes, its worker makes them,"
                        + " the second review approves), and everything lands on the integration branch. Every"
                        + " agent is the real Claude Code CLI replaying a rehearsal script: offline, no API key, no"
                        + " tokens."})
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Where to create the demo repository (new or empty; default: a new temporary folder).")
    Path dir;

    @Option(names = "--claude", description = "Run the workers as real Claude Code processes against a scripted"
            + " model (a rehearsal: offline, no API key, no tokens spent).")
    boolean claude;

    @Option(names = "--agents", description = "Plan, race and review with agents: a planner writes the plan from a"
            + " spec, one workstream is raced by three agents, the others are reviewed, all land. Real Claude Code"
            + " processes against scripted models (offline, no API key, no tokens spent).")
    boolean agents;

    @Option(names = "--claude-path", paramLabel = "PATH", description = "The Claude Code CLI for --claude and --agents (default:"
            + " this project's tools/claude-cli, installed by the build, else 'claude' on the PATH).")
    String claudePath;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (agents && claude) {
            throw new IllegalArgumentException("--agents and --claude: give one (--agents runs Claude Code agents"
                    + " too)");
        }
        Path target = dir != null ? dir.toAbsolutePath() : Files.createTempDirectory("pwt-demo-");
        Environment environment = Environment.ofThisProcess();
        if (agents) {
            return new AgentsDemo(out, environment, launcher()).run(target,
                    claudePath != null ? claudePath : bundledClaude());
        }
        Path planFile = claude ? Demo.createWithClaude(target, environment,
                claudePath != null ? claudePath : bundledClaude()) : Demo.create(target, environment);
        out.println("Demo repository: " + target);
        out.println("Plan:            " + planFile);
        out.println();
        PlanRunner runner = new PlanRunner(PlanParser.read(planFile), target, environment, Optional.empty(),
                new Console(out));
        RunSummary summary = runner.run();
        Summaries.print(summary, out);
        out.println();
        out.println("Try:  cd " + target + " && git log --oneline --graph " + summary.info().integration());
        out.println("      " + launcher() + " status " + planFile);
        out.println();
        out.println(removal(target));
        out.flush();
        return demoWentAsDesigned(summary, out) ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /** Where the demo's folder is, and the command that removes it, saying what it removes. */
    static String removal(Path target) {
        return "The demo's folder is " + target + ". Nothing outside it was changed. When you are done with it:\n"
                + "      rm -rf " + shellWord(target.toString()) + "   (removes the demo repository, its worktrees and"
                + " run files)";
    }

    /** {@code text} as one word for a POSIX shell: as it is when plain, else in single quotes. */
    static String shellWord(String text) {
        return text.matches("[A-Za-z0-9_./@%+=:,-]+") ? text : "'" + text.replace("'", "'\\''") + "'";
    }

    /**
     * The demo is designed to end with every worker done, every workstream on the integration branch except
     * 'shortcut', which breaks the tests on purpose and must be isolated as a culprit (the Claude rehearsal's
     * shortcut does not break anything, so there it lands too).
     */
    private static boolean demoWentAsDesigned(RunSummary summary, PrintWriter out) {
        // the run itself ends 'failed' when 'shortcut' is left out; the report's headline says whether that was the
        // outcome the demo is built to show, and says so either way
        io.github.parallelworktrees.engine.report.RunReport.write(summary.layout(), Optional.of(Demo.DESIGN));
        boolean workersDone = summary.workers().stream()
                .allMatch(w -> w.status() == io.github.parallelworktrees.engine.ledger.WorkerStatus.DONE);
        boolean onlyTheShortcutLeftOut = summary.leftOut().stream()
                .allMatch(l -> l.workstream().equals("shortcut") && l.reason().startsWith("culprit"));
        boolean restLanded = summary.workers().stream().allMatch(w -> w.workstream().equals("shortcut")
                || summary.landed().contains(w.workstream()));
        if (workersDone && onlyTheShortcutLeftOut && restLanded) {
            String designed = "The demo went as designed: every worker done, "
                    + (summary.leftOut().isEmpty() ? "every workstream landed."
                    : "the culprit 'shortcut' isolated, everything else landed.");
            out.println(designed);
            return true;
        }
        out.println("The demo did NOT go as designed; see above.");
        return false;
    }

    /** The pwt launcher of the project this jar was built in, so that a printed command works as printed. */
    static String launcher() {
        try {
            Path jar = Path.of(DemoCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path dir = jar.getParent(); dir != null; dir = dir.getParent()) {
                Path pwt = dir.resolve("pwt");
                if (Files.isRegularFile(pwt) && Files.isExecutable(pwt) && Files.isDirectory(dir.resolve("cli"))) {
                    return pwt.toString();
                }
            }
        } catch (java.net.URISyntaxException | RuntimeException e) {
            // fall back to the PATH
        }
        return "pwt";
    }

    /** The CLI the build installed beside this jar (tools/claude-cli), or the one on the PATH. */
    static String bundledClaude() {
        try {
            Path jar = Path.of(DemoCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path dir = jar.getParent(); dir != null; dir = dir.getParent()) {
                Path claude = dir.resolve("tools/claude-cli/node_modules/.bin/claude");
                if (Files.isExecutable(claude)) {
                    return claude.toString();
                }
            }
        } catch (java.net.URISyntaxException | RuntimeException e) {
            // fall back to the PATH
        }
        return "claude";
    }
}
