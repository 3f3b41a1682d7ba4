package io.github.parallelworktrees.cli;

import io.github.parallelworktrees.engine.run.RunSummary;
import io.github.parallelworktrees.engine.ledger.RunLayout;
import io.github.parallelworktrees.engine.ledger.Usage;
import io.github.parallelworktrees.engine.ledger.WorkerStatus;
import io.github.parallelworktrees.engine.ledger.WorkerRecord;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;

/** The end-of-run summary: each workstream's outcome and where its files are. */
final class Summaries {

    private Summaries() {
    }

    /** Prints the summary and returns the exit code it implies. */
    static int print(RunSummary summary, PrintWriter out) {
        RunLayout layout = summary.layout();
        out.println();
        out.printf("%-16s %-11s %-9s %9s %-9s %s%n", "WORKSTREAM", "STATUS", "TIME", "COST", "GATE", "RESULT");
        Instant now = Instant.now();
        Usage total = Usage.NONE;
        for (WorkerRecord r : summary.workers()) {
            String result = r.resultsCollected()
                    ? layout.root().relativize(layout.resultsDir(r.workstream()).resolve("RESULTS.md")).toString()
                    : (r.reason() == null ? "-" : r.reason());
            total = total.plus(r.usage());
            out.printf("%-16s %-11s %-9s %9s %-9s %s%n", r.workstream(), r.status().id(),
                    Durations.format(r.durationMillis(now)), Money.format(r.usage().costUsd()),
                    r.gate() == null ? "-" : r.gate(), result);
        }
        if (total.turns() > 0) {
            out.printf("Agents: %s, %d turns, %s tokens in, %s out%n", Money.format(total.costUsd()), total.turns(),
                    Money.tokens(total.inputTokens()), Money.tokens(total.outputTokens()));
        }
        for (com.fasterxml.jackson.databind.JsonNode merge : summary.merges()) {
            List<String> landed = new java.util.ArrayList<>();
            merge.path("landed").forEach(n -> landed.add(n.asText()));
            out.printf("Wave %d -> %s: landed %s after %d gate run(s)%n", merge.path("wave").asInt(),
                    merge.path("integration").asText(), landed.isEmpty() ? "nothing" : String.join(", ", landed),
                    merge.path("gate_runs").size());
            merge.path("left_out").forEach(l -> out.printf("       left out %s: %s%n", l.path("workstream").asText(),
                    l.path("reason").asText()));
        }
        out.println();
        out.println("Run files:  " + layout.root());
        out.println("  report.html  run.json  sessions.json  COORDINATION.md  results/<workstream>/{RESULTS.md,worker.log}");
        out.println("Branches:   " + summary.info().feature() + "/<workstream>   (worktrees in the same folder)");
        if (summary.succeeded()) {
            out.println("All " + summary.workers().size() + " workstreams done.");
            out.flush();
            return ExitCodes.OK;
        }
        out.println("Not finished: " + summary.info().reason());
        if (summary.workers().stream().anyMatch(w -> w.status() != WorkerStatus.DONE)) {
            out.println("Look at the logs above, fix the cause, then: pwt resume " + summary.info().planFile());
        }
        if (!summary.leftOut().isEmpty()) {
            out.println("A branch left out of a wave lands once fixed: pwt merge " + summary.info().planFile()
                    + " --wave N");
        }
        out.flush();
        return ExitCodes.FAILED;
    }
}
