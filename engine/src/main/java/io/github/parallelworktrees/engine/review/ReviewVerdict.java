package io.github.parallelworktrees.engine.review;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The verdict line of a REVIEW.md: {@code Verdict: approve} or {@code Verdict: request-changes}. The last such line
 * counts (a reviewer may quote the format above its own verdict); Markdown emphasis around it is allowed.
 *
 * @param verdict {@code approve} or {@code request-changes}; empty when the file has no usable verdict line
 * @param problem why there is no verdict, when there is none
 */
public record ReviewVerdict(Optional<String> verdict, Optional<String> problem) {

    public static final String APPROVE = "approve";
    public static final String REQUEST_CHANGES = "request-changes";

    private static final Pattern LINE = Pattern.compile("(?im)^[\\s>*_#`-]*verdict[*_`]*\\s*:(.*)$");

    /** The verdict {@code markdown} ends with. */
    public static ReviewVerdict of(String markdown) {
        Matcher m = LINE.matcher(markdown);
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        if (last == null) {
            return new ReviewVerdict(Optional.empty(), Optional.of("REVIEW.md has no verdict line; it must end with"
                    + " 'Verdict: approve' or 'Verdict: request-changes'"));
        }
        String value = last.replaceAll("[*_`]", "").strip().toLowerCase(Locale.ROOT).replaceAll("[.!]+$", "")
                .strip();
        if (value.equals(APPROVE) || value.equals(REQUEST_CHANGES)) {
            return new ReviewVerdict(Optional.of(value), Optional.empty());
        }
        String shown = last.strip().length() > 60 ? last.strip().substring(0, 60) + "..." : last.strip();
        return new ReviewVerdict(Optional.empty(), Optional.of("REVIEW.md's verdict line says '" + shown
                + "'; it must be 'Verdict: approve' or 'Verdict: request-changes'"));
    }
}
