package io.github.parallelworktrees.standins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The stand-ins' bodies keep SpotBugs' view of the plugin the genuine build's (see {@link StandIn}). */
class StandInBodiesTest {
    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern THROW = Pattern.compile("\\bthrow\\b");

    @Test
    void noStandInBodyThrowsItself() throws IOException {
        List<String> throwing = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                if (file.endsWith(Path.of("io/github/parallelworktrees/standins/StandIn.java"))) {
                    continue;
                }
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    String code = lines.get(i).replaceFirst("//.*", "");
                    if (THROW.matcher(code).find()) {
                        throwing.add(SOURCES.relativize(file) + ":" + (i + 1));
                    }
                }
            }
        }
        assertThat(throwing)
                .as("stand-in bodies that throw themselves: SpotBugs would take each for a method that never returns"
                        + " and skip the plugin's code after every call to it; write `return StandIn.unsupported();`"
                        + " (or `StandIn.unsupported();` in a void method or constructor) instead")
                .isEmpty();
    }

    @Test
    void theSharedBodyStillRefusesToRun() {
        assertThatThrownBy(StandIn::unsupported)
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessage("stand-in");
    }
}
