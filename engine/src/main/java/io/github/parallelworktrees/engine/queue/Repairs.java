package io.github.parallelworktrees.engine.queue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.parallelworktrees.engine.ledger.Event;
import io.github.parallelworktrees.engine.ledger.Json;
import io.github.parallelworktrees.engine.ledger.Landings;
import io.github.parallelworktrees.engine.ledger.RunLayout;
import io.github.parallelworktrees.engine.ledger.RunListener;
import io.github.parallelworktrees.engine.ledger.RunState;
import io.github.parallelworktrees.engine.ledger.RunView;
import io.github.parallelworktrees.engine.ledger.WaveResult;
import io.github.parallelworktrees.engine.ledger.WorkerRecord;
import io.github.parallelworktrees.engine.ledger.WorkerStatus;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.plan.Workstream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Repair instead of leaving out ({@code repair: {attempts: N}}): a branch a merge left out because of itself (the
 * culprit of a gate failure, or a conflict nothing resolved) goes back to its own worker, at most N times, while
 * the run's budget lasts. Starting a repair records it, writes the report its worker gets and makes the workstream
 * pending again, with the repair open, for the runner to run; the worker's new commits make the branch a
 * candidate of the queue again. Each repair ends when its branch lands, a later merge leaves it out again, or its
 * worker does not finish. Everything here is read from the ledger and git, so a resumed run goes on where the
 * stopped one was.
 */
public final class Repairs {

    private final Plan plan;
    private final RunLayout layout;
    private final RunListener listener;
    private final RunState state;

    public Repairs(Plan plan, RunLayout layout, RunListener listener, RunState state) {
        this.plan = plan;
        this.layout = layout;
        this.listener = listener;
        this.state = state;
    }

    /** The repair file of {@code workstream}'s attempt {@code attempt}, in the run's folder. */
    public static Path reportFile(RunLayout layout, String workstream, int attempt) {
        return layout.root().resolve("repairs").resolve(workstream).resolve("repair-" + attempt + ".md");
    }

    /**
     * The left-out that {@code r}'s worker should repair now: its branch was left out as it is now, for a reason
     * of its own, it has attempts left, no repair of it is under way, and the run's budget is not spent.
     */
    Optional<WaveResult.LeftOut> due(WorkerRecord r, Landings landings) {
        if (r.status() != WorkerStatus.DONE || landings.landed(r.branch())) {
            return Optional.empty();
        }
        Optional<WaveResult.LeftOut> left = state.lastLeftOut(r.workstream());
        if (left.isEmpty() || left.get().kind() == null || left.get().tip() == null
                || !left.get().tip().equals(landings.tip(r.branch()).orElse(null))) {
            return Optional.empty();
        }
        if (state.openRepair(r.workstream()).isPresent() || budgetSpent()
                || state.repairsOf(r.workstream()).size() >= attempts(r.workstream())) {
            return Optional.empty();
        }
        return left;
    }

    /** A repair of {@code r} is due or under way: its dependents and its wave wait for it. */
    boolean pending(WorkerRecord r, Landings landings) {
        return state.openRepair(r.workstream()).isPresent() || due(r, landings).isPresent();
    }

    /**
     * Records how the open repairs ended, then starts every repair that is due.
     *
     * @return the workstreams whose worker is to run again now (they are pending, with their repair open)
     */
    public List<String> startDue(Landings landings) {
        settle(landings);
        List<String> starting = new ArrayList<>();
        for (WorkerRecord r : state.workers()) {
            Optional<WaveResult.LeftOut> left = due(r, landings);
            if (left.isPresent()) {
                start(r, left.get(), landings);
                starting.add(r.workstream());
            }
        }
        return starting;
    }

    private void start(WorkerRecord r, WaveResult.LeftOut left, Landings landings) {
        String name = r.workstream();
        int attempt = state.repairsOf(name).size() + 1;
        int attempts = attempts(name);
        String integration = landings.integrationTip().orElseGet(() -> layout.git()
                .resolveCommit("refs/heads/" + plan.integration()).orElse(state.info().baseCommit()));
        Path report = reportFile(layout, name, attempt);
        Json.writeAtomically(report, report(name, attempt, attempts, left, integration));
        String why = "repair " + attempt + " of " + attempts + ": left out (" + left.reason() + ")";
        // pending first: a pwt killed in between runs the workstream again rather than leaving a repair that
        // nothing would ever run
        state.update(name, x -> x.withStatus(WorkerStatus.PENDING, why));
        state.record(new Event.RepairStarted(Instant.now(), name, attempt, attempts, left.kind(), left.reason(),
                left.tip(), integration, report.toString(), r.usage().costUsd()));
        listener.info(name + ": " + why + "; it goes back to its worker with " + report);
    }

    /** Ends each open repair whose outcome is known: landed, left out by a merge since it started, worker ended. */
    void settle(Landings landings) {
        RunView view = state.view();
        List<RunView.Repair> open;
        synchronized (state) {
            open = view.repairs().stream().filter(RunView.Repair::open).toList();
        }
        for (RunView.Repair repair : open) {
            WorkerRecord r = state.worker(repair.workstream());
            double cost = Math.max(0, r.usage().costUsd() - repair.started().costBeforeUsd());
            Event.RepairEnded.Outcome outcome = null;
            String detail = null;
            if (r.status().isFinal() && r.status() != WorkerStatus.DONE && !r.status().stoppedByUser()) {
                outcome = Event.RepairEnded.Outcome.WORKER_FAILED;
                detail = r.status().id() + (r.reason() == null ? "" : ": " + r.reason());
            } else if (r.status() == WorkerStatus.DONE && landings.landed(r.branch())) {
                outcome = Event.RepairEnded.Outcome.LANDED;
            } else if (r.status() == WorkerStatus.DONE) {
                // a merge, or the branch's review, since the repair started left it out again
                Optional<WaveResult.LeftOut> again;
                synchronized (state) {
                    again = view.leftOutAfter(repair.seq(), repair.workstream());
                }
                if (again.isPresent()) {
                    outcome = Event.RepairEnded.Outcome.LEFT_OUT;
                    detail = again.get().reason();
                }
            }
            if (outcome != null) {
                state.record(new Event.RepairEnded(Instant.now(), repair.workstream(), repair.attempt(), outcome,
                        detail, cost));
                listener.info(repair.workstream() + ": repair " + repair.attempt() + " " + outcome.id()
                        .replace('_', ' ') + (detail == null ? "" : " (" + detail + ")"));
            }
        }
    }

    /**
     * What a run's summary adds to the reason {@code workstream} is left out: that its repairs are used up, or
     * that the budget stopped them; empty when it had no repair.
     */
    public static String note(Plan plan, RunView view, String workstream) {
        Optional<Workstream> ws = plan.workstream(workstream);
        int attempts = ws.map(plan::repairAttempts).orElse(0);
        int made = view.repairsOf(workstream).size();
        if (attempts == 0) {
            return "";
        }
        if (made >= attempts) {
            return "repair attempts exhausted (" + made + " of " + attempts + ")";
        }
        return plan.budgetUsd().isPresent() ? "not repaired: the run's budget is spent (" + made + " of " + attempts
                + " repair attempts made)" : "";
    }

    /** The left-outs with {@link #note} added to their reasons, for a run's summary. */
    public static List<WaveResult.LeftOut> annotated(Plan plan, RunView view, List<WaveResult.LeftOut> leftOut) {
        return leftOut.stream().map(l -> {
            String note = note(plan, view, l.workstream());
            return note.isEmpty() ? l : new WaveResult.LeftOut(l.workstream(), l.reason() + "; " + note, l.tip(),
                    l.kind());
        }).toList();
    }

    private int attempts(String workstream) {
        return plan.workstream(workstream).map(plan::repairAttempts).orElse(0);
    }

    private boolean budgetSpent() {
        if (plan.budgetUsd().isEmpty()) {
            return false;
        }
        double spent = state.workers().stream().mapToDouble(w -> w.usage().costUsd()).sum();
        return spent >= plan.budgetUsd().get();
    }

    /** The Markdown the worker gets: why its branch was left out, and what the merge saw. */
    private String report(String name, int attempt, int attempts, WaveResult.LeftOut left, String integration) {
        StringBuilder md = new StringBuilder();
        md.append("# Repair ").append(attempt).append(" of ").append(attempts).append(": workstream ").append(name)
                .append("\n\n");
        md.append("Your branch ").append(plan.branchOf(plan.workstream(name).orElseThrow())).append(" (at ")
                .append(left.tip()).append(") was left out of the integration branch ").append(plan.integration())
                .append(":\n\n> ").append(left.reason()).append("\n\n");
        Optional<RunView.Merge> merge = lastMergeLeavingOut(name);
        if (left.kind() == WaveResult.LeftOut.Kind.CULPRIT) {
            md.append("## Why: the gate fails with your branch\n\n")
                    .append("The wave's gate passes without your branch and fails with it merged. Fix your branch so"
                            + " that the gate passes on the integration branch with it.\n\n");
            merge.ifPresent(m -> gateVerdict(md, name, m));
        } else if (left.kind() == WaveResult.LeftOut.Kind.REVIEW) {
            md.append("## Why: your reviewer requested changes\n\n")
                    .append("A reviewer read your branch's diff and requested changes; the review keeps your branch"
                            + " out of the integration. Address its findings, and your branch is reviewed again.\n\n");
            reviewFindings(md, name);
        } else {
            md.append("## Why: a conflict with the integration branch\n\n")
                    .append("Your branch conflicts with what has landed on ").append(plan.integration())
                    .append(" (its commit ").append(integration).append("), and no merge policy or resolver settled"
                            + " it. The conflicting files are named above.\n\n");
        }
        md.append("## What pwt does before your worker runs\n\n")
                .append("It merges the integration branch's commit ").append(integration).append(" into your branch"
                        + " (a merge, never a rebase: your commits stay as they are). When that merge conflicts, your"
                        + " worktree is left in the middle of it, with conflict markers in the files listed below:"
                        + " resolve them, then `git add` them and `git commit` to conclude the merge.\n\n")
                .append("## What to do\n\n")
                .append("Fix the cause, commit on your branch, write RESULTS.md again, and end. The branch then goes"
                        + " back into the integration queue (its gate runs again on the merged tree"
                        + (plan.workstream(name).flatMap(plan::review).isPresent() ? ", after its review" : "")
                        + ").\n");
        return md.toString();
    }

    /** The failed gate run that blamed {@code name}: its summary, failing tests and verdict, from its folder. */
    private void gateVerdict(StringBuilder md, String name, RunView.Merge merge) {
        WaveResult result = merge.result();
        int mergeNumber = 0;
        for (RunView.Merge m : state.merges()) {
            if (m.result().wave() == result.wave()) {
                mergeNumber++;
            }
            if (m.seq() == merge.seq()) {
                break;
            }
        }
        Optional<WaveResult.GateRun> failed = result.gateRuns().stream()
                .filter(g -> !g.passed() && g.workstreams().contains(name)).reduce((a, b) -> b);
        if (failed.isEmpty()) {
            return;
        }
        Path dir = layout.root().resolve("merges").resolve("wave-" + result.wave()).resolve("merge-" + mergeNumber)
                .resolve("gate-" + failed.get().number());
        md.append("### The gate's verdict\n\n").append("Gate run ").append(failed.get().number()).append(" on ")
                .append(String.join(" + ", failed.get().workstreams())).append(" (commit ")
                .append(failed.get().commit()).append("): ").append(failed.get().status())
                .append(failed.get().summary().isEmpty() ? "" : " (" + failed.get().summary() + ")").append("\n\n")
                .append("Its files (gate.md, gate.json, the gate's output): ").append(dir).append("\n\n");
        try {
            Path json = dir.resolve("gate.json");
            if (Files.isRegularFile(json)) {
                JsonNode verdict = Json.MAPPER.readTree(json.toFile());
                List<String> tests = new ArrayList<>();
                verdict.path("tests").path("failed").forEach(t -> tests.add(t.asText()));
                if (!tests.isEmpty()) {
                    md.append("### Failing tests\n\n");
                    tests.forEach(t -> md.append("- ").append(t).append('\n'));
                    md.append('\n');
                }
                for (JsonNode gate : verdict.path("gates")) {
                    String output = gate.path("output").asText("");
                    if (!gate.path("status").asText().equals("passed") && !output.isBlank()) {
                        // a command gate's output is the log file it wrote: its end says what failed
                        Path log = Path.of(output);
                        boolean file = !output.contains("\n") && log.isAbsolute() && Files.isRegularFile(log);
                        md.append("### Output of ").append(gate.path("gate").asText())
                                .append(file ? " (the end of " + log + ")" : "").append("\n\n```\n")
                                .append(tail(file ? Files.readString(log) : output)).append("\n```\n\n");
                    }
                }
            }
            Path gateMd = dir.resolve("gate.md");
            if (Files.isRegularFile(gateMd)) {
                md.append(Files.readString(gateMd).replaceFirst("^## ", "### ")).append('\n');
            }
        } catch (IOException e) {
            md.append("(pwt could not read the verdict in ").append(dir).append(": ").append(e.getMessage())
                    .append(")\n\n");
        }
    }

    /** The review that kept {@code name} out: its verdict and its REVIEW.md, as the reviewer wrote it. */
    private void reviewFindings(StringBuilder md, String name) {
        io.github.parallelworktrees.engine.ledger.ReviewRecord review = state.worker(name).review();
        if (review == null) {
            return;
        }
        md.append("### The review (round ").append(review.round()).append(", commit ").append(review.tip())
                .append(")\n\n").append("Verdict: ").append(review.verdict()).append(" (").append(review.reason())
                .append(")\n\n");
        if (review.file() == null) {
            return;
        }
        md.append("Its REVIEW.md (").append(review.file()).append("):\n\n");
        try {
            md.append(Files.readString(Path.of(review.file()))).append("\n\n");
        } catch (IOException e) {
            md.append("(pwt could not read it: ").append(e.getMessage()).append(")\n\n");
        }
    }

    private Optional<RunView.Merge> lastMergeLeavingOut(String name) {
        List<RunView.Merge> merges = state.merges();
        for (int i = merges.size() - 1; i >= 0; i--) {
            if (merges.get(i).result().leftOut().stream().anyMatch(l -> l.workstream().equals(name))) {
                return Optional.of(merges.get(i));
            }
        }
        return Optional.empty();
    }

    /** The last 40 lines of a gate's output: where a build says what failed. */
    private static String tail(String output) {
        List<String> lines = output.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())).replace("```", "'''");
    }
}
