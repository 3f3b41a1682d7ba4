package io.github.parallelworktrees.engine.report;

import io.github.parallelworktrees.engine.ledger.Event;
import io.github.parallelworktrees.engine.ledger.Json;
import io.github.parallelworktrees.engine.ledger.Ledger;
import io.github.parallelworktrees.engine.ledger.ReviewRecord;
import io.github.parallelworktrees.engine.ledger.TestsRecord;
import io.github.parallelworktrees.engine.ledger.RunInfo;
import io.github.parallelworktrees.engine.ledger.RunLayout;
import io.github.parallelworktrees.engine.ledger.RaceResult;
import io.github.parallelworktrees.engine.ledger.RunView;
import io.github.parallelworktrees.engine.ledger.Usage;
import io.github.parallelworktrees.engine.ledger.WaveResult;
import io.github.parallelworktrees.engine.status.StatusReport;
import io.github.parallelworktrees.engine.status.WorkstreamStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * report.html: the run for people. A headline that says what happened; a timeline of the workers, gate runs and
 * merges (an inline SVG); per workstream its state, time, turns, cost, tokens, commits, files changed, gate verdict
 * and whether it landed; each merge with its gate runs; each RESULTS.md rendered as safe HTML. A single file with
 * links relative to the run folder, so it works opened from disk and among a build's archived artifacts when the
 * run folder is archived as it is.
 *
 * <p>The page is a list of sections, each written by one method of its own ({@link #html()}): a new section is a
 * method and a line there.
 */
public final class RunReport {

    private final RunLayout layout;
    private final StatusReport status;
    private final List<Ledger.Entry> ledger;
    private final boolean autoMerge;
    private final Optional<DesignedOutcome> design;
    private final HumanTime time;
    private final Instant now;
    private final StringBuilder h = new StringBuilder();

    private RunReport(RunLayout layout, StatusReport status, List<Ledger.Entry> ledger,
            Optional<DesignedOutcome> design, HumanTime time, Instant now) {
        this.layout = layout;
        this.status = status;
        this.ledger = List.copyOf(ledger);
        RunView view = RunView.of(ledger);
        this.autoMerge = view.plan() != null && view.plan().path("autoMerge").asBoolean(false);
        this.design = design;
        this.time = time;
        this.now = now;
    }

    /** Writes report.html for the feature's run; empty when there is no run. */
    public static Optional<Path> write(RunLayout layout) {
        return write(layout, Optional.empty());
    }

    /**
     * Writes report.html for a run built to have {@code design}'s outcome (the demo): its headline says whether the
     * run went as designed.
     */
    public static Optional<Path> write(RunLayout layout, Optional<DesignedOutcome> design) {
        Optional<StatusReport> status = StatusReport.read(layout, 0);
        if (status.isEmpty()) {
            return Optional.empty();
        }
        Json.writeAtomically(layout.reportFile(), html(layout, status.get(), Ledger.of(layout).read(), design,
                HumanTime.local(), Instant.now()));
        return Optional.of(layout.reportFile());
    }

    static String html(RunLayout layout, StatusReport status, List<Ledger.Entry> ledger,
            Optional<DesignedOutcome> design, HumanTime time, Instant now) {
        return new RunReport(layout, status, ledger, design, time, now).html();
    }

    private String html() {
        head();
        headline();
        timeline();
        workstreams();
        merges();
        for (WorkstreamStatus ws : status.workstreams()) {
            workstream(ws);
        }
        return h.append("</body></html>\n").toString();
    }

    private void head() {
        String feature = esc(status.info().feature());
        // no script, nothing loaded from anywhere: inline styles only (Jenkins serves archived files under a policy
        // that drops even those; the words and the SVG's own colours still say everything there)
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
                .append("<title>Parallel Worktrees: ").append(feature).append("</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:2em;max-width:90em;color:#222}")
                .append("table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.25em .45em;")
                .append("text-align:left;vertical-align:top;white-space:nowrap}th{background:#f4f4f4}td.n{text-align:right}")
                .append("th{white-space:normal}td.note,table.wrap td{white-space:normal;min-width:14em}")
                .append(".results td{white-space:normal}")
                .append(".done,.passed,.landed,.succeeded,.passed a{color:#17692b}.failed a{color:#b00020}.failed,.timed_out,.error,.left_out{color:#b00020}")
                .append(".unstable,.incomplete,.skipped,.max_turns,.over_budget,.interrupted{color:#8a5a00}")
                .append(".running,.preparing,.queued{color:#0d47a1}")
                .append(".headline{font-size:1.35em;font-weight:600;margin:.2em 0}.headline.good{color:#17692b}")
                .append(".headline.bad{color:#b00020}.facts{color:#555}.sub{color:#666;font-size:.9em}")
                .append(".legend span{display:inline-block;margin-right:1.2em}")
                .append("section{border-top:1px solid #ddd;margin-top:2em}")
                // a worker's or a reviewer's Markdown sits in a box under its workstream's heading, its headings
                // smaller than that
                .append(".results,.review{border:1px solid #e0e0e0;border-radius:4px;padding:0 1em;margin:.6em 0;")
                .append("background:#fcfcfc}.results h1,.review h1{font-size:1.2em}")
                .append(".results h2,.review h2{font-size:1.08em}.results h3,.results h4,.review h3,.review h4")
                .append("{font-size:1em}.results table,.review table{font-size:.95em}")
                .append("</style></head><body>\n");
    }

    private void headline() {
        RunInfo info = status.info();
        Headline line = Headline.of(status, autoMerge, design);
        h.append("<h1>Parallel Worktrees: ").append(esc(info.feature())).append("</h1>\n<p class=\"headline ")
                .append(line.tone()).append("\">").append(esc(line.title())).append("</p>\n");
        if (!line.detail().isEmpty()) {
            h.append("<p>").append(esc(line.detail())).append("</p>\n");
        }
        boolean working = info.status() == RunInfo.Status.RUNNING && status.runAlive();
        Instant end = working ? now : info.finishedAt();
        h.append("<p class=\"facts\">Run <b class=\"").append(esc(status.runStatus())).append("\">")
                .append(esc(status.runStatus())).append("</b>; base ").append(esc(info.base())).append(" (")
                .append(esc(abbrev(info.baseCommit()))).append("), integration branch ")
                .append(esc(info.integration())).append("; started ").append(time.dateAndClock(info.startedAt()));
        if (!working && end != null) {
            h.append(", ended ").append(time.clock(end));
        }
        if (end != null && info.startedAt() != null) {
            h.append(", ").append(working ? "running for " : "took ")
                    .append(HumanTime.between(info.startedAt(), end));
        }
        h.append(info.resumes() > 0 ? "; resumed " + info.resumes() + (info.resumes() == 1 ? " time" : " times")
                : "").append(working ? "; a pwt process is working on it" : "").append(".</p>\n");
        if (info.reason() != null && info.status() != RunInfo.Status.INTERRUPTED) {
            h.append("<p class=\"sub\">Recorded as ").append(esc(info.status().id())).append(": ")
                    .append(esc(info.reason())).append("</p>\n");
        }
    }

    private void timeline() {
        if (ledger.isEmpty()) {
            return;
        }
        boolean working = status.info().status() == RunInfo.Status.RUNNING && status.runAlive();
        Timeline t = Timeline.of(ledger, working ? Optional.of(now) : Optional.empty());
        h.append("<section id=\"timeline\"><h2>Timeline</h2>\n").append(TimelineSvg.render(t, time))
                .append(TimelineSvg.legend())
                .append("<p class=\"sub\">Time since the run started at ").append(time.clock(t.start()))
                .append(" (this machine's zone), from the run's ledger. Thin bars under a worker: the gate runs that")
                .append(" judged its branch. Hover over a bar for its times.</p></section>\n");
    }

    private void workstreams() {
        Map<String, Integer> landedIn = landedIn();
        Usage total = Usage.NONE;
        h.append("<section id=\"workstreams\"><h2>Workstreams</h2>\n<table><tr><th>workstream</th><th>wave</th>")
                .append("<th>state</th><th>time</th><th>attempts</th><th>turns</th><th>cost</th>")
                .append("<th>tokens in / out</th><th>commits</th><th>files</th><th>gate</th><th>landed</th>")
                .append("<th>note</th></tr>\n");
        for (WorkstreamStatus ws : status.workstreams()) {
            Usage u = ws.usage();
            total = total.plus(u);
            String id = ws.status().id();
            Landing landing = Landing.of(ws, status.runAlive(), autoMerge);
            String landedWord = landing.word() + (landing == Landing.LANDED && landedIn.containsKey(ws.workstream())
                    ? " (wave " + landedIn.get(ws.workstream()) + ")" : "");
            h.append("<tr><td><a href=\"#ws-").append(esc(ws.workstream())).append("\">").append(esc(ws.workstream()))
                    .append("</a></td><td class=\"n\">").append(ws.wave()).append("</td><td class=\"").append(id)
                    .append("\">").append(id).append("</td><td class=\"n\">")
                    .append(HumanTime.duration(ws.durationMillis())).append("</td><td class=\"n\">")
                    .append(ws.attempts()).append("</td><td class=\"n\">").append(u.turns() == 0 ? "-" : u.turns())
                    .append("</td><td class=\"n\">").append(money(u.costUsd())).append("</td><td class=\"n\">")
                    .append(u.inputTokens() + u.outputTokens() == 0 ? "-" : u.inputTokens() + " / " + u.outputTokens())
                    .append("</td><td class=\"n\">")
                    .append(count(ws.commitsAhead())).append("</td><td class=\"n\">").append(count(ws.filesChanged()))
                    .append("</td><td>").append(gate(ws)).append("</td><td class=\"")
                    .append(landing.name().toLowerCase(Locale.ROOT)).append("\">").append(landedWord)
                    .append("</td><td class=\"note\">")
                    .append(esc(ws.leftOut().orElse(ws.note().orElse(""))))
                    .append("</td></tr>\n");
        }
        for (StatusReport.RaceStatus race : status.races()) {
            // racers' spend is in their own records, not the workstream's
            total = total.plus(race.racers().stream().map(io.github.parallelworktrees.engine.ledger.WorkerRecord::usage)
                    .reduce(Usage.NONE, Usage::plus));
        }
        h.append("</table>\n<p>").append(total.turns() == 0 && total.costUsd() == 0 ? "No agent turns (command"
                + " workers spend none)." : "Agents in total (racers included): " + money(total.costUsd()) + ", " + total.turns()
                + " turns, " + total.inputTokens() + " tokens in, " + total.outputTokens() + " out.")
                .append("</p></section>\n");
    }

    /** The wave a workstream landed in: the latest merge that landed it and still stands (git has the final word). */
    private Map<String, Integer> landedIn() {
        Map<String, Integer> landedIn = new HashMap<>();
        for (RunView.Merge merge : status.merges()) {
            if (merge.undoneBy().isEmpty()) {
                merge.result().landed().forEach(ws -> landedIn.put(ws, merge.result().wave()));
            }
        }
        return landedIn;
    }

    /**
     * The gate verdict on a workstream's branch and a link to its gate.md: the latest merge's gate run that had the
     * branch on its candidate (autoMerge), else the gate run on the branch alone in its worktree.
     */
    private String gate(WorkstreamStatus ws) {
        Map<Integer, Integer> mergesOfWave = new HashMap<>();
        String verdict = null;
        String folder = null;
        for (RunView.Merge merge : status.merges()) {
            WaveResult m = merge.result();
            int number = mergesOfWave.merge(m.wave(), 1, Integer::sum);
            for (WaveResult.GateRun run : m.gateRuns()) {
                if (run.workstreams().contains(ws.workstream())) {
                    verdict = run.status();
                    folder = gateFolder(m.wave(), number, run.number());
                }
            }
        }
        if (verdict == null && ws.gate().isPresent()) {
            verdict = ws.gate().get();
            folder = "results/" + ws.workstream();
        }
        if (verdict == null) {
            return "-";
        }
        // the verdict is the link to its gate.md: the column stays narrow
        String file = folder + "/gate.md";
        String word = esc(verdict);
        return "<span class=\"" + esc(verdict) + "\">" + (Files.exists(layout.root().resolve(file))
                ? "<a href=\"" + esc(file) + "\" title=\"gate.md: the gate's verdict\">" + word + "</a>" : word)
                + "</span>";
    }

    /** Where WaveMerger keeps a gate run's files: merges/wave-N/merge-M/gate-K, relative to the run folder. */
    private static String gateFolder(int wave, int merge, int run) {
        return "merges/wave-" + wave + "/merge-" + merge + "/gate-" + run;
    }

    private void merges() {
        Map<Integer, Integer> mergesOfWave = new HashMap<>();
        Map<Integer, Instant> mergedAt = new HashMap<>();
        for (Ledger.Entry e : ledger) {
            if (e.event() instanceof Event.WaveMerged m) {
                mergedAt.put(e.seq(), m.at());
            }
        }
        if (!status.merges().isEmpty()) {
            h.append("<section id=\"merges\"><h2>Merges</h2>\n");
        }
        for (RunView.Merge merge : status.merges()) {
            WaveResult m = merge.result();
            int number = mergesOfWave.merge(m.wave(), 1, Integer::sum);
            h.append("<h3>Wave ").append(m.wave()).append(", merge ").append(number).append(" into ")
                    .append(esc(m.integration())).append(Optional.ofNullable(mergedAt.get(merge.seq()))
                            .map(at -> " at " + time.clock(at)).orElse("")).append("</h3><p>")
                    .append(m.landedSomething() ? "Landed: " + esc(String.join(", ", m.landed())) + " ("
                            + abbrev(m.before()) + " &rarr; " + abbrev(m.after()) + ")." : "Landed nothing.");
            merge.undoneBy().ifPresent(r -> h.append(" <b>Rolled back</b> at ").append(time.clock(r.at()))
                    .append(" (").append(abbrev(r.from())).append(" &rarr; ").append(abbrev(r.to())).append(")."));
            h.append("</p>");
            if (!m.leftOut().isEmpty()) {
                h.append("<ul>");
                m.leftOut().forEach(l -> h.append("<li>Left out <b>").append(esc(l.workstream())).append("</b>: ")
                        .append(esc(l.reason())).append("</li>"));
                h.append("</ul>");
            }
            h.append("<p>").append(m.gateRuns().size()).append(m.gateRuns().size() == 1 ? " gate run" : " gate runs")
                    .append(" in ").append(m.rounds()).append(m.rounds() == 1 ? " round" : " rounds")
                    .append("; the runs of a round ran at once.</p>");
            if (!m.gateRuns().isEmpty()) {
                h.append("<table><tr><th>gate run</th><th>round</th><th>workstreams</th><th>verdict</th>")
                        .append("<th>why</th><th>files</th></tr>");
                for (WaveResult.GateRun r : m.gateRuns()) {
                    String folder = gateFolder(m.wave(), number, r.number());
                    h.append("<tr><td class=\"n\">").append(r.number()).append("</td><td class=\"n\">")
                            .append(r.round()).append("</td><td>").append(esc(String.join(", ", r.workstreams())))
                            .append("</td><td class=\"").append(esc(r.status())).append("\">").append(esc(r.status()))
                            .append("</td><td class=\"note\">").append(esc(r.summary())).append("</td><td>")
                            .append(links(folder, "gate.md", "gate.json", "gate-command-1.log")).append("</td></tr>");
                }
                h.append("</table>");
            }
            h.append('\n');
        }
        if (!status.merges().isEmpty()) {
            h.append("</section>\n");
        }
    }

    private void workstream(WorkstreamStatus ws) {
        String name = ws.workstream();
        h.append("<section id=\"ws-").append(esc(name)).append("\"><h2>").append(esc(name)).append("</h2>")
                .append("<p class=\"sub\">Branch ").append(esc(ws.branch())).append(", worktree ")
                .append(Optional.of(link(name, name + "/")).filter(l -> !l.isEmpty()).orElse(esc(name) + "/"))
                .append(". Files: ")
                .append(links("results/" + name, "RESULTS.md", "worker.log", "result.json", "gate.md"))
                .append("</p>");
        for (String denial : ws.usage().permissionDenials()) {
            h.append("<p>Permission denied: <code>").append(esc(denial)).append("</code></p>");
        }
        repairs(name);
        ws.tests().ifPresent(this::tests);
        ws.review().ifPresent(r -> review(r, "Review " + r.round()));
        status.raceOf(name).ifPresent(this::race);
        markdown(layout.resultsDir(name).resolve("RESULTS.md"), "RESULTS.md");
        h.append("</section>\n");
    }

    private void repairs(String name) {
        List<RunView.Repair> repairs = status.repairsOf(name);
        if (repairs.isEmpty()) {
            return;
        }
        h.append("<table class=\"wrap\"><tr><th>repair</th><th>why</th><th>outcome</th><th>started</th><th>took</th>")
                .append("<th>cost</th><th>report</th></tr>");
        for (RunView.Repair repair : repairs) {
            Event.RepairStarted started = repair.started();
            Path report = Path.of(started.report());
            String relative = report.startsWith(layout.root()) ? layout.root().relativize(report).toString() : "";
            h.append("<tr><td>").append(started.attempt()).append(" of ").append(started.attempts())
                    .append("</td><td>").append(esc(started.reason())).append("</td><td>")
                    .append(esc(repair.ended().map(e -> e.outcome().id().replace('_', ' ')
                            + (e.detail() == null ? "" : " (" + e.detail() + ")")).orElse("under way")))
                    .append("</td><td>").append(time.clock(started.at())).append("</td><td class=\"n\">")
                    .append(repair.ended().map(e -> HumanTime.between(started.at(), e.at())).orElse("-"))
                    .append("</td><td class=\"n\">").append(money(repair.ended()
                            .map(Event.RepairEnded::costUsd).orElse(0.0))).append("</td><td>")
                    .append(relative.isEmpty() ? "" : link(relative, "report")).append("</td></tr>");
        }
        h.append("</table>");
    }

    /** What the workstream's test-writer did: merged or why not, its branch, commits, time, cost, its log. */
    private void tests(TestsRecord tests) {
        h.append("<h3>Tests</h3><p>Test-writer: <b class=\"").append(tests.merged() ? "passed" : "unstable")
                .append("\">").append(esc(tests.status())).append("</b>, ").append(tests.commits())
                .append(" commit(s) on ").append(esc(tests.branch()))
                .append(tests.mergeCommit() == null ? "" : ", merged as " + esc(tests.mergeCommit()))
                .append(", ").append(HumanTime.duration(tests.durationMillis())).append(", ").append(money(tests.costUsd()));
        if (tests.reason() != null) {
            h.append("<br>").append(esc(tests.reason()));
        }
        Path log = tests.log() == null ? null : Path.of(tests.log());
        if (log != null && log.startsWith(layout.root())) {
            h.append(' ').append(link(layout.root().relativize(log).toString(), "log"));
        }
        h.append("</p>");
    }

    /**
     * A branch's latest review (a workstream's, or a racer's): its verdict and cost, and its REVIEW.md, untrusted
     * text rendered safely.
     */
    private void review(ReviewRecord review, String heading) {
        String status = review.status() == null ? "?" : review.status();
        h.append("<h3>").append(esc(heading)).append("</h3><p>Verdict: <b class=\"").append(esc(status))
                .append("\">").append(esc(review.verdict() == null ? "none" : review.verdict())).append("</b> (")
                .append(esc(status)).append(", criticality ").append(esc(review.criticality()))
                .append(review.keptOut() ? "; the branch is kept out" : "").append("), ")
                .append(HumanTime.duration(review.durationMillis())).append(", ").append(money(review.costUsd()));
        if (review.reason() != null) {
            h.append("<br>").append(esc(review.reason()));
        }
        Path file = review.file() == null ? null : Path.of(review.file());
        if (file != null && file.startsWith(layout.root())) {
            h.append(' ').append(link(layout.root().relativize(file).toString(), "REVIEW.md"));
        }
        h.append("</p>");
        if (file != null && Files.isRegularFile(file)) {
            h.append("<div class=\"review\">").append(SafeMarkdown.toHtml(read(file))).append("</div>");
        }
    }

    /** A raced workstream's racers: branch, how each ended, its gate's verdict, score and terms, cost; the why. */
    private void race(StatusReport.RaceStatus race) {
        Optional<RaceResult> judged = race.judged();
        h.append("<h3>Race of ").append(race.racers().size()).append(" racers</h3>");
        judged.ifPresent(j -> h.append("<p>").append(esc(j.why())).append("</p>"));
        h.append("<table><tr><th>racer</th><th>branch</th><th>worker</th><th>gate</th><th>review</th>")
                .append("<th>score</th><th>terms</th><th>cost</th><th></th></tr>");
        for (io.github.parallelworktrees.engine.ledger.WorkerRecord r : race.racers()) {
            Optional<RaceResult.Standing> s = judged.flatMap(j -> j.racers().stream()
                    .filter(x -> x.branch().equals(r.branch())).findFirst());
            boolean won = s.isPresent() && judged.map(RaceResult::winner).filter(w -> w == s.get().racer())
                    .isPresent();
            String verdict = s.map(RaceResult.Standing::verdict).orElse(r.gate() == null ? "-" : r.gate());
            h.append("<tr><td>").append(esc(r.workstream())).append(" ")
                    .append(link("results/" + r.workstream() + "/worker.log", "log")).append("</td><td>")
                    .append(esc(r.branch())).append("</td><td class=\"").append(r.status().id()).append("\">")
                    .append(r.status().id()).append("</td><td class=\"").append(esc(verdict.replace(' ', '_')))
                    .append("\" title=\"").append(esc(s.map(RaceResult.Standing::verdictReason).orElse("")))
                    .append("\">").append(esc(verdict)).append("</td>").append(racerReview(r, s)).append("<td>")
                    .append(s.map(x -> io.github.parallelworktrees.engine.race.Ranking.number(x.score())).orElse("-"))
                    .append("</td><td>").append(esc(s.map(x -> io.github.parallelworktrees.engine.race.Ranking
                            .terms(x.terms())).orElse(""))).append("</td><td>").append(money(r.usage().costUsd()))
                    .append("</td><td>").append(won ? "<b>winner</b>" : s.isPresent() ? "branch kept" : "")
                    .append("</td></tr>");
        }
        h.append("</table>");
        for (io.github.parallelworktrees.engine.ledger.WorkerRecord r : race.racers()) {
            Optional.ofNullable(r.review()).ifPresent(review -> review(review, "Review of " + r.workstream()
                    + " (round " + review.round() + ")"));
        }
    }

    /** A racer's review cell: its verdict (as the judgement used it, else as its record has it), kept out or not. */
    private static String racerReview(io.github.parallelworktrees.engine.ledger.WorkerRecord racer,
            Optional<RaceResult.Standing> standing) {
        ReviewRecord review = standing.map(RaceResult.Standing::review).orElse(racer.review());
        if (review == null) {
            return "<td>-</td>";
        }
        String status = review.status() == null ? "?" : review.status();
        return "<td class=\"" + esc(status) + "\" title=\"" + esc(review.reason() == null ? "" : review.reason())
                + "\">" + esc(review.verdictWord())
                + (review.keptOut() ? " (kept out)" : "") + "</td>";
    }

    /** A Markdown file of the run (a worker's RESULTS.md), rendered safe; a note when it is missing. */
    private void markdown(Path file, String name) {
        if (Files.isRegularFile(file)) {
            h.append("<div class=\"results\">").append(SafeMarkdown.toHtml(read(file))).append("</div>");
        } else {
            h.append("<p><i>No ").append(esc(name)).append(" collected.</i></p>");
        }
    }

    /** Links to those of {@code names} that exist in {@code folder}, which is relative to the run folder. */
    private String links(String folder, String... names) {
        StringBuilder out = new StringBuilder();
        for (String name : names) {
            String link = link(folder + "/" + name, name);
            if (!link.isEmpty()) {
                out.append(out.isEmpty() ? "" : " ").append(link);
            }
        }
        return out.isEmpty() ? "-" : out.toString();
    }

    /** A link relative to the run folder (where report.html is), to a file that exists; nothing otherwise. */
    private String link(String relative, String label) {
        String path = relative.replace('\\', '/');
        return Files.exists(layout.root().resolve(relative)) ? "<a href=\"" + esc(path) + "\">" + esc(label) + "</a>"
                : "";
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String abbrev(String commit) {
        return commit == null ? "" : commit.substring(0, Math.min(12, commit.length()));
    }

    private static String esc(String text) {
        return SafeMarkdown.escape(text == null ? "" : text);
    }

    private static String money(double usd) {
        return usd == 0 ? "-" : String.format(Locale.ROOT, "$%.4f", usd);
    }

    private static String count(int n) {
        return n < 0 ? "-" : String.valueOf(n);
    }
}
