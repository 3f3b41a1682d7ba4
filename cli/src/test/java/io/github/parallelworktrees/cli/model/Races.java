package io.github.parallelworktrees.cli.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.parallelworktrees.engine.ledger.Json;
import io.github.parallelworktrees.engine.ledger.Ledger;
import io.github.parallelworktrees.engine.testing.TestRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What must hold of a race after every step, besides what {@link Invariants} asks of every workstream: (6a) a
 * racer's branch, once made, is never deleted (the losers' are kept); (6b) once the race was judged with a winner,
 * the raced workstream's branch holds the winner's tip as judged; (6c) every view (run.json, sessions.json,
 * {@code pwt status} and its {@code --json}) lists each racer whose branch exists, on that branch, and where it
 * gives a tip or a winner, the same as git and the ledger; (6d) a race is judged with a winner at most once, however
 * often the run was killed and resumed.
 */
final class Races {

    private Races() {
    }

    /** The race's violations after a step; none for a project that does not race. */
    static List<String> check(ThrowawayProject project, GitTruth truth, Optional<PwtCall> statusJson,
            List<String> violations) {
        if (!project.raced()) {
            return violations;
        }
        branchesKept(project, truth, violations);
        List<JsonNode> judgements = judgements(project, violations);
        judgedOnce(judgements, violations);
        judgements.stream().reduce((first, last) -> last).ifPresent(last -> winnerIsTheBranch(project, truth, last,
                violations));
        Path runJson = project.layout().runFile();
        if (Files.exists(runJson)) {
            readJson("run.json", TestRepo.read(runJson), violations).ifPresent(run -> racersListed("run.json",
                    run.path("races"), truth, judgements, violations));
        }
        Path sessions = project.layout().sessionsFile();
        if (Files.exists(sessions)) {
            readJson("sessions.json", TestRepo.read(sessions), violations).ifPresent(s -> sessionsList(s, truth,
                    violations));
        }
        statusJson.filter(c -> c.exitCode() == 0).flatMap(c -> readJson("pwt status --json", c.out(), violations))
                .ifPresent(s -> racersListed("pwt status --json", s.path("races"), truth, judgements, violations));
        PwtCall status = project.pwt("status", "--lines", "0");
        if (status.exitCode() == PwtCall.INTERNAL_ERROR) {
            violations.add("(0) no internal error: " + status.describe());
        } else if (status.exitCode() == 0) {
            statusLists(status.out(), truth, violations);
        }
        return violations;
    }

    private static void branchesKept(ThrowawayProject project, GitTruth truth, List<String> violations) {
        truth.racers().forEach((racer, tip) -> {
            if (tip.isPresent()) {
                project.noteRacerBranch(racer);
            } else if (project.racerBranchSeen(racer)) {
                violations.add("(6a) a racer's branch is kept: " + project.branch(racer) + " existed after an"
                        + " earlier step and is gone");
            }
        });
    }

    /** The ledger's race_judged events of the raced workstream in the latest run, in order. */
    private static List<JsonNode> judgements(ThrowawayProject project, List<String> violations) {
        Path ledger = project.layout().root().resolve(Ledger.FILE);
        List<JsonNode> judged = new ArrayList<>();
        if (!Files.exists(ledger)) {
            return judged;
        }
        for (String line : TestRepo.read(ledger).lines().filter(l -> l.contains("\"race_judged\"")
                || l.contains("\"run_started\"")).toList()) {
            Optional<JsonNode> event = readJson("ledger.jsonl", line, violations);
            if (event.isPresent() && event.get().path("event").asText().equals("run_started")) {
                judged.clear();
            }
            event.filter(e -> e.path("event").asText().equals("race_judged")).map(e -> e.path("result"))
                    .filter(r -> r.path("workstream").asText().equals(ThrowawayProject.RACED)).ifPresent(judged::add);
        }
        return judged;
    }

    private static void judgedOnce(List<JsonNode> judgements, List<String> violations) {
        List<JsonNode> won = judgements.stream().filter(j -> j.path("winner").isInt()).toList();
        if (won.size() > 1) {
            violations.add("(6d) a race is judged with a winner once: the ledger judged " + ThrowawayProject.RACED
                    + "'s race " + won.size() + " times with a winner: " + won.stream().map(j -> "racer "
                    + j.path("winner").asInt() + " (" + j.path("why").asText() + ")").toList());
        }
    }

    private static void winnerIsTheBranch(ThrowawayProject project, GitTruth truth, JsonNode judged,
            List<String> violations) {
        if (!judged.path("winner").isInt()) {
            return;
        }
        int winner = judged.path("winner").asInt();
        String tip = winnerTip(judged).orElse("");
        GitTruth.Branch branch = truth.branch(ThrowawayProject.RACED);
        if (tip.isEmpty()) {
            violations.add("(6b) the ledger's judgement names racer " + winner + " the winner but gives no tip of"
                    + " it");
        } else if (branch.tip().isEmpty() || project.git().tryRun("merge-base", "--is-ancestor", tip,
                branch.tip().get()).exitCode() != 0) {
            violations.add("(6b) the winner's tip becomes the workstream's branch: racer " + winner + " won at "
                    + tip.substring(0, 12) + ", but git says " + branch.describe(truth.integration())
                    + " and does not hold it");
        }
    }

    private static Optional<String> winnerTip(JsonNode judged) {
        for (JsonNode racer : judged.path("racers")) {
            if (racer.path("racer").asInt() == judged.path("winner").asInt() && racer.path("tip").isTextual()) {
                return Optional.of(racer.path("tip").asText());
            }
        }
        return Optional.empty();
    }

    /** run.json's or status --json's {@code races}: every racer of git listed on its branch; the same winner. */
    private static void racersListed(String view, JsonNode races, GitTruth truth, List<JsonNode> judgements,
            List<String> violations) {
        JsonNode race = null;
        for (JsonNode r : races) {
            if (r.path("workstream").asText().equals(ThrowawayProject.RACED)) {
                race = r;
            }
        }
        List<String> listed = new ArrayList<>();
        if (race != null) {
            for (JsonNode racer : race.path("racers")) {
                String name = racer.path("workstream").asText();
                listed.add(name);
                racerAgrees(view, name, racer, truth, violations);
            }
        }
        missing(view, listed, truth, violations);
        Optional<JsonNode> last = judgements.stream().reduce((first, second) -> second);
        String ledgerWinner = last.map(j -> j.path("winner").asText("none")).orElse("(not judged)");
        // run.json leaves "judged" out until the race is judged, status --json says null
        String viewWinner = race == null || race.path("judged").isMissingNode() || race.path("judged").isNull()
                ? "(not judged)"
                : race.path("judged").path("winner").asText("none");
        if (!ledgerWinner.equals(viewWinner)) {
            violations.add("(6c) views agree on the race: " + view + " says the winner of " + ThrowawayProject.RACED
                    + "'s race is " + viewWinner + ", the ledger's last race_judged says " + ledgerWinner);
        }
    }

    private static void sessionsList(JsonNode sessions, GitTruth truth, List<String> violations) {
        List<String> listed = new ArrayList<>();
        sessions.fieldNames().forEachRemaining(name -> {
            if (truth.racers().containsKey(name)) {
                listed.add(name);
                racerAgrees("sessions.json", name, sessions.path(name), truth, violations);
            }
        });
        missing("sessions.json", listed, truth, violations);
    }

    private static void racerAgrees(String view, String name, JsonNode racer, GitTruth truth,
            List<String> violations) {
        String branch = ThrowawayProject.FEATURE + "/" + name;
        if (!truth.racers().containsKey(name)) {
            violations.add("(6c) views list only the plan's racers: " + view + " lists " + name);
            return;
        }
        if (!racer.path("branch").asText().equals(branch)) {
            violations.add("(6c) views agree with git on racers: " + view + " puts " + name + " on branch '"
                    + racer.path("branch").asText() + "', not " + branch);
        }
        Optional<String> tip = truth.racers().get(name);
        if (racer.path("branch_tip").isTextual() && !tip.equals(Optional.of(racer.path("branch_tip").asText()))) {
            violations.add("(6c) views agree with git on racers: " + view + " says " + branch + " is at "
                    + racer.path("branch_tip").asText() + ", git says " + tip.orElse("it does not exist"));
        }
    }

    private static void missing(String view, List<String> listed, GitTruth truth, List<String> violations) {
        truth.racers().forEach((name, tip) -> {
            if (tip.isPresent() && !listed.contains(name)) {
                violations.add("(6c) views show each racer: " + view + " does not list " + name + ", whose branch "
                        + ThrowawayProject.FEATURE + "/" + name + " exists");
            }
        });
    }

    /** {@code pwt status}: a line per racer whose branch exists, naming the racer and its branch. */
    private static void statusLists(String out, GitTruth truth, List<String> violations) {
        truth.racers().forEach((name, tip) -> {
            if (tip.isPresent() && !out.matches("(?s).*\\b" + name + "\\s+" + ThrowawayProject.FEATURE + "/" + name
                    + "\\b.*")) {
                violations.add("(6c) views show each racer: pwt status has no line for " + name + " on its branch "
                        + ThrowawayProject.FEATURE + "/" + name + ", which exists");
            }
        });
    }

    private static Optional<JsonNode> readJson(String view, String text, List<String> violations) {
        try {
            return Optional.of(Json.MAPPER.readTree(text));
        } catch (IOException e) {
            violations.add("(6c) the harness cannot read " + view + ": " + e.getMessage());
            return Optional.empty();
        }
    }
}
