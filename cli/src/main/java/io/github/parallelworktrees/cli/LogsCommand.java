package io.github.parallelworktrees.cli;

import io.github.parallelworktrees.engine.ledger.RunInfo;
import io.github.parallelworktrees.engine.ledger.RunLayout;
import io.github.parallelworktrees.engine.ledger.RunLock;
import io.github.parallelworktrees.engine.ledger.RunState;
import io.github.parallelworktrees.engine.ledger.WorkerRecord;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.plan.Suggestions;
import io.github.parallelworktrees.engine.plan.Workstream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pwt logs PLAN WS [-f]}: a worker's log, its agent's tool calls as readable lines. */
@Command(name = "logs", mixinStandardHelpOptions = true, exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:the log was printed (with -f: the worker or the run ended)",
                "3:bad input: no run, an unknown workstream (did you mean ...)",
                "130:Ctrl-C while following"},
        description = {"Print the worker log of workstream WS: what pwt did, the command's output, and for a Claude"
                + " worker its session and every tool call as it happened (\"turn 3  Bash: git commit -m ...\"),"
                + " times in local time. With -f, keep printing what is added until the worker has ended (or the"
                + " run has), like tail -f. The log is results/<WS>/worker.log in the run's folder.",
                "Exit codes: 0 printed, 3 bad input (no run, an unknown workstream: the message names them), 130"
                        + " stopped by Ctrl-C."})
final class LogsCommand implements Callable<Integer> {

    private static final long POLL_MILLIS = 200;

    @Mixin
    PlanOptions planOptions;

    @Parameters(index = "1", paramLabel = "WS", description = "The workstream whose log to print.")
    String workstream;

    @Option(names = {"-f", "--follow"}, description = "Keep printing what is added until the worker (or the run)"
            + " has ended.")
    boolean follow;

    @Spec
    CommandSpec spec;

    private final StopSignal stop = new StopSignal("pwt-logs-stop");

    @Override
    public Integer call() throws Exception {
        Plan plan = planOptions.plan();
        RunLayout layout = planOptions.layout(plan);
        RunState state = RunState.load(layout).orElseThrow(() -> planOptions.noRun(plan, layout));
        if (!state.has(workstream)) {
            List<String> names = state.workers().stream().map(WorkerRecord::workstream).toList();
            throw new IllegalArgumentException("workstream '" + workstream + "' is not in the run of feature '"
                    + plan.feature() + "'" + Suggestions.didYouMean(workstream, names) + "; its workstreams: "
                    + String.join(", ", names) + (plan.workstream(workstream).map(Workstream::name).isPresent()
                    ? " (the plan has it since the run started: 'pwt resume' adds it)" : ""));
        }
        PrintWriter out = spec.commandLine().getOut();
        Path log = layout.workerLog(workstream);
        if (!follow) {
            if (!Files.isRegularFile(log)) {
                out.println("(no log yet: " + workstream + " is " + state.worker(workstream).status().id() + ")");
            } else {
                new Tail(log).read(true).forEach(l -> out.println(WorkerLogLine.readable(l)));
            }
            out.flush();
            return ExitCodes.OK;
        }
        if (!stop.install()) {
            return ExitCodes.INTERRUPTED; // Ctrl-C came while it started
        }
        try {
            return follow(layout, log, out);
        } finally {
            stop.done();
        }
    }

    /** Prints the log as it grows; after the worker (or the run) has ended, what is left, then returns. */
    private int follow(RunLayout layout, Path log, PrintWriter out) throws InterruptedException {
        Tail tail = new Tail(log);
        while (true) {
            if (over(layout)) {
                // pwt writes a worker's last log line ("pwt: done") before it records the end: this read has it
                tail.read(true).forEach(l -> out.println(WorkerLogLine.readable(l)));
                out.flush();
                return ExitCodes.OK;
            }
            tail.read(false).forEach(l -> out.println(WorkerLogLine.readable(l)));
            out.flush();
            if (stop.await(POLL_MILLIS)) {
                tail.read(true).forEach(l -> out.println(WorkerLogLine.readable(l)));
                out.flush();
                return ExitCodes.INTERRUPTED;
            }
        }
    }

    /**
     * Nothing more will be written to the log: the worker has ended with no repair of it open, or the run has ended
     * (or no pwt holds it: it was killed).
     */
    private boolean over(RunLayout layout) {
        boolean alive = RunLock.isHeld(layout);
        Optional<RunState> state = RunState.load(layout);
        if (state.isEmpty() || !alive || state.get().info().status() != RunInfo.Status.RUNNING) {
            return true;
        }
        WorkerRecord record = state.get().worker(workstream);
        return record.status().isFinal() && state.get().openRepair(workstream).isEmpty();
    }

    /** Reads a file's new whole lines since the last read (the file may not exist yet, or start over). */
    static final class Tail {
        private final Path file;
        private long position;
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

        Tail(Path file) {
            this.file = file;
        }

        /**
         * The lines completed since the last call; with {@code toTheEnd}, also a last line without its newline
         * (nothing more will come to end it).
         */
        List<String> read(boolean toTheEnd) {
            List<String> lines = new java.util.ArrayList<>();
            if (Files.isRegularFile(file)) {
                try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
                    long length = in.length();
                    if (length < position) {
                        position = 0; // written anew from the start (a new attempt's log)
                        partial.reset();
                    }
                    in.seek(position);
                    byte[] buffer = new byte[8192];
                    int n;
                    while (position < length && (n = in.read(buffer, 0, (int) Math.min(buffer.length,
                            length - position))) > 0) {
                        position += n;
                        for (int i = 0; i < n; i++) {
                            if (buffer[i] == '\n') {
                                lines.add(partial.toString(StandardCharsets.UTF_8));
                                partial.reset();
                            } else {
                                partial.write(buffer[i]);
                            }
                        }
                    }
                } catch (IOException e) {
                    lines.add("(cannot read " + file + ": " + e.getMessage() + ")");
                }
            }
            if (toTheEnd && partial.size() > 0) {
                lines.add(partial.toString(StandardCharsets.UTF_8));
                partial.reset();
            }
            return lines;
        }
    }
}
