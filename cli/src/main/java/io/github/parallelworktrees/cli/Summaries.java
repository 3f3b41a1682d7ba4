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

    /**
     * Each wave as it stands now: what git says is on the integration branch, what is left out and why, and the
     * merges and rollbacks that got it there (no merge repeated, none that a rollback undid shown as landed).
     */
    private static void printWaves(RunSummary summary, PrintWriter out) {
        java.util.SortedMap<Integer, List<String>> waves = new java.util.TreeMap<>();
        summary.workers().forEach(w -> waves.computeIfAbsent(w.wave(), k -> new java.util.ArrayList<>())
                .add(w.workstream()));
        for (var wave : waves.entrySet()) {
            List<io.github.parallelworktrees.engine.ledger.RunView.Merge> merges = summary.merges().stream()
                    .filter(m -> m.result().wave() == wave.getKey()).toList();
            if (merges.isEmpty()) {
                continue;
            }
            List<String> landed = wave.getValue().stream().filter(summary.landed()::contains).toList();
            int gateRuns = merges.stream().mapToInt(m -> m.result().gateRuns().size()).sum();
            int rounds = merges.stream().mapToInt(m -> m.result().rounds()).sum();
            long rolledBack = merges.stream().filter(m -> m.undoneBy().isPresent()).count();
            out.printf("Wave %d -> %s: %s on it now (%d merge(s), %d gate run(s) in %d round(s)%s)%n",
                    wave.getKey(), summary.info().integration(), landed.isEmpty() ? "nothing of it"
                    : String.join(", ", landed), merges.size(), gateRuns, rounds, rolledBack == 0 ? ""
                    : ", " + rolledBack + " rolled back");
            for (io.github.parallelworktrees.engine.ledger.WaveResult.LeftOut l : summary.leftOut()) {
                if (wave.getValue().contains(l.workstream())) {
                    out.printf("       left out %s: %s%n", l.workstream(), l.reason());
                }
            }
        }
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
        // racers are workers too: their spend is the run's, and each race says how it was judged
        io.github.parallelworktrees.engine.ledger.RunView view =
                io.github.parallelworktrees.engine.ledger.RunState.view(layout);
        for (java.util.Map<Integer, WorkerRecord> racers : view.racers().values()) {
            for (WorkerRecord racer : racers.values()) {
                total = total.plus(racer.usage());
            }
        }
        if (total.turns() > 0) {
            out.printf("Agents: %s, %d turns, %s tokens in, %s out%n", Money.format(total.costUsd()), total.turns(),
                    Money.tokens(total.inputTokens()), Money.tokens(total.outputTokens()));
        }
        view.racers().forEach((ws, racers) -> {
            io.github.parallelworktrees.engine.ledger.RaceResult race = view.races().get(ws);
            out.printf("Race of %s: %s%n", ws, race == null ? "not judged" : race.why());
            racers.forEach((n, r) -> out.println(String.format(java.util.Locale.ROOT, "  racer %d %-22s %-11s gate %-9s%s%s",
                    n, r.branch(), r.status().id(), r.gate() == null ? "-" : r.gate(), r.review() == null ? ""
                            : " review " + r.review().verdictWord(), race != null && race.winner() != null
                            && race.winner() == n ? " (winner)" : "").stripTrailing()));
        });
        summary.workers().stream().filter(w -> w.tests() != null).forEach(w -> out.printf("Tests of %s: %s%n",
                w.workstream(), StatusCommand.describe(w.tests())));
        summary.workers().stream().filter(w -> w.review() != null).forEach(w -> out.printf("Review of %s: %s%n",
                w.workstream(), StatusCommand.describe(w.review())));
        printWaves(summary, out);
        out.println();
        out.println("Run files:  " + layout.root());
        out.println("  ledger.jsonl (the record)  report.html  run.json  sessions.json  COORDINATION.md"
                + "  results/<workstream>/{RESULTS.md,worker.log}");
        out.println("Branches:   " + summary.info().feature() + "/<workstream>   (worktrees in the same folder)");
        if (summary.succeeded()) {
            out.println("All " + summary.workers().size() + " workstreams done"
                    + (summary.mergeExpected() ? " and on " + summary.info().integration() + "." : "."));
            if (summary.info().reason() != null && summary.info().reason().startsWith("unstable:")) {
                out.println("Unstable: " + summary.info().reason().substring("unstable:".length()).strip());
                out.flush();
                return ExitCodes.UNSTABLE;
            }
            out.flush();
            return ExitCodes.OK;
        }
        if (summary.interrupted()) {
            out.println("Stopped: " + summary.info().reason());
            out.flush();
            return ExitCodes.INTERRUPTED;
        }
        out.println("Not finished: " + summary.info().reason());
        if (summary.workers().stream().anyMatch(w -> w.status() != WorkerStatus.DONE)) {
            out.println("Look at the logs above, fix the cause, then: pwt resume " + summary.info().planFile());
        }
        if (!summary.leftOut().isEmpty()) {
            java.util.SortedSet<Integer> waves = new java.util.TreeSet<>();
            summary.leftOut().forEach(l -> summary.workers().stream().filter(w -> w.workstream()
                    .equals(l.workstream())).forEach(w -> waves.add(w.wave())));
            out.println("Left out of its wave: fix it on its branch and commit there (after a conflict, merge "
                    + summary.info().integration() + " into the branch first); then 'pwt resume "
                    + summary.info().planFile() + "' merges it again, or by hand: " + String.join("; ", waves.stream()
                    .map(n -> "pwt merge " + summary.info().planFile() + " --wave " + n).toList()));
        }
        out.flush();
        return ExitCodes.FAILED;
    }
}
