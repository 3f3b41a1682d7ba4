package io.github.parallelworktrees.engine.planner;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The planner's brief: what a plan is, the spec, the repository's builds as suggested gates, how many
 * workstreams, and the contract (write only the plan file). The same text is a Claude planner's first prompt
 * and a command planner's PWT_PLAN_BRIEF.
 */
final class PlannerBrief {

    /** A spec longer than this is not copied into the brief; the planner reads it at PWT_SPEC. */
    static final int INLINE_SPEC_LIMIT = 100_000;

    private PlannerBrief() {
    }

    /** The plan format section, the same that {@code docs/plans.md} explains (a test keeps its example valid). */
    static String planFormat() {
        try (InputStream in = PlannerBrief.class.getResourceAsStream("plan-format.md")) {
            if (in == null) {
                throw new IllegalStateException("plan-format.md is missing from the engine's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(PlanningRequest request, String spec, List<Builds.Build> builds, String branch) {
        StringBuilder b = new StringBuilder();
        b.append("# Planning brief\n\n")
                .append("You are the planner of Parallel Worktrees (pwt). Read the spec below and the repository at ")
                .append(request.repository()).append(" (branch ").append(branch).append("), and write a plan that")
                .append(" splits the spec's work into workstreams that separate agents implement in parallel, each in")
                .append(" its own git worktree and branch. pwt validates the plan; nothing runs until the user accepts")
                .append(" it.\n\n");
        b.append("## What to write\n\n")
                .append("- Write the plan as YAML to exactly this file: ").append(request.out())
                .append(" (also in the environment as PWT_PLAN_OUT).\n")
                .append("- Workstreams: ").append(request.workstreams()
                        .map(n -> "exactly " + n + " (the user asked for " + n + ")")
                        .orElse("as many as the work splits into cleanly (usually 2 to 6)")).append(".\n")
                .append("- This is the ONLY file you may create or change. Do not edit, create or delete any other")
                .append(" file, do not commit, do not switch branches: read the repository, write the plan. pwt")
                .append(" checks with git status afterwards and refuses a plan made while other files changed.\n")
                .append("- pwt validates the plan with the same checks as `pwt run`. If it finds problems, you get")
                .append(" them back (each with its line) and rewrite the plan; you have ").append(request.attempts())
                .append(" attempt(s) in all.\n\n");
        b.append("## Suggested gates (the repository's own build)\n\n");
        if (builds.isEmpty()) {
            b.append("No Maven, Gradle, npm or pytest build was found at the repository's top level. Give each wave")
                    .append(" a gate only if the spec or the repository names a test command.\n\n");
        } else {
            for (Builds.Build build : builds) {
                b.append("- ").append(build.tool()).append(" (").append(build.marker()).append("): ");
                build.gate().ifPresent(g -> b.append("`gate: {command: \"").append(g).append("\"}`"));
                build.setup().ifPresent(s -> b.append(build.gate().isPresent() ? ", " : "")
                        .append("`setup: [\"").append(s).append("\"]`"));
                build.note().ifPresent(n -> b.append(" (").append(n).append(")"));
                b.append('\n');
            }
            b.append("\nUse these as each wave's gate (`waves: [{wave: 1, gate: {command: ...}}, ...]`) unless the")
                    .append(" spec says otherwise.\n\n");
        }
        b.append("## The spec\n\n").append("File: ").append(request.spec()).append(" (also PWT_SPEC)\n\n");
        if (spec.length() <= INLINE_SPEC_LIMIT) {
            b.append("<spec>\n").append(spec).append(spec.endsWith("\n") ? "" : "\n").append("</spec>\n\n");
        } else {
            b.append("The spec is ").append(spec.length()).append(" characters long: read it from the file.\n\n");
        }
        b.append(planFormat());
        return b.toString();
    }

    /** The prompt that sends the validation errors back. */
    static String errorsPrompt(Path out, int attempt, int attempts, String errors) {
        return "pwt validated the plan you wrote at " + out + " and found problems (attempt " + attempt + " of "
                + attempts + "). Fix every one of them by rewriting " + out + ", and change no other file.\n\n"
                + errors;
    }
}
