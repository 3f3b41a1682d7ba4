package io.github.parallelworktrees.cli;

import io.github.parallelworktrees.engine.claude.ScriptedRehearsals;
import io.github.parallelworktrees.engine.demo.Demo;
import io.github.parallelworktrees.engine.git.Git;
import io.github.parallelworktrees.engine.ledger.Event;
import io.github.parallelworktrees.engine.ledger.Ledger;
import io.github.parallelworktrees.engine.ledger.RaceResult;
import io.github.parallelworktrees.engine.ledger.RunLayout;
import io.github.parallelworktrees.engine.ledger.RunView;
import io.github.parallelworktrees.engine.plan.PlanParser;
import io.github.parallelworktrees.engine.planner.Planner;
import io.github.parallelworktrees.engine.planner.Planning;
import io.github.parallelworktrees.engine.planner.PlanningRequest;
import io.github.parallelworktrees.engine.process.Environment;
import io.github.parallelworktrees.engine.report.RunReport;
import io.github.parallelworktrees.engine.run.PlanRunner;
import io.github.parallelworktrees.engine.run.RunSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code pwt demo --agents}: the planner, a race and reviews on a throwaway repository, every agent a real Claude Code
 * process replaying a rehearsal script. Plans with the planner ({@code pwt plan}'s engine), runs the plan
 * ({@code pwt run}'s), then says what happened and where everything is.
 */
final class AgentsDemo {

    /** The raced workstream, and the racer its script makes win (racer 1 breaks the tests, 2 writes more). */
    private static final String RACED = "core";
    private static final int WINNER = 3;
    /** The workstream whose first version its reviewer sends back, and the one it approves at once. */
    private static final String SENT_BACK = "api";
    private static final String APPROVED = "cli";

    private final PrintWriter out;
    private final Environment environment;
    private final String pwt;

    AgentsDemo(PrintWriter out, Environment environment, String pwt) {
        this.out = out;
        this.environment = environment;
        this.pwt = pwt;
    }

    int run(Path target, String claudePath) throws IOException, InterruptedException {
        Demo.createForAgents(target, environment, claudePath);
        Path repo = target.toRealPath();
        Path spec = repo.resolve(Demo.AGENTS_SPEC);
        Path planFile = repo.resolve(Demo.AGENTS_PLAN);
        out.println("Demo repository: " + repo);
        out.println("Spec:            " + spec);
        out.println("Agents:          " + claudePath + " (the real Claude Code CLI) against the scripted models in "
                + repo.resolve(Demo.AGENTS_REHEARSALS));
        out.println();

        out.println("1. Plan: a planner agent reads the spec and writes the plan; pwt validates it (pwt plan)");
        Planning planning = new Planner(environment, new ScriptedRehearsals(), line -> out.println("  " + line))
                .plan(new PlanningRequest(repo, spec, planFile, Optional.empty(), 3, Demo.agentsPlanner(claudePath),
                        false));
        out.flush();
        if (planning.status() != Planning.Status.VALID) {
            out.println("The planner did not write a valid plan: " + planning.reason().orElse(""));
            planning.errors().forEach(e -> out.println("  " + e));
            out.println("The demo did NOT go as designed; see above and " + planning.records());
            return ExitCodes.FAILED;
        }
        for (Planning.Attempt attempt : planning.attempts()) {
            out.println("  attempt " + attempt.number() + ": " + (attempt.valid() ? "valid"
                    : "invalid: " + String.join("; ", attempt.errors())));
        }
        // the plan becomes part of the project's history, as a reviewed plan would be
        Git git = Git.in(repo, environment);
        git.run("add", "--", Demo.AGENTS_PLAN);
        git.run("commit", "--quiet", "-m", "greeting: the plan, written by the planner agent");
        out.println("Plan: " + planFile + " (committed on main)");
        out.println();

        out.println("2. Run: core raced by 3 agents, each racer reviewed; api and cli reviewed by agents, each lands through the queue"
                + " (pwt run)");
        RunSummary summary = new PlanRunner(PlanParser.read(planFile), repo, environment, Optional.empty(),
                new Console(out)).run();
        Summaries.print(summary, out);
        out.println();

        RunLayout layout = summary.layout();
        RunView view = RunView.of(Ledger.of(layout).read());
        out.println("3. What the agents did, and where it is");
        out.println("Planner:  " + planning.attempts().size() + " attempts, records in " + planning.records());
        RaceResult race = view.races().get(RACED);
        if (race != null) {
            out.println("Race of " + RACED + ": " + race.why());
            for (RaceResult.Standing s : race.racers()) {
                out.println(String.format(Locale.ROOT, "  %s racer %d  %-22s %-8s review %-15s score %7.2f%s",
                        race.winner() != null && race.winner() == s.racer() ? "*" : " ", s.racer(), s.branch(),
                        s.verdict(), s.review() == null ? "none" : s.review().verdictWord(), s.score(),
                        s.eligible() ? "" : "  (may not land: " + s.verdictReason() + ")"));
            }
            out.println("  the winner's commits are " + summary.info().feature() + "/" + RACED
                    + "; every racer's branch is kept");
        }
        out.println("Reviews:");
        for (Event.Reviewed r : view.reviews()) {
            out.println("  " + r.workstream() + " round " + r.review().round() + ": " + r.review().verdictWord()
                    + (r.review().keptOut() ? " (kept out, back to its worker)" : "") + "  " + r.review().file());
        }
        if (race != null) {
            for (RaceResult.Standing s : race.racers()) {
                if (s.review() != null) {
                    out.println("  " + RACED + " racer " + s.racer() + ": " + s.review().verdictWord() + "  "
                            + s.review().file());
                }
            }
        }
        out.println("Report:   " + layout.reportFile());
        out.println();
        String integration = summary.info().integration();
        out.println("Try:  cd " + repo + " && git log --oneline --graph " + integration);
        out.println("      git -C " + repo + " branch --list '" + summary.info().feature() + "/*'");
        out.println("      " + pwt + " status " + planFile);
        out.println("      cat " + layout.resultsDir(SENT_BACK).resolve("review-1/REVIEW.md"));
        out.println("      cat " + planFile);
        out.println();
        out.println(DemoCommand.removal(repo));
        out.flush();

        List<String> wrong = surprises(planning, summary, view, race);
        if (!wrong.isEmpty()) {
            out.println("The demo did NOT go as designed:");
            wrong.forEach(w -> out.println("  " + w));
            return ExitCodes.FAILED;
        }
        String designed = "The demo went as designed: the planner's second plan was valid, racer " + WINNER
                + " won the race of " + RACED + ", " + SENT_BACK + "'s review asked for changes and approved them,"
                + " and every workstream landed.";
        out.println(designed);
        // every workstream lands by design: the headline says so, naming what the agents did
        RunReport.write(layout, Optional.of(new io.github.parallelworktrees.engine.report.DesignedOutcome(
                "the agents demo", java.util.Set.of(), "The plan was written by a planner agent in "
                + planning.attempts().size() + " attempts (records: " + planning.records() + "); racer " + WINNER
                + " won the race of " + RACED + "; " + SENT_BACK + "'s review asked for changes and approved them.")));
        return ExitCodes.OK;
    }

    /** What differs from the story the rehearsal scripts tell. */
    private static List<String> surprises(Planning planning, RunSummary summary, RunView view, RaceResult race) {
        List<String> wrong = new ArrayList<>();
        if (planning.attempts().size() != 2 || planning.attempts().get(0).valid()) {
            wrong.add("the planner was to write an invalid plan, then a valid one; it took "
                    + planning.attempts().size() + " attempt(s)");
        }
        if (race == null || race.winner() == null || race.winner() != WINNER) {
            wrong.add("racer " + WINNER + " was to win the race of " + RACED + ": "
                    + (race == null ? "no race was judged" : race.why()));
        } else if (race.racers().get(0).eligible()) {
            wrong.add("racer 1 was to fail the gate: " + race.racers().get(0).verdict());
        }
        List<String> verdicts = new ArrayList<>();
        for (Event.Reviewed r : view.reviews()) {
            verdicts.add(r.workstream() + ":" + r.review().verdict());
        }
        if (race != null) {
            List<String> racersReviews = race.racers().stream().map(s -> "racer " + s.racer() + ":"
                    + (s.review() == null ? "none" : s.review().verdict())).toList();
            if (!racersReviews.stream().allMatch(r -> r.endsWith(":approve"))) {
                wrong.add("every racer of " + RACED + " was to be reviewed and approved: " + racersReviews);
            }
        }
        if (!verdicts.contains(SENT_BACK + ":request-changes") || !verdicts.contains(SENT_BACK + ":approve")
                || !verdicts.contains(APPROVED + ":approve")) {
            wrong.add("the reviews were to ask for changes to " + SENT_BACK + " and approve them, and approve "
                    + APPROVED + ": " + verdicts);
        }
        if (!summary.succeeded() || !summary.landed().containsAll(List.of(RACED, SENT_BACK, APPROVED))) {
            wrong.add("every workstream was to land: landed " + summary.landed() + ", run "
                    + summary.info().status());
        }
        return wrong;
    }
}
