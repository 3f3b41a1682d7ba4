package io.jenkins.plugins.parallelworktrees.report;

import io.github.parallelworktrees.engine.report.Headline;

/** The engine's {@link Headline} with getters, as a Jelly view reads a value; its text is escaped by the view. */
public final class PageHeadline {

    private final Headline headline;

    PageHeadline(Headline headline) {
        this.headline = headline;
    }

    public String getTitle() {
        return headline.title();
    }

    /** The sentence under it; null when the title says it all. */
    public String getDetail() {
        return headline.detail().isEmpty() ? null : headline.detail();
    }

    /** good, bad or neutral. */
    public String getTone() {
        return headline.tone();
    }

    /** Jenkins' own colour class for the tone (core's design library: {@code jenkins-!-success-color}, ...). */
    public String getToneClass() {
        return switch (headline.tone()) {
            case "good" -> "jenkins-!-success-color";
            case "bad" -> "jenkins-!-error-color";
            default -> "jenkins-!-accent-color";
        };
    }
}
