package io.github.parallelworktrees.cli;

import java.util.Locale;

/** Cost and token counts as people read them: "$0.0123", "12.3k". */
final class Money {

    private Money() {
    }

    static String format(double usd) {
        return usd == 0 ? "-" : String.format(Locale.ROOT, "$%.4f", usd);
    }

    static String tokens(long count) {
        if (count == 0) {
            return "-";
        }
        return count < 1000 ? String.valueOf(count) : String.format(Locale.ROOT, "%.1fk", count / 1000.0);
    }
}
