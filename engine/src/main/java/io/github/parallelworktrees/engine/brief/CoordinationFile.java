package io.github.parallelworktrees.engine.brief;

import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.plan.Workstream;
import io.github.parallelworktrees.engine.ledger.Json;
import java.nio.file.Files;
import java.nio.file.Path;

/** COORDINATION.md: the notes workstreams share. Created once; never overwritten, since workers write to it. */
public final class CoordinationFile {

    private CoordinationFile() {
    }

    /** Creates the file with the plan's overview if it does not exist yet. */
    public static void ensure(Path file, Plan plan) {
        if (Files.exists(file)) {
            return;
        }
        StringBuilder md = new StringBuilder();
        md.append("# Coordination Notes: ").append(plan.feature()).append("\n\n");
        md.append("Use this file to document important decisions and interfaces between workstreams.\n");
        md.append("Add a dated entry under your workstream's name; do not rewrite others' entries.\n\n");
        md.append("## Workstreams\n\n");
        md.append("| workstream | branch | wave | depends on | files |\n|---|---|---|---|---|\n");
        for (Workstream ws : plan.workstreams()) {
            md.append("| ").append(ws.name()).append(" | `").append(plan.branchOf(ws)).append("` | ")
                    .append(ws.wave()).append(" | ")
                    .append(ws.dependsOn().isEmpty() ? "-" : String.join(", ", ws.dependsOn())).append(" | ")
                    .append(ws.files().isEmpty() ? "-" : "`" + String.join("`, `", ws.files()) + "`")
                    .append(" |\n");
        }
        md.append("\n## Decisions and interfaces\n\n");
        Json.writeAtomically(file, md.toString());
    }
}
