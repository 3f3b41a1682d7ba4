package io.jenkins.plugins.parallelworktrees;

import hudson.remoting.VirtualChannel;
import io.github.parallelworktrees.engine.ledger.Ledger;
import io.github.parallelworktrees.engine.ledger.RunLayout;
import io.github.parallelworktrees.engine.ledger.RunView;
import io.github.parallelworktrees.engine.ledger.WorkerRecord;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.plan.PlanParser;
import io.github.parallelworktrees.engine.process.Environment;
import io.github.parallelworktrees.engine.report.Timeline;
import io.jenkins.plugins.parallelworktrees.report.WorkstreamRow;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import jenkins.MasterToSlaveFileCallable;

/**
 * What a whole run on the agent (parallelWorktrees without a body) has done so far, for the build page while the run
 * goes on. The run is one long call on the agent ({@link PlanExecution.RunPlan}), which returns its report
 * only at its end; until then the page would show nothing. So, beside that call, the step asks the agent every few
 * seconds for the run's rows as its ledger has them ({@link Read}) and puts them on the build's action ({@link
 * Poller}). Remoting runs several calls over one channel at once: jenkinsci/remoting Request.call registers each
 * request in Channel.pendingCalls under its own id, sends it, and waits on that request's own monitor for the
 * response with that id, so a second call does not wait for the first. A workspace on the controller runs them on
 * the calling thread (FilePath.act with no channel).
 *
 * <p>These rows link nothing: the files they would link are archived with the run's end, whose rows replace them.
 */
final class RunProgress {

    /** How often the page's rows are brought up to date while the run goes on. */
    static final Duration EVERY = Duration.ofSeconds(5);

    private RunProgress() {
    }

    /**
     * The run's rows on the agent, from its ledger only: no git process, no bundle, no archive, so that looking does
     * not slow the run (the ledger is read without its lock, as {@code pwt watch} reads it from another process).
     * Empty until the run has a ledger.
     */
    static final class Read extends MasterToSlaveFileCallable<ArrayList<WorkstreamRow>> {

        private static final long serialVersionUID = 1L;

        private final String plan;
        private final String workspace;
        private final PipelineEnvironment environment;

        Read(String plan, String workspace, PipelineEnvironment environment) {
            this.plan = plan;
            this.workspace = workspace;
            this.environment = environment;
        }

        @Override
        public ArrayList<WorkstreamRow> invoke(File dir, VirtualChannel channel) throws IOException,
                InterruptedException {
            return EngineCalls.call(() -> {
                Environment env = environment.onThisAgent();
                WorkspacePaths.PlanFile planFile = WorkspacePaths.planFile(dir, workspace, plan, env);
                Plan parsed = PlanParser.read(planFile.path());
                RunLayout layout = new RunLayout(planFile.repository(), parsed.feature(), env);
                ArrayList<WorkstreamRow> rows = new ArrayList<>();
                if (!Files.isRegularFile(layout.root().resolve(Ledger.FILE))) {
                    return rows;
                }
                // one read of the ledger, for the records and the attempts' times both
                List<Ledger.Entry> events = Ledger.of(layout).read();
                RunView view = RunView.of(events);
                Map<String, List<Timeline.WorkerSpan>> spans = new HashMap<>();
                Timeline.of(events, Optional.of(Instant.now())).lanes()
                        .forEach(lane -> spans.put(lane.workstream(), lane.spans()));
                for (WorkerRecord record : view.workers().values()) {
                    rows.add(WorkstreamRow.of(record, Optional.empty(), false)
                            .withSpans(WorkersReport.attempts(record, spans.getOrDefault(record.workstream(),
                                    List.of()))));
                }
                view.racers().forEach((ws, racers) -> racers.values().forEach(record -> rows.add(WorkstreamRow
                        .of(record, Optional.empty(), false).asRacerOf(ws).withSpans(WorkersReport.attempts(record,
                                spans.getOrDefault(record.workstream(), List.of()))))));
                return rows;
            });
        }
    }

    /**
     * One more look after the run's call failed (it brings no report back): the page gets the rows as the ledger
     * says them now instead of those of the last look, which may show workers running. A failure here is the run's
     * failure's business, which the caller reports.
     */
    static void lastLook(Callable<? extends List<WorkstreamRow>> source, Consumer<List<WorkstreamRow>> sink) {
        try {
            List<WorkstreamRow> rows = source.call();
            if (!rows.isEmpty()) {
                sink.accept(rows);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // the run's own failure is what the build reports
        }
    }

    /**
     * Brings the rows from {@code source} to {@code sink} every {@link #EVERY} on a thread of its own, until closed;
     * after {@link #close()} returns, {@code sink} is not called again, so the run's final rows, put after it, are
     * the last word. A look that fails is skipped (the run's own call reports what is wrong); the first failure is
     * told to {@code warn}.
     */
    static final class Poller implements AutoCloseable {
        // A thread of its own, not jenkins.util.Timer's shared pool: a look may wait on a slow agent for a while,
        // which Timer's few threads must not. It runs without the build's authentication (the step's work runs in
        // ACL.as2, GeneralNonBlockingStepExecution.run, and no thread inherits that): what it calls, FilePath.act and
        // the action's put, checks no permission.

        private final Object lock = new Object();
        private final Thread thread;
        private boolean closed;

        private Poller(Callable<? extends List<WorkstreamRow>> source, Consumer<List<WorkstreamRow>> sink,
                Consumer<String> warn, Duration every, String name) {
            thread = new Thread(() -> poll(source, sink, warn, every), name);
            thread.setDaemon(true);
        }

        static Poller start(Callable<? extends List<WorkstreamRow>> source, Consumer<List<WorkstreamRow>> sink,
                Consumer<String> warn, Duration every, String name) {
            Poller poller = new Poller(source, sink, warn, every, name);
            poller.thread.start();
            return poller;
        }

        private void poll(Callable<? extends List<WorkstreamRow>> source, Consumer<List<WorkstreamRow>> sink,
                Consumer<String> warn, Duration every) {
            boolean warned = false;
            while (true) {
                try {
                    Thread.sleep(every.toMillis());
                    List<WorkstreamRow> rows = source.call();
                    synchronized (lock) {
                        if (closed) {
                            return;
                        }
                        if (!rows.isEmpty()) {
                            sink.accept(rows);
                        }
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    synchronized (lock) {
                        if (closed) {
                            return;
                        }
                    }
                    if (!warned) {
                        warned = true;
                        warn.accept("the build page's rows could not be brought up to date while the run goes on ("
                                + e + "); they come with the run's end");
                    }
                }
            }
        }

        /** Stops the polling; waits for a look under way to give up, and no row is put after this returns. */
        @Override
        public void close() throws InterruptedException {
            synchronized (lock) {
                closed = true;
            }
            thread.interrupt();
            thread.join(EVERY.toMillis());
        }
    }
}
