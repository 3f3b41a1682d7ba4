package io.github.parallelworktrees.engine.report;

import io.github.parallelworktrees.engine.ledger.RunInfo;
import io.github.parallelworktrees.engine.ledger.WorkerStatus;
import io.github.parallelworktrees.engine.status.StatusReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What happened, in one line and a sentence, from what git and the ledger say: "All 5 workstreams landed", "4 of 5
 * landed; b left out: culprit of the gate", "Running: 2 of 5 landed so far". It names the run's own state only
 * where it adds something ("interrupted"), and never calls a run made to leave a culprit out (the demo) a plain
 * failure when it did just that: it says "as designed", and still says that pwt records the run as failed.
 *
 * @param title the headline
 * @param detail the sentence under it; empty when the headline says it all
 * @param tone "good", "bad" or "neutral", for its colour
 */
public record Headline(String title, String detail, String tone) {

    /** What pwt says of a run that does not merge by itself and merged nothing. */
    static final String PWT_MERGES = "Nothing is merged: the plan does not merge by itself (autoMerge is off);"
            + " 'pwt merge' lands what is done.";

    /**
     * A workstream as the headline weighs it.
     *
     * @param landed the integration branch holds its branch
     * @param leftOut why the latest merge that took it left it out, when one did and nothing landed it since
     * @param repairs how many times a repair sent it back to its worker
     */
    public record Outcome(String workstream, WorkerStatus status, boolean landed, Optional<String> leftOut,
            int repairs) {
    }

    /**
     * A run as the headline weighs it, from wherever its facts were kept: a run folder (report.html), or a Jenkins
     * build's record of its steps.
     *
     * @param state the run's own state: RUNNING and INTERRUPTED are told as such
     * @param reason why it was interrupted, or null
     * @param integration the integration branch
     * @param merges whether the run merges by itself (autoMerge; in Jenkins, mergeWave steps)
     * @param notMerging the sentence under the headline of a run that does not merge by itself and merged nothing:
     *     what lands the work that is done
     * @param workstreams in the plan's order
     */
    public record Facts(RunInfo.Status state, String reason, String integration, boolean merges, String notMerging,
            List<Outcome> workstreams) {
        public Facts {
            workstreams = List.copyOf(workstreams);
        }
    }

    static Headline of(StatusReport status, boolean autoMerge, Optional<DesignedOutcome> design) {
        List<Outcome> outcomes = status.workstreams().stream().map(ws -> new Outcome(ws.workstream(), ws.status(),
                ws.landed(), ws.leftOut(), status.repairsOf(ws.workstream()).size())).toList();
        return of(new Facts(status.info().status(), status.info().reason(), status.info().integration(), autoMerge,
                PWT_MERGES, outcomes), design);
    }

    /** The headline of a run, and whether it went as {@code design} says when it was built to show something. */
    public static Headline of(Facts run, Optional<DesignedOutcome> design) {
        List<Outcome> all = run.workstreams();
        boolean autoMerge = run.merges();
        int n = all.size();
        long landed = all.stream().filter(Outcome::landed).count();
        String things = n == 1 ? "workstream" : "workstreams";
        RunInfo.Status state = run.state();
        if (state == RunInfo.Status.RUNNING) {
            long working = all.stream().filter(w -> w.status() == WorkerStatus.RUNNING
                    || w.status() == WorkerStatus.PREPARING).count();
            long waiting = all.stream().filter(w -> w.status() == WorkerStatus.PENDING).count();
            long queued = all.stream().filter(w -> Landing.of(w.landed(), w.leftOut().isPresent(), w.status(), true,
                    autoMerge) == Landing.QUEUED).count();
            return new Headline("Running: " + (autoMerge ? landed + " of " + n + " " + things + " landed so far"
                    : n + " " + things), join(List.of(count(working, "working"), count(queued, "queued for a merge"),
                            count(waiting, "waiting"))), "neutral");
        }
        List<String> missing = new ArrayList<>();
        for (Outcome ws : all) {
            if (!ws.landed()) {
                missing.add(ws.workstream() + " " + why(ws));
            }
        }
        String repaired = all.stream().filter(Outcome::landed).filter(ws -> ws.repairs() > 0)
                .map(ws -> ws.workstream() + " was left out, " + repairs(ws.repairs()) + ", and landed")
                .collect(Collectors.joining("; "));
        if (state == RunInfo.Status.INTERRUPTED) {
            return new Headline("Interrupted: " + landed + " of " + n + " " + things + " landed before the run"
                    + " stopped", sentence(run.reason()), "bad");
        }
        if (!autoMerge && landed == 0) {
            long done = all.stream().filter(w -> w.status() == WorkerStatus.DONE).count();
            List<String> notDone = all.stream().filter(w -> w.status() != WorkerStatus.DONE)
                    .map(w -> w.workstream() + " " + w.status().id().replace('_', ' ')).toList();
            String every = n == 1 ? "The workstream is" : "All " + n + " " + things;
            return new Headline((done == n ? every + " done" : done + " of " + n + " " + things
                    + " done; " + String.join(", ", notDone)), run.notMerging(), done == n ? "good" : "bad");
        }
        if (landed == n) {
            // a run made to show something (the agents demo) says what it showed
            String shown = design.map(DesignedOutcome::why).orElse("");
            String ending = repaired.isEmpty() ? "" : ending(repaired);
            return new Headline((n == 1 ? "The workstream" : "All " + n + " " + things) + " landed on "
                    + run.integration(), shown.isEmpty() ? ending : sentences(List.of(shown, ending)), "good");
        }
        String title = landed + " of " + n + " " + things + " landed; " + String.join(", ", missing);
        String detail = repaired.isEmpty() ? "" : ending(repaired);
        if (design.isPresent()) {
            Set<String> notLanded = all.stream().filter(w -> !w.landed()).map(Outcome::workstream)
                    .collect(Collectors.toSet());
            boolean culprits = all.stream().filter(w -> !w.landed())
                    .allMatch(w -> w.leftOut().filter(r -> r.startsWith("culprit")).isPresent());
            if (design.get().leftOutOnPurpose().containsAll(notLanded) && culprits) {
                return new Headline("As designed: " + title, sentences(List.of(design.get().why(), "The run is recorded"
                        + " as " + state.id() + ", because a workstream did not land; that is the outcome "
                        + design.get().what() + " is built to show.")), "good");
            }
            return new Headline("Not as designed: " + title, sentences(List.of(detail, design.get().what()
                    + " is built to land every workstream but " + String.join(", ",
                            design.get().leftOutOnPurpose().stream().sorted().toList()) + ".")), "bad");
        }
        return new Headline(title, detail, "bad");
    }

    /** Why a workstream did not land, in a few words. */
    private static String why(Outcome ws) {
        String said;
        if (ws.leftOut().isPresent()) {
            String reason = ws.leftOut().get();
            said = "left out: " + (reason.startsWith("culprit") ? "culprit of the gate"
                    : reason.contains("conflict") ? "conflict" : shorten(reason));
        } else if (ws.status() == WorkerStatus.DONE) {
            said = "not merged";
        } else {
            said = ws.status().id().replace('_', ' ');
        }
        return said + (ws.repairs() == 0 ? "" : " (" + repairs(ws.repairs()) + ")");
    }

    /** "repaired once", "repaired twice", "repaired 3 times". */
    private static String repairs(int n) {
        return "repaired " + (n == 1 ? "once" : n == 2 ? "twice" : n + " times");
    }

    private static String shorten(String reason) {
        int cut = reason.length();
        for (char c : new char[] {'(', ';', ':'}) {
            int i = reason.indexOf(c);
            if (i > 0 && i < cut) {
                cut = i;
            }
        }
        String s = reason.substring(0, cut).trim();
        return s.length() > 60 ? s.substring(0, 59) + "\u2026" : s;
    }

    private static String count(long n, String what) {
        return n == 0 ? "" : n + " " + what;
    }

    private static String join(List<String> parts) {
        return parts.stream().filter(p -> !p.isBlank()).collect(Collectors.joining(", "));
    }

    private static String sentences(List<String> parts) {
        return parts.stream().map(Headline::sentence).filter(p -> !p.isEmpty()).collect(Collectors.joining(" "));
    }

    /** The text with a full stop, as it is: it may start with a workstream's name, which keeps its case. */
    private static String ending(String text) {
        return text.endsWith(".") ? text : text + ".";
    }

    /** The text as a sentence: capital first, full stop last. */
    private static String sentence(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        String t = Character.toUpperCase(text.charAt(0)) + text.substring(1);
        return t.endsWith(".") ? t : t + ".";
    }
}
