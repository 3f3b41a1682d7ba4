package io.github.parallelworktrees.engine.planner;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.parallelworktrees.engine.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The builds a repository declares become the planner's suggested gates. */
class BuildsTest {

    @TempDir
    Path dir;

    @Test
    void mavenIsTestedWithMvnOrItsWrapper() throws Exception {
        TestRepo.writeFile(dir.resolve("pom.xml"), "<project/>");
        assertThat(Builds.detect(dir)).singleElement().satisfies(b -> {
            assertThat(b.tool()).isEqualTo("Maven");
            assertThat(b.gate()).contains("mvn -B test");
        });
        Path wrapper = TestRepo.writeFile(dir.resolve("mvnw"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(Builds.detect(dir)).singleElement().extracting(Builds.Build::gate)
                .isEqualTo(Optional.of("./mvnw -B test"));
    }

    @Test
    void gradleIsTestedWithItsWrapperWhenThereIsOne() throws Exception {
        TestRepo.writeFile(dir.resolve("build.gradle.kts"), "plugins { java }");
        assertThat(Builds.detect(dir)).singleElement().satisfies(b -> {
            assertThat(b.tool()).isEqualTo("Gradle");
            assertThat(b.marker()).isEqualTo("build.gradle.kts");
            assertThat(b.gate()).contains("gradle test");
        });
        Path wrapper = TestRepo.writeFile(dir.resolve("gradlew"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(Builds.detect(dir).get(0).gate()).contains("./gradlew test");
    }

    @Test
    void npmIsTestedWithNpmTestOnlyWhenTheTestScriptIsReal() {
        TestRepo.writeFile(dir.resolve("package.json"), "{\"scripts\": {\"test\": \"jest\"}}");
        TestRepo.writeFile(dir.resolve("package-lock.json"), "{}");
        assertThat(Builds.detect(dir)).singleElement().satisfies(b -> {
            assertThat(b.gate()).contains("npm test");
            assertThat(b.setup()).contains("npm ci");
        });
        TestRepo.writeFile(dir.resolve("package.json"),
                "{\"scripts\": {\"test\": \"echo \\\"Error: no test specified\\\" && exit 1\"}}");
        assertThat(Builds.detect(dir)).singleElement().satisfies(b -> {
            assertThat(b.gate()).isEmpty();
            assertThat(b.note()).hasValueSatisfying(n -> assertThat(n).contains("no test script"));
        });
        TestRepo.writeFile(dir.resolve("package.json"), "{not json");
        assertThat(Builds.detect(dir).get(0).note()).hasValueSatisfying(n -> assertThat(n).contains("cannot be read"));
    }

    @Test
    void pytestIsFoundByItsConfigurationOrItsTestFiles() {
        TestRepo.writeFile(dir.resolve("pyproject.toml"), "[project]\nname = 'x'\n");
        assertThat(Builds.detect(dir)).as("a pyproject.toml without pytest says nothing").isEmpty();
        TestRepo.writeFile(dir.resolve("tests/test_shop.py"), "def test_x(): pass\n");
        assertThat(Builds.detect(dir)).singleElement().satisfies(b -> {
            assertThat(b.tool()).isEqualTo("pytest");
            assertThat(b.marker()).isEqualTo("tests/test_shop.py");
            assertThat(b.gate()).contains("python3 -m pytest -q");
        });
        TestRepo.writeFile(dir.resolve("pyproject.toml"), "[tool.pytest.ini_options]\naddopts = '-q'\n");
        assertThat(Builds.detect(dir).get(0).marker()).isEqualTo("pyproject.toml");
    }

    @Test
    void severalBuildsAreAllOfferedAndNoneIsNothing() {
        assertThat(Builds.detect(dir)).isEmpty();
        TestRepo.writeFile(dir.resolve("pom.xml"), "<project/>");
        TestRepo.writeFile(dir.resolve("package.json"), "{\"scripts\": {\"test\": \"vitest run\"}}");
        assertThat(Builds.detect(dir)).extracting(Builds.Build::tool).containsExactly("Maven", "npm");
    }
}
