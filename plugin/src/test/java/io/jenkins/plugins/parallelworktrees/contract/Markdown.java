package io.jenkins.plugins.parallelworktrees.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The parts of a Markdown document the contract reads: its fenced code blocks and its sections. */
final class Markdown {

    private Markdown() {
    }

    /**
     * The fenced blocks of {@code language}, each with the line of its opening fence as its offset, so that a line of
     * the block is reported as the line of the file. Fences may be indented, as in lists.
     */
    static List<Snippet> fencedBlocks(String text, String language) {
        List<Snippet> blocks = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String opening = lines[i].strip();
            String fence = fence(opening);
            if (fence == null) {
                continue;
            }
            String info = opening.substring(fence.length()).strip();
            int start = i;
            StringBuilder body = new StringBuilder();
            for (i++; i < lines.length && !isClosing(lines[i].strip(), fence); i++) {
                body.append(lines[i]).append('\n');
            }
            String lang = info.isEmpty() ? "" : info.split("\\s+")[0].toLowerCase(Locale.ROOT);
            if (lang.equals(language)) {
                blocks.add(new Snippet(start + 1, body.toString()));
            }
        }
        return blocks;
    }

    private static String fence(String line) {
        for (char c : new char[] {'`', '~'}) {
            int n = 0;
            while (n < line.length() && line.charAt(n) == c) {
                n++;
            }
            // A backtick fence's info string has no backtick; "```` ```yaml ````" is inline code, not a fence.
            if (n >= 3 && (c == '~' || line.indexOf('`', n) < 0)) {
                return line.substring(0, n);
            }
        }
        return null;
    }

    private static boolean isClosing(String line, String fence) {
        return line.length() >= fence.length() && line.chars().allMatch(ch -> ch == fence.charAt(0));
    }

    /** The text from the first heading that contains {@code marker} to the next heading of its level or above. */
    static String sectionAbout(String markdown, String marker) {
        String[] lines = markdown.split("\n", -1);
        StringBuilder section = new StringBuilder();
        int level = 0;
        boolean inFence = false;
        for (String line : lines) {
            if (line.strip().startsWith("```")) {
                inFence = !inFence;
            }
            int headingLevel = inFence ? 0 : headingLevel(line);
            if (level == 0) {
                if (headingLevel > 0 && line.contains(marker)) {
                    level = headingLevel;
                } else {
                    continue;
                }
            } else if (headingLevel > 0 && headingLevel <= level) {
                break;
            }
            section.append(line).append('\n');
        }
        return section.toString();
    }

    private static int headingLevel(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == '#') {
            n++;
        }
        return n > 0 && n < line.length() && line.charAt(n) == ' ' ? n : 0;
    }
}
