package io.github.parallelworktrees.engine.claude;

import io.github.parallelworktrees.engine.plan.WorkerSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The argument list of a headless Claude Code run: never a shell string. */
final class ClaudeCommandLine {

    private ClaudeCommandLine() {
    }

    /**
     * {@code claude -p <prompt> --output-format stream-json --verbose --model M [...]}. Options that take a list
     * are written as {@code --opt=value}, so that they can never swallow the prompt.
     */
    static List<String> arguments(String executable, WorkerSpec spec, String prompt, String systemPrompt,
            Optional<String> resume, Path sharedDir) {
        List<String> args = new ArrayList<>();
        args.add(executable);
        args.add("-p");
        args.add(prompt);
        args.add("--output-format");
        args.add("stream-json");
        args.add("--verbose");
        args.add("--model");
        args.add(spec.model());
        spec.maxTurns().ifPresent(n -> {
            args.add("--max-turns");
            args.add(String.valueOf(n));
        });
        spec.budgetUsd().ifPresent(usd -> {
            args.add("--max-budget-usd");
            args.add(String.format(Locale.ROOT, "%.2f", usd));
        });
        if (!spec.permissionMode().equals("default")) {
            args.add("--permission-mode");
            args.add(spec.permissionMode());
        }
        if (!spec.allowedTools().isEmpty()) {
            args.add("--allowedTools=" + String.join(",", spec.allowedTools()));
        }
        // COORDINATION.md lives beside the worktrees, outside the worker's own directory
        args.add("--add-dir=" + sharedDir);
        args.add("--append-system-prompt");
        args.add(systemPrompt);
        resume.ifPresent(id -> {
            args.add("--resume");
            args.add(id);
        });
        return args;
    }
}
