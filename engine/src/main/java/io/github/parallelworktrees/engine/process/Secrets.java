package io.github.parallelworktrees.engine.process;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Secret values to keep out of what the engine and its front ends write (logs, transcripts, reports, build pages),
 * in every form a tool is likely to print them: as they are, quoted for a POSIX shell (as {@code sh -x} and
 * agents' tool calls show them), escaped in a JSON string (transcripts are JSON), and in base64 (and URL-safe
 * base64). The longest form is replaced first, so that the quoted form is masked whole and does not give away that
 * quoting happened (credentials-binding's SecretPatterns orders its forms the same way).
 *
 * <p>This masks what is written; it cannot promise that a tool never prints a secret in a form not listed here
 * (split across lines, hashed, encrypted): a worker's tools run with the secret in their environment.
 */
public final class Secrets {

    /** The replacement for every form of every secret. */
    public static final String MASK = "****";

    /**
     * Variables that hold credentials of the model providers the Claude Code CLI talks to, and of git hosts: their
     * values in a run's environment are masked wherever the engine writes.
     */
    public static final List<String> VARIABLES = List.of("ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN",
            "CLAUDE_CODE_OAUTH_TOKEN", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_BEARER_TOKEN_BEDROCK",
            "GITHUB_TOKEN", "GH_TOKEN", "GITLAB_TOKEN");

    /** Values shorter than this are not masked: masking "1" or "yes" would garble every line, hiding nothing. */
    private static final int MIN_LENGTH = 4;

    private static final Secrets NONE = new Secrets(Optional.empty());

    private final Optional<Pattern> pattern;

    private Secrets(Optional<Pattern> pattern) {
        this.pattern = pattern;
    }

    /** Nothing to mask. */
    public static Secrets none() {
        return NONE;
    }

    /** The given values (null, blank and very short ones are ignored). */
    public static Secrets of(Collection<String> values) {
        Set<String> forms = new LinkedHashSet<>();
        for (String value : values) {
            if (value != null && !value.isBlank() && value.length() >= MIN_LENGTH) {
                forms.addAll(formsOf(value));
            }
        }
        if (forms.isEmpty()) {
            return NONE;
        }
        String alternatives = forms.stream()
                .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
                .map(Pattern::quote)
                .collect(Collectors.joining("|"));
        return new Secrets(Optional.of(Pattern.compile(alternatives)));
    }

    /** The values of {@link #VARIABLES} in {@code environment}, and {@code more}. */
    public static Secrets in(Environment environment, Collection<String> more) {
        List<String> values = new java.util.ArrayList<>(more);
        values.addAll(credentialValues(environment.variables()));
        return of(values);
    }

    /** The values, not blank, of {@link #VARIABLES} in {@code variables}. */
    public static List<String> credentialValues(java.util.Map<String, String> variables) {
        return VARIABLES.stream().map(variables::get).filter(v -> v != null && !v.isBlank()).toList();
    }

    /** True when there is nothing to mask. */
    public boolean isEmpty() {
        return pattern.isEmpty();
    }

    /** {@code text} with every form of every secret replaced by {@link #MASK}. */
    public String mask(String text) {
        if (text == null || pattern.isEmpty()) {
            return text;
        }
        return pattern.get().matcher(text).replaceAll(Matcher.quoteReplacement(MASK));
    }

    private static Set<String> formsOf(String value) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(value);
        String singleQuoted = value.replace("'", "'\\''");
        forms.add(singleQuoted);
        forms.add("'" + singleQuoted + "'");
        forms.add(jsonEscaped(value));
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        forms.add(Base64.getEncoder().encodeToString(bytes));
        forms.add(Base64.getEncoder().withoutPadding().encodeToString(bytes));
        forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        return forms;
    }

    /** As inside a JSON string (what a transcript line holds): Jackson's escaping, as JSON.stringify's. */
    private static String jsonEscaped(String value) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(value));
    }
}
