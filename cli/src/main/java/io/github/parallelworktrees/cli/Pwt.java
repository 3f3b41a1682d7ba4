package io.github.parallelworktrees.cli;

import io.github.parallelworktrees.engine.git.GitException;
import io.github.parallelworktrees.engine.git.WorktreeException;
import io.github.parallelworktrees.engine.plan.PlanException;
import io.github.parallelworktrees.engine.run.RunException;
import io.github.parallelworktrees.engine.ledger.RunLockedException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code pwt}: run a feature's workstreams in parallel git worktrees on this machine. */
@Command(name = "pwt",
        mixinStandardHelpOptions = true,
        versionProvider = Pwt.Version.class,
        description = {"Run a feature's workstreams in parallel, each by an agent on its own git worktree and"
                + " branch, and collect their results.", ""},
        subcommands = {PlanCommand.class, RunCommand.class, StatusCommand.class, WatchCommand.class,
                LogsCommand.class, StopCommand.class, SteerCommand.class, RetryCommand.class, ResumeCommand.class,
                SyncCommand.class, AskCommand.class, GateCommand.class, MergeCommand.class, ReportCommand.class,
                CleanupCommand.class, DemoCommand.class, CommandLine.HelpCommand.class},
        exitCodeOnInvalidInput = ExitCodes.BAD_INPUT,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:what was asked succeeded",
                "1:the work failed (a workstream did not finish, a worktree was kept)",
                "2:unstable (a quality gate said so)",
                "3:bad input or refused (the message says which input and what to do)",
                "70:internal error (a bug: please report it with the message)",
                "130:stopped by Ctrl-C or SIGTERM (workers recorded interrupted; pwt resume continues)"},
        footer = {"", "Start with: pwt demo"})
public final class Pwt implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // on Ctrl-C or SIGTERM the JVM runs its shutdown hooks while this thread goes on: the run stops its workers,
        // records them, and returns its summary here; this hook keeps the JVM alive until that summary is printed
        java.util.concurrent.CountDownLatch printed = new java.util.concurrent.CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                printed.await(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "pwt-print-summary"));
        int code = execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        if (shuttingDown()) {
            // System.exit would wait forever for the shutdown already under way; the summary is out, so end now
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(code);
        }
        printed.countDown();
        System.exit(code);
    }

    private static boolean shuttingDown() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    /** Runs {@code pwt} with the given arguments and writers; returns the exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Pwt());
        cli.setOut(out);
        cli.setErr(err);
        badInputOnUsageErrors(cli);
        HelpText.rewrap(cli);
        // every subcommand's --version says what 'pwt --version' says
        cli.getSubcommands().values().forEach(sub -> sub.getCommandSpec().versionProvider(new Version()));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("pwt: " + message(e));
            if (System.getenv("PWT_DEBUG") != null) {
                e.printStackTrace(commandLine.getErr());
            }
            return exitCodeOf(e);
        });
        return cli.execute(args);
    }

    /**
     * A usage error (a missing PLAN, an unknown option) exits 3, "bad input", in every subcommand: picocli's
     * default, 2, is what pwt means by "unstable", and the annotation on Pwt covers only the top command.
     */
    private static void badInputOnUsageErrors(CommandLine command) {
        command.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.BAD_INPUT);
        command.getSubcommands().values().forEach(Pwt::badInputOnUsageErrors);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static int exitCodeOf(Exception e) {
        if (e instanceof PlanException || e instanceof RunException || e instanceof RunLockedException
                || e instanceof WorktreeException || e instanceof GitException || e instanceof UncheckedIOException
                || e instanceof IllegalArgumentException
                || e instanceof io.github.parallelworktrees.engine.ledger.LedgerException) {
            return ExitCodes.BAD_INPUT;
        }
        return ExitCodes.INTERNAL;
    }

    private static String message(Exception e) {
        if (e instanceof PlanException || e instanceof RunException
                || e instanceof RunLockedException || e instanceof WorktreeException || e instanceof GitException
                || e instanceof IllegalArgumentException
                || e instanceof io.github.parallelworktrees.engine.ledger.LedgerException) {
            return e.getMessage();
        }
        if (e instanceof UncheckedIOException u) {
            return u.getMessage() + (u.getCause() != null ? ": " + u.getCause().getMessage() : "");
        }
        return "internal error: " + e + " (set PWT_DEBUG=1 for the stack trace)";
    }

    /** The version from the jar's manifest, or "development". */
    /** The build's version and git commit, from version.properties (filled in by the build). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws java.io.IOException {
            java.util.Properties p = new java.util.Properties();
            try (java.io.InputStream in = Pwt.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            String version = known(p.getProperty("version")).orElse("(version unknown)");
            String commit = known(p.getProperty("commit")).map(c -> "commit " + c
                    + ("true".equals(p.getProperty("dirty")) ? " with uncommitted changes" : "")
                    + known(p.getProperty("commitTime")).map(t -> " of " + t).orElse(""))
                    .orElse("commit unknown (built outside a git checkout)");
            return new String[] {"pwt " + version + ", " + commit,
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }

        /** A value the build filled in (an unfilled one still reads "${...}"). */
        private static java.util.Optional<String> known(String value) {
            return java.util.Optional.ofNullable(value).filter(v -> !v.isBlank() && !v.startsWith("${"));
        }
    }
}
