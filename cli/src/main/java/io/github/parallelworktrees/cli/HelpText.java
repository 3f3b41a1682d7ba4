package io.github.parallelworktrees.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Help text that never breaks a path or a file name across lines. picocli wraps with the JDK's line
 * BreakIterator, which allows a break after a dot, so ".worktrees/x" came out as "." and "worktrees/x" on two
 * lines, and "RESULTS.md" as "RESULTS." and "md". Here every description is wrapped beforehand at spaces only,
 * into lines short enough that picocli leaves them as they are.
 */
final class HelpText {

    /** The usage width picocli uses (its default). */
    static final int WIDTH = 80;
    /** The narrowest description column of an option or parameter (after the widest option names). */
    private static final int ARGUMENT_WIDTH = 50;

    private HelpText() {
    }

    /** Rewraps the help of {@code cli} and of all its subcommands. */
    static void rewrap(CommandLine cli) {
        CommandSpec spec = cli.getCommandSpec();
        spec.usageMessage().width(WIDTH);
        spec.usageMessage().description(wrap(spec.usageMessage().description(), WIDTH - 1));
        for (OptionSpec option : new ArrayList<>(spec.options())) {
            if (needsWrap(option)) {
                spec.remove(option);
                spec.addOption(OptionSpec.builder(option).description(wrap(option.description(), ARGUMENT_WIDTH))
                        .build());
            }
        }
        for (PositionalParamSpec positional : new ArrayList<>(spec.positionalParameters())) {
            if (needsWrap(positional)) {
                spec.remove(positional);
                spec.addPositional(PositionalParamSpec.builder(positional)
                        .description(wrap(positional.description(), ARGUMENT_WIDTH)).build());
            }
        }
        cli.getSubcommands().values().forEach(HelpText::rewrap);
    }

    private static boolean needsWrap(ArgSpec arg) {
        for (String line : arg.description()) {
            if (line.length() > ARGUMENT_WIDTH) {
                return true;
            }
        }
        return false;
    }

    /** Each paragraph wrapped at spaces into lines of at most {@code width} (a longer word stays whole). */
    static String[] wrap(String[] paragraphs, int width) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : paragraphs) {
            if (paragraph.isEmpty()) {
                lines.add(paragraph);
                continue;
            }
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.split(" ")) {
                if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                if (line.length() > 0) {
                    line.append(' ');
                }
                line.append(word);
            }
            lines.add(line.toString());
        }
        return lines.toArray(String[]::new);
    }
}
