package io.jenkins.plugins.parallelworktrees;

import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.plan.Wave;
import io.github.parallelworktrees.engine.plan.Workstream;
import io.github.parallelworktrees.engine.planner.Planning;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * How a step's planning ended, as it comes back from the agent: the plan's path as the step names it, what the
 * planner wrote and kept (to archive under {@code planning/}), the plan's outline for the log, or why there is no
 * valid plan. Plain strings only, so it crosses Remoting with no engine class in it.
 */
final class PlannedPlan implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Where the plans and the planners' records go among the build's artifacts. */
    static final String ARCHIVE = "planning";

    private final String plan;
    private final String status;
    private final String reason;
    private final ArrayList<String> errors;
    private final ArrayList<String> outline;
    private final LinkedHashMap<String, String> artifacts;
    private final String base;
    private final String records;
    private final int attempts;
    private final double costUsd;
    private final boolean reused;

    private PlannedPlan(String plan, String status, String reason, List<String> errors, List<String> outline,
            Map<String, String> artifacts, String base, String records, int attempts, double costUsd,
            boolean reused) {
        this.plan = plan;
        this.status = status;
        this.reason = reason;
        this.errors = new ArrayList<>(errors);
        this.outline = new ArrayList<>(outline);
        this.artifacts = new LinkedHashMap<>(artifacts);
        this.base = base;
        this.records = records;
        this.attempts = attempts;
        this.costUsd = costUsd;
        this.reused = reused;
    }

    /**
     * The planning's outcome.
     *
     * @param named the plan's path as the step names it (relative to its directory)
     * @param repository the repository planned for, which holds the plan
     */
    static PlannedPlan of(Planning planning, String named, Path repository) throws IOException {
        return new PlannedPlan(named, planning.status().name().toLowerCase(Locale.ROOT),
                planning.reason().orElse(null), planning.errors(), planning.plan().map(PlannedPlan::outline)
                .orElse(List.of()), artifacts(repository, planning.out(), planning.records()),
                repository.toString(), relative(repository, planning.records()), planning.attempts().size(),
                planning.usage().costUsd(), false);
    }

    /** The valid plan this step's own planning left before a controller restart, with that planning's records. */
    static PlannedPlan reused(Plan plan, String named, Path repository, Path out, Path records) throws IOException {
        return new PlannedPlan(named, Planning.Status.VALID.name().toLowerCase(Locale.ROOT), null, List.of(),
                outline(plan), artifacts(repository, out, records), repository.toString(),
                relative(repository, records), 0, 0, true);
    }

    /**
     * The plan at {@code planning/<its path in the repository>}, each file of the planning's records (brief, log,
     * transcript, errors, each attempt's plan, planning.json) at {@code planning/records/<that path>/<name>}.
     */
    static Map<String, String> artifacts(Path repository, Path out, Path records) throws IOException {
        String key = relative(repository, out);
        Map<String, String> artifacts = new LinkedHashMap<>();
        if (Files.isRegularFile(out)) {
            artifacts.put(ARCHIVE + "/" + key, key);
        }
        if (Files.isDirectory(records)) {
            try (Stream<Path> files = Files.list(records)) {
                files.filter(Files::isRegularFile).sorted().forEach(file -> artifacts.put(ARCHIVE + "/records/" + key
                        + "/" + file.getFileName(), relative(repository, file)));
            }
        }
        return artifacts;
    }

    /** The plan's outline: a line for the whole, one per wave with its workstreams and gate. */
    static List<String> outline(Plan plan) {
        List<String> lines = new ArrayList<>();
        lines.add("feature " + plan.feature() + ", " + count(plan.workstreams().size(), "workstream") + ", "
                + count(plan.waves().size(), "wave"));
        for (Wave wave : plan.waves()) {
            List<String> names = new ArrayList<>();
            for (String name : wave.workstreams()) {
                Workstream ws = plan.workstream(name).orElseThrow();
                names.add(name + (ws.dependsOn().isEmpty() ? "" : " (after " + String.join(", ", ws.dependsOn())
                        + ")"));
            }
            lines.add("wave " + wave.number() + ": " + String.join(", ", names) + "; gate "
                    + wave.gate().map(Object::toString).orElse("none"));
        }
        plan.warnings().forEach(w -> lines.add("warning: " + w));
        return lines;
    }

    /** The plan's path as the step names it: what the run reads, and what the plan-only step returns. */
    String plan() {
        return plan;
    }

    boolean valid() {
        return status.equals(Planning.Status.VALID.name().toLowerCase(Locale.ROOT));
    }

    /** Archive path to the file's path relative to {@link #base()}. */
    Map<String, String> artifacts() {
        return artifacts;
    }

    /** The repository on the agent, which the artifacts' paths are relative to. */
    String base() {
        return base;
    }

    List<String> errors() {
        return errors;
    }

    /** What the log says: the plan and its outline, or what went wrong, and where the files were archived. */
    List<String> report() {
        List<String> lines = new ArrayList<>();
        if (reused) {
            lines.add("plan: " + plan + ", planned by this step before the controller restarted (records: "
                    + records + ")");
        } else if (valid()) {
            lines.add("plan: " + plan + ", valid after " + count(attempts, "attempt") + cost());
        } else {
            lines.add("planning failed after " + count(attempts, "attempt") + cost() + ": " + reason);
        }
        outline.forEach(line -> lines.add("  " + line));
        lines.add("archived: " + archived() + " (in the workspace: " + records + ")");
        return lines;
    }

    /**
     * Why the step fails, with the validator's problems of the last plan; empty for a valid plan.
     */
    Optional<String> failure() {
        if (valid()) {
            return Optional.empty();
        }
        StringBuilder message = new StringBuilder("parallelWorktrees: planning " + plan + " failed: " + reason);
        for (String error : errors) {
            message.append("\n  ").append(error);
        }
        message.append("\nWhat the planner wrote is archived: ").append(archived());
        return Optional.of(message.toString());
    }

    /** The plan's and the records' archive paths, for people. */
    private String archived() {
        List<String> shown = new ArrayList<>();
        String records = null;
        for (String path : artifacts.keySet()) {
            if (path.startsWith(ARCHIVE + "/records/")) {
                records = path.substring(0, path.lastIndexOf('/') + 1);
            } else {
                shown.add(path);
            }
        }
        if (records != null) {
            shown.add(records + " (the planner's records)");
        }
        return shown.isEmpty() ? "nothing (the planner wrote no file)" : String.join(", ", shown);
    }

    private String cost() {
        return costUsd > 0 ? String.format(Locale.ROOT, ", cost $%.2f", costUsd) : "";
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    static String relative(Path base, Path file) {
        return base.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize()).toString()
                .replace(File.separatorChar, '/');
    }
}
