package io.github.parallelworktrees.cli.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.parallelworktrees.engine.ledger.Json;
import io.github.parallelworktrees.engine.ledger.RunLayout;
import io.github.parallelworktrees.engine.testing.TestRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads what each view of the run claims, as a person or a script reading it would. */
final class Views {

    private static final Pattern ROW = Pattern.compile("<tr>(.*?)</tr>", Pattern.DOTALL);
    private static final Pattern CELL = Pattern.compile("<t[dh][^>]*>(.*?)</t[dh]>", Pattern.DOTALL);
    private static final Pattern TAG = Pattern.compile("<[^>]+>");
    private static final Pattern RUN_STATUS = Pattern.compile("Run <b[^>]*>([a-z_]+)</b>");

    private Views() {
    }

    /**
     * run.json: the run's status, each worker's status, and the merges in the order they were recorded: a later
     * merge's word on a workstream (landed, already merged, left out) replaces an earlier one. A worker entry's
     * own {@code landed} field, when run.json has one, is its word instead.
     */
    static Optional<ViewClaims> runJson(RunLayout layout) {
        if (!Files.exists(layout.runFile())) {
            return Optional.empty();
        }
        JsonNode run;
        try {
            run = Json.MAPPER.readTree(layout.runFile().toFile());
        } catch (IOException e) {
            return Optional.of(new ViewClaims("run.json", Optional.empty(), Map.of(), Map.of(), true,
                    List.of("run.json cannot be read: " + e.getMessage())));
        }
        Map<String, ViewClaims.Landed> landed = new HashMap<>();
        for (JsonNode merge : run.path("merges")) {
            String wave = "merges[wave " + merge.path("wave").asText() + "]";
            merge.path("landed").forEach(ws -> landed.put(ws.asText(), new ViewClaims.Landed(true,
                    wave + ".landed")));
            merge.path("already_merged").forEach(ws -> landed.put(ws.asText(), new ViewClaims.Landed(true,
                    wave + ".already_merged")));
            merge.path("left_out").forEach(l -> landed.put(l.path("workstream").asText(), new ViewClaims.Landed(
                    false, wave + ".left_out (" + l.path("reason").asText() + ")")));
        }
        Map<String, String> states = new HashMap<>();
        for (JsonNode worker : run.path("workers")) {
            String ws = worker.path("workstream").asText();
            states.put(ws, worker.path("status").asText());
            if (worker.path("landed").isBoolean()) {
                landed.put(ws, new ViewClaims.Landed(worker.path("landed").asBoolean(), "workers[" + ws
                        + "].landed"));
            }
        }
        List<String> unreadable = new ArrayList<>();
        Optional<String> status = text(run.path("run").path("status"));
        if (status.isEmpty()) {
            unreadable.add("run.json has no run.status");
        }
        return Optional.of(new ViewClaims("run.json", status, states, landed, true, unreadable));
    }

    /**
     * report.html: "Run <b>status</b>", and per workstream row its "state" and "landed" cells ("landed (wave N)" when
     * landed; "left out", "queued", "not merged" or "-" when not).
     */
    static Optional<ViewClaims> reportHtml(RunLayout layout) {
        if (!Files.exists(layout.reportFile())) {
            return Optional.empty();
        }
        String html = TestRepo.read(layout.reportFile());
        List<String> unreadable = new ArrayList<>();
        Matcher status = RUN_STATUS.matcher(html);
        Optional<String> runStatus = status.find() ? Optional.of(status.group(1)) : Optional.empty();
        if (runStatus.isEmpty()) {
            unreadable.add("report.html has no \"Run <b>status</b>\"");
        }
        Map<String, String> states = new HashMap<>();
        Map<String, ViewClaims.Landed> landed = new HashMap<>();
        int stateColumn = -1;
        int landedColumn = -1;
        Matcher row = ROW.matcher(html);
        while (row.find()) {
            List<String> cells = cells(row.group(1));
            if (row.group(1).contains("<th") && cells.contains("workstream")) {
                stateColumn = cells.indexOf("state");
                landedColumn = cells.indexOf("landed");
            } else if (!cells.isEmpty() && ThrowawayProject.WORKSTREAMS.contains(cells.get(0))
                    && landedColumn >= 0 && cells.size() > Math.max(landedColumn, stateColumn)) {
                String ws = cells.get(0);
                if (stateColumn >= 0) {
                    states.put(ws, cells.get(stateColumn));
                }
                String cell = cells.get(landedColumn);
                landed.put(ws, new ViewClaims.Landed(cell.startsWith("landed"),
                        "its row's \"landed\" cell is \"" + cell + "\""));
            }
        }
        if (landedColumn < 0) {
            unreadable.add("report.html has no table with a \"landed\" column");
        }
        return Optional.of(new ViewClaims("report.html", runStatus, states, landed, true, unreadable));
    }

    /**
     * {@code pwt status PLAN --json}: the run's status, each workstream's status and, once it has one, its
     * {@code landed} field.
     *
     * @return no claims when the feature has no run, or for the known bug below (with a note)
     */
    static StatusJson statusJson(ThrowawayProject project) {
        PwtCall call = project.pwt("status", "--json", "--lines", "0");
        if (call.exitCode() != 0) {
            return new StatusJson(call, Optional.empty(), Optional.empty());
        }
        JsonNode status;
        try {
            status = Json.MAPPER.readTree(call.out());
        } catch (IOException e) {
            return new StatusJson(call, Optional.of(new ViewClaims("pwt status --json", Optional.empty(), Map.of(),
                    Map.of(), false, List.of("its output is not JSON: " + e.getMessage()))), Optional.empty());
        }
        Map<String, String> states = new HashMap<>();
        Map<String, ViewClaims.Landed> landed = new HashMap<>();
        List<String> unreadable = new ArrayList<>();
        for (JsonNode ws : status.path("workstreams")) {
            String name = ws.path("workstream").asText();
            states.put(name, ws.path("status").asText());
            if (ws.path("landed").isBoolean()) {
                landed.put(name, new ViewClaims.Landed(ws.path("landed").asBoolean(), "workstreams[" + name
                        + "].landed"));
            }
        }
        Optional<String> runStatus = text(status.path("info").path("status"));
        if (runStatus.isEmpty()) {
            unreadable.add("pwt status --json has no info.status");
        }
        // a status without a landed field says nothing about landing: only its run status can be held to git
        Optional<String> note = landed.isEmpty() ? Optional.of("pwt status --json has no \"landed\" field per"
                + " workstream: only its run status is checked") : Optional.empty();
        return new StatusJson(call, Optional.of(new ViewClaims("pwt status --json", runStatus, states, landed,
                !landed.isEmpty(), unreadable)), note);
    }

    /**
     * What {@code pwt status --json} answered.
     *
     * @param note what of it could not be checked, and why
     */
    record StatusJson(PwtCall call, Optional<ViewClaims> claims, Optional<String> note) {
    }

    private static List<String> cells(String row) {
        List<String> cells = new ArrayList<>();
        Matcher cell = CELL.matcher(row);
        while (cell.find()) {
            cells.add(TAG.matcher(cell.group(1)).replaceAll("").strip().toLowerCase(Locale.ROOT));
        }
        return cells;
    }

    private static Optional<String> text(JsonNode node) {
        return node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
    }
}
