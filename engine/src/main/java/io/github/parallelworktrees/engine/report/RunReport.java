package io.github.parallelworktrees.engine.report;

import io.github.parallelworktrees.engine.ledger.Event;
import io.github.parallelworktrees.engine.ledger.RaceResult;
import io.github.parallelworktrees.engine.ledger.Json;
import io.github.parallelworktrees.engine.ledger.ReviewRecord;
import io.github.parallelworktrees.engine.ledger.TestsRecord;
import io.github.parallelworktrees.engine.ledger.RunInfo;
import io.github.parallelworktrees.engine.ledger.RunLayout;
import io.github.parallelworktrees.engine.ledger.RunView;
import io.github.parallelworktrees.engine.ledger.WaveResult;
import io.github.parallelworktrees.engine.ledger.Usage;
import io.github.parallelworktrees.engine.status.StatusReport;
import io.github.parallelworktrees.engine.status.WorkstreamStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * report.html: the run for people. Per workstream its state, time, turns, cost, tokens, commits, files changed,
 * gate and the wave it landed in; each wave's merge with its gate runs; each RESULTS.md and REVIEW.md rendered as
 * safe HTML.
 * A single file with relative links to the logs, so it can be archived or opened from disk.
 */
public final class RunReport {

    private RunReport() {
    }

    /** Writes report.html for the feature's run; empty when there is no run. */
    public static Optional<Path> write(RunLayout layout) {
        return write(layout, Optional.empty());
    }

    /**
     * Writes report.html with {@code note} under its headline (the demo says there that its failure is the one
     * it was designed to show).
     */
    public static Optional<Path> write(RunLayout layout, Optional<String> note) {
        Optional<StatusReport> status = StatusReport.read(layout, 0);
        if (status.isEmpty()) {
            return Optional.empty();
        }
        Json.writeAtomically(layout.reportFile(), html(layout, status.get(), note));
        return Optional.of(layout.reportFile());
    }

    static String html(RunLayout layout, StatusReport status, Optional<String> note) {
        List<RunView.Merge> merges = status.merges();
        // the wave a workstream landed in: the latest merge that landed it and still stands (git has the final word)
        Map<String, Integer> landedIn = new HashMap<>();
        for (RunView.Merge merge : merges) {
            if (merge.undoneBy().isEmpty()) {
                merge.result().landed().forEach(ws -> landedIn.put(ws, merge.result().wave()));
            }
        }
        StringBuilder h = new StringBuilder();
        String feature = SafeMarkdown.escape(status.info().feature());
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
                .append("<title>Parallel Worktrees: ").append(feature).append("</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:2em;max-width:80em}")
                .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}")
                .append(".done,.passed{color:#17692b}.failed,.timed_out,.error{color:#b00020}")
                .append(".unstable,.incomplete,.skipped,.max_turns,.over_budget{color:#8a5a00}")
                .append("section{border-top:1px solid #ddd;margin-top:2em}</style></head><body>\n");
        boolean working = status.info().status() == RunInfo.Status.RUNNING && status.runAlive();
        h.append("<h1>Parallel Worktrees: ").append(feature).append("</h1>\n<p>Run <b>")
                .append(esc(status.runStatus())).append("</b>, base ").append(esc(status.info().base()))
                .append(" (").append(status.info().baseCommit(), 0, 12).append("), started ")
                .append(esc(String.valueOf(status.info().startedAt()))).append(working
                        ? " &mdash; a pwt process is working on it" : "").append("</p>\n");
        note.ifPresent(n -> h.append("<p class=\"note\"><b>").append(esc(n)).append("</b></p>\n"));
        if (status.info().reason() != null) {
            h.append("<p>").append(esc(status.info().reason())).append("</p>\n");
        }
        Usage total = Usage.NONE;
        h.append("<table><tr><th>workstream</th><th>wave</th><th>state</th><th>time</th><th>attempts</th>")
                .append("<th>turns</th><th>cost</th><th>tokens in/out</th><th>commits</th><th>files</th>")
                .append("<th>gate</th><th>landed in</th><th>note</th></tr>\n");
        for (WorkstreamStatus ws : status.workstreams()) {
            Usage u = ws.usage();
            total = total.plus(u);
            String id = ws.status().id();
            h.append("<tr><td><a href=\"#ws-").append(esc(ws.workstream())).append("\">").append(esc(ws.workstream()))
                    .append("</a></td><td>").append(ws.wave()).append("</td><td class=\"").append(id).append("\">")
                    .append(id).append("</td><td>").append(seconds(ws.durationMillis())).append("</td><td>")
                    .append(ws.attempts()).append("</td><td>").append(u.turns()).append("</td><td>")
                    .append(money(u.costUsd())).append("</td><td>").append(u.inputTokens()).append(" / ")
                    .append(u.outputTokens()).append("</td><td>").append(count(ws.commitsAhead())).append("</td><td>")
                    .append(count(ws.filesChanged())).append("</td><td>").append(gate(layout, ws.workstream()))
                    .append("</td><td>").append(!ws.landed() ? "-" : landedIn.containsKey(ws.workstream()) ? "wave "
                            + landedIn.get(ws.workstream()) : "yes").append("</td><td>")
                    .append(esc(ws.leftOut().map(l -> "left out: " + l).orElse(ws.note().orElse(""))))
                    .append("</td></tr>\n");
        }
        for (StatusReport.RaceStatus race : status.races()) {
            total = total.plus(race.racers().stream().map(io.github.parallelworktrees.engine.ledger.WorkerRecord::usage)
                    .reduce(Usage.NONE, Usage::plus));
        }
        h.append("</table>\n<p>Agents in total (racers included): ").append(money(total.costUsd())).append(", ").append(total.turns())
                .append(" turns, ").append(total.inputTokens()).append(" tokens in, ").append(total.outputTokens())
                .append(" out.</p>\n");

        for (RunView.Merge merge : merges) {
            WaveResult m = merge.result();
            h.append("<section><h2>Wave ").append(m.wave()).append(" into ").append(esc(m.integration()))
                    .append("</h2><p>").append(m.landedSomething() ? "Landed: " + esc(String.join(", ", m.landed()))
                            + " (" + m.before().substring(0, 12) + " &rarr; " + m.after().substring(0, 12) + ")."
                            : "Landed nothing.");
            merge.undoneBy().ifPresent(r -> h.append(" <b>Rolled back</b> ").append(esc(String.valueOf(r.at())))
                    .append(" (").append(r.from().substring(0, 12)).append(" &rarr; ").append(r.to().substring(0, 12))
                    .append(").</b>"));
            h.append("</p><ul>");
            m.leftOut().forEach(l -> h.append("<li>Left out <b>").append(esc(l.workstream())).append("</b>: ")
                    .append(esc(l.reason())).append("</li>"));
            h.append("</ul><p>").append(m.gateRuns().size()).append(" gate run(s) in ").append(m.rounds())
                    .append(" round(s); the runs of a round ran at once.</p>");
            h.append("<table><tr><th>gate run</th><th>round</th><th>workstreams</th><th>status</th><th>why</th></tr>");
            m.gateRuns().forEach(r -> h.append("<tr><td>").append(r.number()).append("</td><td>").append(r.round())
                    .append("</td><td>").append(esc(String.join(", ", r.workstreams()))).append("</td><td class=\"")
                    .append(esc(r.status())).append("\">").append(esc(r.status())).append("</td><td>")
                    .append(esc(r.summary())).append("</td></tr>"));
            h.append("</table></section>\n");
        }

        for (WorkstreamStatus ws : status.workstreams()) {
            String name = ws.workstream();
            h.append("<section id=\"ws-").append(esc(name)).append("\"><h2>").append(esc(name)).append("</h2><p>")
                    .append(link("results/" + name + "/worker.log", "worker.log", layout)).append(' ')
                    .append(link("results/" + name + "/result.json", "result.json", layout)).append(' ')
                    .append(link("results/" + name + "/gate.md", "gate.md", layout)).append("</p>");
            for (String denial : ws.usage().permissionDenials()) {
                h.append("<p>Permission denied: <code>").append(esc(denial)).append("</code></p>");
            }
            List<RunView.Repair> repairs = status.repairsOf(name);
            if (!repairs.isEmpty()) {
                h.append("<table><tr><th>repair</th><th>why</th><th>outcome</th><th>cost</th><th>report</th></tr>");
                for (RunView.Repair repair : repairs) {
                    Event.RepairStarted started = repair.started();
                    Path report = Path.of(started.report());
                    String relative = report.startsWith(layout.root()) ? layout.root().relativize(report).toString()
                            : "";
                    h.append("<tr><td>").append(started.attempt()).append(" of ").append(started.attempts())
                            .append("</td><td>").append(esc(started.reason())).append("</td><td>")
                            .append(esc(repair.ended().map(e -> e.outcome().id().replace('_', ' ')
                                    + (e.detail() == null ? "" : " (" + e.detail() + ")")).orElse("under way")))
                            .append("</td><td>").append(money(repair.ended().map(Event.RepairEnded::costUsd)
                                    .orElse(0.0))).append("</td><td>")
                            .append(relative.isEmpty() ? "" : link(relative, "report", layout)).append("</td></tr>");
                }
                h.append("</table>");
            }
            ws.tests().ifPresent(tests -> tests(h, layout, tests));
            ws.review().ifPresent(review -> review(h, layout, review));
            status.raceOf(name).ifPresent(race -> race(h, race, layout));
            Path results = layout.resultsDir(name).resolve("RESULTS.md");
            h.append(Files.isRegularFile(results) ? "<div class=\"results\">" + SafeMarkdown.toHtml(read(results))
                    + "</div>" : "<p><i>No RESULTS.md collected.</i></p>").append("</section>\n");
        }
        return h.append("</body></html>\n").toString();
    }

    /** What the workstream's test-writer did: merged or why not, its branch, commits, time, cost, its log. */
    private static void tests(StringBuilder h, RunLayout layout, TestsRecord tests) {
        h.append("<h3>Tests</h3><p>Test-writer: <b class=\"").append(tests.merged() ? "passed" : "unstable")
                .append("\">").append(esc(tests.status())).append("</b>, ").append(tests.commits())
                .append(" commit(s) on ").append(esc(tests.branch()))
                .append(tests.mergeCommit() == null ? "" : ", merged as " + esc(tests.mergeCommit()))
                .append(", ").append(seconds(tests.durationMillis())).append(", ").append(money(tests.costUsd()));
        if (tests.reason() != null) {
            h.append("<br>").append(esc(tests.reason()));
        }
        Path log = tests.log() == null ? null : Path.of(tests.log());
        if (log != null && log.startsWith(layout.root())) {
            h.append(' ').append(link(layout.root().relativize(log).toString(), "log", layout));
        }
        h.append("</p>");
    }

    /** The branch's latest review: its verdict and cost, and its REVIEW.md, untrusted text rendered safely. */
    private static void review(StringBuilder h, RunLayout layout, ReviewRecord review) {
        String status = review.status() == null ? "?" : review.status();
        h.append("<h3>Review ").append(review.round()).append("</h3><p>Verdict: <b class=\"").append(esc(status))
                .append("\">").append(esc(review.verdict() == null ? "none" : review.verdict())).append("</b> (")
                .append(esc(status)).append(", criticality ").append(esc(review.criticality()))
                .append(review.keptOut() ? "; the branch is kept out" : "").append("), ")
                .append(seconds(review.durationMillis())).append(", ").append(money(review.costUsd()));
        if (review.reason() != null) {
            h.append("<br>").append(esc(review.reason()));
        }
        Path file = review.file() == null ? null : Path.of(review.file());
        if (file != null && file.startsWith(layout.root())) {
            h.append(' ').append(link(layout.root().relativize(file).toString(), "REVIEW.md", layout));
        }
        h.append("</p>");
        if (file != null && Files.isRegularFile(file)) {
            h.append("<div class=\"review\">").append(SafeMarkdown.toHtml(read(file))).append("</div>");
        }
    }

    /** A raced workstream's racers: branch, how each ended, its gate's verdict, score and terms, cost; the why. */
    private static void race(StringBuilder h, StatusReport.RaceStatus race, RunLayout layout) {
        Optional<RaceResult> judged = race.judged();
        h.append("<h3>Race of ").append(race.racers().size()).append(" racers</h3>");
        judged.ifPresent(j -> h.append("<p>").append(esc(j.why())).append("</p>"));
        h.append("<table><tr><th>racer</th><th>branch</th><th>worker</th><th>gate</th><th>score</th>")
                .append("<th>terms</th><th>cost</th><th></th></tr>");
        for (io.github.parallelworktrees.engine.ledger.WorkerRecord r : race.racers()) {
            Optional<RaceResult.Standing> s = judged.flatMap(j -> j.racers().stream()
                    .filter(x -> x.branch().equals(r.branch())).findFirst());
            boolean won = s.isPresent() && judged.map(RaceResult::winner).filter(w -> w == s.get().racer())
                    .isPresent();
            String verdict = s.map(RaceResult.Standing::verdict).orElse(r.gate() == null ? "-" : r.gate());
            h.append("<tr><td>").append(esc(r.workstream())).append(" ")
                    .append(link("results/" + r.workstream() + "/worker.log", "log", layout)).append("</td><td>")
                    .append(esc(r.branch())).append("</td><td class=\"").append(r.status().id()).append("\">")
                    .append(r.status().id()).append("</td><td class=\"").append(esc(verdict.replace(' ', '_')))
                    .append("\" title=\"").append(esc(s.map(RaceResult.Standing::verdictReason).orElse("")))
                    .append("\">").append(esc(verdict)).append("</td><td>")
                    .append(s.map(x -> io.github.parallelworktrees.engine.race.Ranking.number(x.score())).orElse("-"))
                    .append("</td><td>").append(esc(s.map(x -> io.github.parallelworktrees.engine.race.Ranking
                            .terms(x.terms())).orElse(""))).append("</td><td>").append(money(r.usage().costUsd()))
                    .append("</td><td>").append(won ? "<b>winner</b>" : s.isPresent() ? "branch kept" : "")
                    .append("</td></tr>");
        }
        h.append("</table>");
    }

    private static String gate(RunLayout layout, String workstream) {
        Path gate = layout.resultsDir(workstream).resolve("gate.json");
        if (!Files.isRegularFile(gate)) {
            return "-";
        }
        try {
            String status = Json.MAPPER.readTree(gate.toFile()).path("status").asText("?");
            return "<span class=\"" + esc(status) + "\">" + esc(status) + "</span>";
        } catch (IOException e) {
            return "?";
        }
    }

    private static String link(String relative, String label, RunLayout layout) {
        return Files.exists(layout.root().resolve(relative)) ? "<a href=\"" + esc(relative) + "\">" + label + "</a>"
                : "";
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String esc(String text) {
        return SafeMarkdown.escape(text == null ? "" : text);
    }

    private static String money(double usd) {
        return usd == 0 ? "-" : String.format(Locale.ROOT, "$%.4f", usd);
    }

    private static String seconds(long millis) {
        return millis < 0 ? "-" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static String count(int n) {
        return n < 0 ? "-" : String.valueOf(n);
    }
}
