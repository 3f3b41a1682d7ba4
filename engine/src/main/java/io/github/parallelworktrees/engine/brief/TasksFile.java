package io.github.parallelworktrees.engine.brief;

import io.github.parallelworktrees.engine.ledger.RunLayout;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.plan.Wave;
import io.github.parallelworktrees.engine.plan.Workstream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A worker's brief, TASKS.md, with the sections of the seed's dispatch command: mission, key files,
 * implementation checklist, technical details, testing requirements, dependencies, success criteria,
 * resources.
 */
public final class TasksFile {

    public static final String NAME = "TASKS.md";
    public static final String RESULTS = "RESULTS.md";
    public static final String COMPLETE_MARKER = ".claude-task-complete";

    /** Patterns kept out of git status and out of workers' commits, in every worktree of the repository. */
    public static final List<String> EXCLUDED = List.of("/" + RunLayout.WORKTREES_DIR + "/", "/" + NAME, "/" + RESULTS,
            "/" + COMPLETE_MARKER, "/.env");

    private static final Pattern LIST_ITEM = Pattern.compile("^\\s*(?:[-*+]|\\d+[.)])\\s+(?:\\[[ xX]]\\s+)?(.+)$");

    private TasksFile() {
    }

    /**
     * The brief's text.
     *
     * @param tasksText the contents of the workstream's {@code tasks} file, when it has one
     */
    public static String render(Plan plan, Workstream ws, Path worktree, Path coordination, String baseCommit,
            Optional<String> tasksText) {
        StringBuilder md = new StringBuilder();
        String branch = plan.branchOf(ws);
        md.append("# TASKS: ").append(ws.name()).append("\n\n");
        md.append("Feature `").append(plan.feature()).append("`, workstream `").append(ws.name())
                .append("`, wave ").append(ws.wave()).append(", branch `").append(branch).append("`.\n\n");

        md.append("## Your Mission\n\n");
        md.append(mission(ws, tasksText)).append("\n\n");

        md.append("## Key Files\n\n");
        if (ws.files().isEmpty()) {
            md.append("No file scope was given: keep changes to what this mission needs.\n\n");
        } else {
            md.append("Stay inside these paths; other workstreams own the rest:\n\n");
            ws.files().forEach(f -> md.append("- `").append(f).append("`\n"));
            md.append('\n');
        }

        md.append("## Implementation Checklist\n\n");
        checklist(ws, tasksText).forEach(item -> md.append("- [ ] ").append(item).append('\n'));
        md.append("- [ ] Check COORDINATION.md before changing an interface another workstream uses\n");
        md.append("- [ ] Commit your work on `").append(branch).append("` with descriptive messages\n");
        md.append("- [ ] Write RESULTS.md and create `").append(COMPLETE_MARKER).append("`\n\n");

        if (tasksText.isPresent()) {
            md.append("## Technical Requirements\n\n");
            md.append("From `").append(ws.tasksFile().orElse("tasks")).append("`:\n\n");
            md.append(tasksText.get().strip()).append("\n\n");
        }

        md.append("## Testing Requirements\n\n");
        md.append("- Add or update tests for what you change and run them before you finish.\n");
        wave(plan, ws).flatMap(Wave::gate).ifPresent(gate -> {
            md.append("- Your branch merges in wave ").append(ws.wave())
                    .append(" only if the wave's quality gate passes:\n\n```json\n").append(gate.toPrettyString())
                    .append("\n```\n");
        });
        md.append('\n');

        md.append("## Dependencies\n\n");
        if (ws.dependsOn().isEmpty()) {
            md.append("- Depends on: nothing; you can start at once.\n");
        } else {
            for (String dep : ws.dependsOn()) {
                md.append("- Depends on `").append(dep).append("` (branch `").append(plan.feature()).append('/')
                        .append(dep).append("`), finished before you started.\n");
            }
        }
        List<String> blocks = plan.workstreams().stream().filter(w -> w.dependsOn().contains(ws.name()))
                .map(Workstream::name).toList();
        if (!blocks.isEmpty()) {
            md.append("- Blocks: ").append(String.join(", ", blocks.stream().map(b -> "`" + b + "`").toList()))
                    .append(" wait for you: document the interfaces they will use in COORDINATION.md.\n");
        }
        md.append('\n');

        md.append("## Success Criteria\n\n");
        md.append("- Every checklist item is done and the tests pass.\n");
        md.append("- All work is committed on `").append(branch).append("`; nothing is left uncommitted.\n");
        md.append("- `RESULTS.md` at the root of this worktree, with these sections: Summary (one line first),"
                + " Files Changed, Challenges and Solutions, Integration Notes (for the other workstreams),"
                + " Suggestions.\n");
        md.append("- The empty file `").append(COMPLETE_MARKER).append("` at the root of this worktree, created"
                + " last.\n\n");

        md.append("## Resources\n\n");
        md.append("- Coordination notes shared by all workstreams: `").append(coordination).append("`\n");
        md.append("- This worktree: `").append(worktree).append("`\n");
        md.append("- Started from `").append(baseCommit, 0, Math.min(12, baseCommit.length())).append("`\n");
        return md.toString();
    }

    private static String mission(Workstream ws, Optional<String> tasksText) {
        if (ws.prompt().isPresent()) {
            return ws.prompt().get().strip();
        }
        String text = tasksText.orElse("").strip();
        for (String paragraph : text.split("\\n\\s*\\n")) {
            String p = paragraph.strip();
            if (!p.isEmpty() && !p.startsWith("#") && !LIST_ITEM.matcher(p.split("\n")[0]).matches()) {
                return p;
            }
        }
        return "Carry out the tasks below (from `" + ws.tasksFile().orElse("tasks") + "`).";
    }

    /** Checklist items: the list items of the tasks file or prompt, else the prompt's sentences. */
    static List<String> checklist(Workstream ws, Optional<String> tasksText) {
        List<String> items = listItems(tasksText.orElse(""));
        if (items.isEmpty()) {
            items = listItems(ws.prompt().orElse(""));
        }
        if (items.isEmpty()) {
            for (String sentence : ws.prompt().orElse("").strip().split("(?<=[.!?])\\s+")) {
                if (!sentence.isBlank()) {
                    items.add(sentence.strip());
                }
            }
        }
        if (items.isEmpty()) {
            items.add("Carry out the mission above");
        }
        return items;
    }

    private static List<String> listItems(String text) {
        List<String> items = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher item = LIST_ITEM.matcher(line);
            if (item.matches()) {
                items.add(item.group(1).strip());
            }
        }
        return items;
    }

    private static Optional<Wave> wave(Plan plan, Workstream ws) {
        return plan.waves().stream().filter(w -> w.number() == ws.wave()).findFirst();
    }
}
