package io.github.parallelworktrees.engine.run;

import io.github.parallelworktrees.engine.brief.TasksFile;
import io.github.parallelworktrees.engine.gate.GateException;
import io.github.parallelworktrees.engine.gate.GateSpec;
import io.github.parallelworktrees.engine.gate.QualityGate;
import io.github.parallelworktrees.engine.gate.Verdict;
import io.github.parallelworktrees.engine.gate.VerdictReport;
import io.github.parallelworktrees.engine.git.Git;
import io.github.parallelworktrees.engine.git.Worktrees;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.plan.Wave;
import io.github.parallelworktrees.engine.plan.Workstream;
import io.github.parallelworktrees.engine.process.LoggedCommand;
import io.github.parallelworktrees.engine.process.ProcessResult;
import io.github.parallelworktrees.engine.ledger.Json;
import io.github.parallelworktrees.engine.ledger.RunLayout;
import io.github.parallelworktrees.engine.ledger.RunState;
import io.github.parallelworktrees.engine.ledger.Usage;
import io.github.parallelworktrees.engine.ledger.WorkerRecord;
import io.github.parallelworktrees.engine.ledger.WorkerStatus;
import io.github.parallelworktrees.engine.worker.Worker;
import io.github.parallelworktrees.engine.worker.WorkerContext;
import io.github.parallelworktrees.engine.worker.WorkerListener;
import io.github.parallelworktrees.engine.worker.WorkerOutcome;
import io.github.parallelworktrees.engine.worker.WorkerResults;
import io.github.parallelworktrees.engine.workspace.DotEnv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** One workstream's turn: prepare its worktree, run its worker, hand over its results. Never throws. */
final class WorkstreamTask implements Runnable {

    private final Plan plan;
    private final Workstream ws;
    private final RunLayout layout;
    private final RunState state;
    private final String baseCommit;
    private final String startPoint;
    private final Worker worker;
    private final RunListener listener;
    private final Consumer<ProcessHandle> processTracker;

    /**
     * @param startPoint the commit a new branch starts from: the base, or the integration branch once the
     *     workstream's dependencies are merged into it
     */
    WorkstreamTask(Plan plan, Workstream ws, RunLayout layout, RunState state, String baseCommit, String startPoint,
            Worker worker, RunListener listener, Consumer<ProcessHandle> processTracker) {
        this.plan = plan;
        this.ws = ws;
        this.layout = layout;
        this.state = state;
        this.baseCommit = baseCommit;
        this.startPoint = startPoint;
        this.worker = worker;
        this.listener = listener;
        this.processTracker = processTracker;
    }

    @Override
    public void run() {
        String name = ws.name();
        Path log = layout.workerLog(name);
        WorkerRecord record = state.update(name, r -> r.started(Instant.now()).withStatus(WorkerStatus.PREPARING,
                null));
        listener.workerStarted(record);
        try {
            Path worktree = layout.worktree(name);
            if (!record.prepared()) {
                prepare(worktree, log);
            }
            WorkerResults.setAsideEarlierResults(worktree, layout.resultsDir(name), record.attempts() - 1);
            state.update(name, r -> r.withStatus(WorkerStatus.RUNNING, null));
            LoggedCommand.appendLine(log, "pwt: worker " + ws.worker().type().id() + ", attempt "
                    + record.attempts());
            WorkerOutcome outcome = worker.run(new WorkerContext(ws, plan.feature(), plan.branchOf(ws), worktree,
                    layout.repository(), layout.root(), layout.resultsDir(name), log, environment(worktree), record.attempts(),
                    Optional.ofNullable(record.sessionId()), workerListener()));
            finish(worktree, outcome);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            end(WorkerStatus.FAILED, null, "interrupted: the run was stopped", false, Usage.NONE);
        } catch (Exception e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            appendQuietly(log, "pwt: " + why);
            end(WorkerStatus.FAILED, null, why, false, Usage.NONE);
        }
    }

    private void prepare(Path worktree, Path log) throws IOException, InterruptedException {
        Worktrees.Added added = new Worktrees(Git.in(layout.repository())).add(worktree, plan.branchOf(ws),
                startPoint);
        if (added == Worktrees.Added.NEW_BRANCH && !startPoint.equals(baseCommit)) {
            listener.info(ws.name() + ": starts from the integration branch, which has its dependencies merged");
        }
        if (added == Worktrees.Added.EXISTING_BRANCH) {
            String ahead = Git.in(worktree).run("rev-list", "--count", baseCommit + "..HEAD");
            listener.info(ws.name() + ": reusing existing branch " + plan.branchOf(ws) + " as it is (" + ahead
                    + " commit(s) ahead of base); nothing was reset");
        }
        writeDotEnv(worktree);
        Json.writeAtomically(worktree.resolve(TasksFile.NAME), TasksFile.render(plan, ws, worktree,
                layout.coordinationFile(), startPoint, tasksText()));
        for (String command : plan.setup()) {
            ProcessResult result = LoggedCommand.run(command, worktree, environment(worktree), log,
                    ws.worker().timeout(), processTracker);
            if (!result.succeeded()) {
                throw new RunException("setup command '" + command + "' "
                        + (result.timedOut() ? "timed out" : "failed with exit " + result.exitCode())
                        + "; see " + log);
            }
        }
        state.update(ws.name(), WorkerRecord::markPrepared);
    }

    private void finish(Path worktree, WorkerOutcome outcome) throws IOException {
        WorkerResults.Handover handover = WorkerResults.handOver(worktree, layout.resultsDir(ws.name()), ws.name());
        if (handover.committedLeftovers()) {
            listener.info(ws.name() + ": committed changes the worker left uncommitted");
        }
        handover.summary().ifPresent(s -> state.update(ws.name(), r -> r.withCheckpoint(s)));
        WorkerStatus status;
        String why = outcome.failure().orElse(null);
        if (!outcome.succeeded()) {
            status = switch (outcome.ending()) {
                case TIMED_OUT -> WorkerStatus.TIMED_OUT;
                case MAX_TURNS -> WorkerStatus.MAX_TURNS;
                case OVER_BUDGET -> WorkerStatus.OVER_BUDGET;
                default -> WorkerStatus.FAILED;
            };
        } else if (!handover.resultsFound()) {
            status = WorkerStatus.INCOMPLETE;
            why = "the worker exited " + outcome.exitCode() + " without writing RESULTS.md";
        } else {
            status = WorkerStatus.DONE;
            why = null;
        }
        end(status, outcome.exitCode(), why, handover.resultsFound(), outcome.usage());
        // with autoMerge the wave's gate runs on the merged tree instead, where bisection names the culprits
        if (status == WorkerStatus.DONE && !plan.autoMerge()) {
            gate(worktree);
        }
    }

    /**
     * Runs the wave's gate on the workstream's own branch, in its worktree, so a broken branch is named before
     * it is merged. The verdict goes to results/<ws>/gate.json and gate.md and into the workstream's record.
     */
    private void gate(Path worktree) {
        Optional<GateSpec> spec = plan.waves().stream().filter(w -> w.number() == ws.wave()).findFirst()
                .flatMap(Wave::gateSpec);
        if (spec.isEmpty()) {
            return;
        }
        Path results = layout.resultsDir(ws.name());
        String status;
        String reason;
        try {
            Verdict verdict = new QualityGate(environment(worktree), ws.worker().timeout())
                    .evaluate(spec.get(), worktree, results);
            VerdictReport.write(verdict, results);
            status = VerdictReport.id(verdict.status());
            reason = verdict.failures().isEmpty() ? null : String.join("; ", verdict.failures());
        } catch (GateException e) {
            status = "error";
            reason = "the gate could not run: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        String judged = status;
        String why = reason;
        WorkerRecord gated = state.update(ws.name(), r -> r.withGate(judged, why));
        listener.gateJudged(gated);
    }

    private void end(WorkerStatus status, Integer exit, String why, boolean collected, Usage spent) {
        WorkerRecord done = state.update(ws.name(), r -> r.finished(status, exit, why, Instant.now(), collected,
                spent));
        appendQuietly(layout.workerLog(ws.name()), "pwt: " + status.id() + (why == null ? "" : ": " + why));
        listener.workerFinished(done);
    }

    private WorkerListener workerListener() {
        return new WorkerListener() {
            @Override
            public void processStarted(long pid, Instant startedAt) {
                state.update(ws.name(), r -> r.withProcess(pid, startedAt));
                ProcessHandle.of(pid).ifPresent(processTracker);
            }

            @Override
            public void sessionStarted(String sessionId) {
                state.update(ws.name(), r -> r.withSession(sessionId));
            }

            @Override
            public void progress(String line) {
                listener.workerProgress(ws.name(), line);
            }
        };
    }

    /** The variables a worker and the setup commands see on top of the inherited environment. */
    private Map<String, String> environment(Path worktree) {
        Map<String, String> env = new LinkedHashMap<>(DotEnv.forWorkstream(plan.env(), ws.index()));
        env.put("PWT_FEATURE", plan.feature());
        env.put("PWT_WORKSTREAM", ws.name());
        env.put("PWT_BRANCH", plan.branchOf(ws));
        env.put("PWT_WAVE", String.valueOf(ws.wave()));
        env.put("PWT_WORKTREE", worktree.toString());
        env.put("PWT_TASKS", worktree.resolve(TasksFile.NAME).toString());
        env.put("PWT_COORDINATION", layout.coordinationFile().toString());
        return env;
    }

    private void writeDotEnv(Path worktree) throws IOException {
        Optional<String> text = DotEnv.forWorktree(layout.repository(), plan.env(), ws.index());
        if (text.isPresent()) {
            Json.writeAtomically(worktree.resolve(".env"), text.get());
        }
    }

    private Optional<String> tasksText() throws IOException {
        if (ws.tasksFile().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Files.readString(PlanRunner.tasksPath(layout.repository(), ws)));
    }

    private static void appendQuietly(Path log, String line) {
        try {
            LoggedCommand.appendLine(log, line);
        } catch (IOException ignored) {
            // the state files still say what happened
        }
    }
}
