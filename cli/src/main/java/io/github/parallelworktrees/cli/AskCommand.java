package io.github.parallelworktrees.cli;

import io.github.parallelworktrees.engine.claude.SessionQuestion;
import io.github.parallelworktrees.engine.ledger.RunLayout;
import io.github.parallelworktrees.engine.ledger.RunState;
import io.github.parallelworktrees.engine.ledger.RunView;
import io.github.parallelworktrees.engine.ledger.WorkerRecord;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.plan.WorkerType;
import io.github.parallelworktrees.engine.plan.Workstream;
import io.github.parallelworktrees.engine.run.RunException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pwt ask PLAN WS QUESTION}: asks a Claude worker's session, without disturbing it. */
@Command(name = "ask", mixinStandardHelpOptions = true,
        description = {"Ask a Claude worker's session a question (\"What's your current progress?\") without"
                + " disturbing it: the CLI resumes a fork of the session (--fork-session, in plan mode: it cannot"
                + " edit), so the worker's own session is not written. Works while the worker runs and after."
                + " Prints the answer and what it cost."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:answered",
                "1:the CLI gave no answer (the message says why)",
                "3:bad input: no run, an unknown workstream, a worker with no Claude session"})
final class AskCommand implements Callable<Integer> {

    @Mixin
    PlanOptions planOptions;

    @Parameters(index = "1", paramLabel = "WS", description = "The workstream whose worker to ask.")
    String workstream;

    @Parameters(index = "2", paramLabel = "QUESTION", description = "The question.")
    String question;

    @Option(names = "--rehearsal", paramLabel = "SCRIPT", description = "The scripted model's answer, for a worker"
            + " that ran in a rehearsal (offline; see docs/rehearsal.md).")
    Path rehearsal;

    @Option(names = "--timeout-seconds", paramLabel = "N", defaultValue = "300",
            description = "How long to wait for the answer (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Plan plan = planOptions.plan();
        RunLayout layout = planOptions.layout(plan);
        Workstream ws = PlanOptions.workstreams(plan, List.of(workstream)).get(0);
        if (ws.worker().type() != WorkerType.CLAUDE) {
            throw new RunException("workstream '" + workstream + "' has a " + ws.worker().type().name()
                    .toLowerCase(java.util.Locale.ROOT) + " worker, which has no session to ask; its log: "
                    + layout.workerLog(workstream));
        }
        RunView view = RunState.load(layout).map(RunState::view).orElseThrow(() -> planOptions.noRun(plan, layout));
        WorkerRecord record = view.workers().get(workstream);
        if (record == null || record.sessionId() == null) {
            throw new RunException("workstream '" + workstream + "' has no Claude session yet (its worker is "
                    + (record == null ? "not in the run" : record.status().id()) + "); ask once it has started");
        }
        boolean rehearsed = ws.worker().rehearsal().isPresent();
        if (rehearsed && rehearsal == null) {
            throw new RunException("workstream '" + workstream + "' ran in a rehearsal (a scripted model): give the"
                    + " answer's script with --rehearsal SCRIPT to ask it offline");
        }
        SessionQuestion.Answer answer;
        try {
            answer = SessionQuestion.ask(layout.repository(), layout.worktree(workstream), ws.worker(),
                    record.sessionId(), question, planOptions.environment(), layout.root(), rehearsed,
                    Optional.ofNullable(rehearsal).map(p -> p.toAbsolutePath()), Duration.ofSeconds(timeoutSeconds));
        } catch (java.io.IOException e) {
            spec.commandLine().getErr().println("pwt: " + e.getMessage());
            return ExitCodes.FAILED;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(answer.text());
        out.println();
        out.println("(" + Money.format(answer.costUsd()) + "; asked a fork of session " + record.sessionId()
                + answer.forkedSession().map(id -> " as " + id).orElse("") + ": the worker's session is unchanged)");
        out.flush();
        return ExitCodes.OK;
    }
}
