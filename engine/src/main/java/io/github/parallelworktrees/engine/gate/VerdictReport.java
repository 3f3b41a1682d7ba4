package io.github.parallelworktrees.engine.gate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.parallelworktrees.engine.gate.report.Counter;
import io.github.parallelworktrees.engine.gate.report.Metric;
import io.github.parallelworktrees.engine.ledger.Json;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** A verdict as gate.json (for tools and the Jenkins step) and as Markdown (for people). */
public final class VerdictReport {

    private VerdictReport() {
    }

    public static ObjectNode toJson(Verdict verdict) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("status", id(verdict.status()));
        root.put("dir", verdict.dir());
        root.put("evaluated_at", verdict.evaluatedAt().toString());
        ArrayNode gates = root.putArray("gates");
        for (GateResult r : verdict.results()) {
            ObjectNode gate = gates.addObject();
            gate.put("gate", r.gate());
            gate.put("criticality", r.criticality().name());
            gate.put("status", id(r.status()));
            gate.put("measured", r.measured());
            gate.put("threshold", r.threshold());
            gate.put("reason", r.reason());
            r.output().ifPresent(o -> gate.put("output", o));
        }
        verdict.tests().ifPresent(t -> {
            ObjectNode tests = root.putObject("tests");
            tests.put("tests", t.tests());
            tests.put("failures", t.failures());
            tests.put("errors", t.errors());
            tests.put("skipped", t.skipped());
            tests.put("flaky", t.flaky());
            t.failed().forEach(tests.putArray("failed")::add);
            t.files().forEach(f -> tests.withArray("files").add(f.toString()));
        });
        verdict.coverage().ifPresent(c -> {
            ObjectNode coverage = root.putObject("coverage");
            for (Map.Entry<Metric, Counter> e : c.counters().entrySet()) {
                ObjectNode metric = coverage.putObject(e.getKey().name());
                metric.put("covered", e.getValue().covered());
                metric.put("missed", e.getValue().missed());
                e.getValue().percent().ifPresent(p -> metric.put("percent", Math.round(p * 100) / 100.0));
            }
            c.files().forEach(f -> coverage.withArray("files").add(f.toString()));
        });
        return root;
    }

    public static String markdown(Verdict verdict) {
        StringBuilder md = new StringBuilder();
        md.append("## Quality gate: ").append(verdict.status().name()).append("\n\n");
        md.append("| gate | status | measured | threshold | criticality |\n|---|---|---|---|---|\n");
        for (GateResult r : verdict.results()) {
            md.append("| ").append(r.gate().replace("|", "\\|")).append(" | ").append(r.status().name())
                    .append(" | ").append(r.measured()).append(" | ").append(r.threshold()).append(" | ")
                    .append(r.criticality().name()).append(" |\n");
        }
        if (!verdict.failures().isEmpty()) {
            md.append('\n');
            verdict.failures().forEach(f -> md.append("- ").append(f).append('\n'));
        }
        verdict.tests().ifPresent(t -> md.append(String.format(Locale.ROOT,
                "%nTests: %d run, %d failed, %d errors, %d skipped, %d flaky (%d report file(s))%n", t.tests(),
                t.failures(), t.errors(), t.skipped(), t.flaky(), t.files().size())));
        verdict.coverage().ifPresent(c -> {
            md.append("\nCoverage:");
            c.counters().forEach((metric, counter) -> md.append(' ').append(metric.name().toLowerCase(Locale.ROOT))
                    .append(' ').append(counter.percent().isPresent() ? QualityGate.pct(counter.percent()
                            .getAsDouble()) : "n/a").append(" (").append(counter.covered()).append('/')
                    .append(counter.total()).append(')'));
            md.append(" (").append(c.files().size()).append(" report file(s))\n");
        });
        return md.toString();
    }

    /** Writes gate.json and gate.md into {@code dir}; returns gate.json. */
    public static Path write(Verdict verdict, Path dir) {
        Path json = dir.resolve("gate.json");
        Json.writeAtomically(json, toJson(verdict));
        Json.writeAtomically(dir.resolve("gate.md"), markdown(verdict));
        return json;
    }

    public static String id(GateStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }
}
