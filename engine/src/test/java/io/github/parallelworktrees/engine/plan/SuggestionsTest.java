package io.github.parallelworktrees.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

    @Test
    void suggestsACloseNameAndNothingForAFarOne() {
        assertThat(Suggestions.closest("confg", List.of("config", "api"))).contains("config");
        assertThat(Suggestions.closest("zzzzzz", List.of("config", "api"))).isEmpty();
    }

    @Test
    void countsEditsAsLevenshteinDistance() {
        assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
    }
}
