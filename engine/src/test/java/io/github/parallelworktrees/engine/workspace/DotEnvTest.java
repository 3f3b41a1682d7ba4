package io.github.parallelworktrees.engine.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DotEnvTest {

    @Test
    void offsetsThePortByTheWorkstreamsIndex() {
        assertThat(DotEnv.forWorkstream(Map.of("PORT", "8000"), 3)).containsEntry("PORT", "8003");
        assertThat(DotEnv.forWorkstream(Map.of("MODE", "dev"), 3)).containsExactly(Map.entry("MODE", "dev"));
    }

    @Test
    void replacesVariablesInPlaceKeepingCommentsAndAppendsNewOnes() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("PORT", "8001");
        values.put("NEW", "yes");
        String merged = DotEnv.merge("# settings\nexport PORT=3000\nAPI_URL=http://x\n", values);
        assertThat(merged).isEqualTo("# settings\nexport PORT=8001\nAPI_URL=http://x\nNEW=yes\n");
    }

    @Test
    void startsFromNothingWhenTheMainCheckoutHasNoEnv() {
        assertThat(DotEnv.merge("", Map.of("PORT", "8000"))).isEqualTo("PORT=8000\n");
    }

    @Test
    void refusesAValueWithALineBreakRatherThanWriteALineNobodyAskedFor() {
        assertThatThrownBy(() -> DotEnv.merge("A=1\n", Map.of("GREETING", "hi\nINJECTED=1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("env 'GREETING' holds a line break");
    }
}
