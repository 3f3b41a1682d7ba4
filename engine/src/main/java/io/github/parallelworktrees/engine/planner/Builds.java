package io.github.parallelworktrees.engine.planner;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.parallelworktrees.engine.ledger.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The builds a repository's top level declares, each with the command that tests it: the gates the planner is
 * offered, so that a plan's waves are judged by the project's own tests rather than by a command the model
 * guessed.
 */
public final class Builds {

    /** npm init's test script, which only fails: no test suite to gate on. */
    private static final String NPM_PLACEHOLDER_TEST = "no test specified";

    /**
     * One detected build.
     *
     * @param tool Maven, Gradle, npm or pytest
     * @param marker the file that gave it away (relative to the repository)
     * @param gate the command a wave's gate runs ({@code gate: {command: ...}})
     * @param setup what a fresh worktree needs before it can build (a plan's {@code setup}), if anything
     * @param note what else the planner should know (e.g. a package.json without a test script)
     */
    public record Build(String tool, String marker, Optional<String> gate, Optional<String> setup,
            Optional<String> note) {
    }

    private Builds() {
    }

    /** The builds at {@code repository}'s top level, in a fixed order: Maven, Gradle, npm, pytest. */
    public static List<Build> detect(Path repository) {
        List<Build> builds = new ArrayList<>();
        if (Files.isRegularFile(repository.resolve("pom.xml"))) {
            String mvn = Files.isExecutable(repository.resolve("mvnw")) ? "./mvnw" : "mvn";
            builds.add(new Build("Maven", "pom.xml", Optional.of(mvn + " -B test"), Optional.empty(),
                    Optional.empty()));
        }
        Optional<String> gradleFile = Stream.of("build.gradle.kts", "build.gradle", "settings.gradle.kts",
                "settings.gradle").filter(f -> Files.isRegularFile(repository.resolve(f))).findFirst();
        if (gradleFile.isPresent()) {
            String gradle = Files.isExecutable(repository.resolve("gradlew")) ? "./gradlew" : "gradle";
            builds.add(new Build("Gradle", gradleFile.get(), Optional.of(gradle + " test"), Optional.empty(),
                    Optional.empty()));
        }
        if (Files.isRegularFile(repository.resolve("package.json"))) {
            builds.add(npm(repository));
        }
        pytestMarker(repository).ifPresent(marker -> builds.add(new Build("pytest", marker,
                Optional.of("python3 -m pytest -q"), Optional.empty(), Optional.empty())));
        return builds;
    }

    private static Build npm(Path repository) {
        String setup = Files.isRegularFile(repository.resolve("package-lock.json")) ? "npm ci" : "npm install";
        JsonNode test;
        try {
            test = Json.MAPPER.readTree(repository.resolve("package.json").toFile()).path("scripts").path("test");
        } catch (IOException e) {
            return new Build("npm", "package.json", Optional.empty(), Optional.of(setup),
                    Optional.of("package.json cannot be read as JSON (" + e.getMessage().lines().findFirst()
                            .orElse("") + "); no test command offered"));
        }
        if (!test.isTextual() || test.asText().isBlank() || test.asText().contains(NPM_PLACEHOLDER_TEST)) {
            return new Build("npm", "package.json", Optional.empty(), Optional.of(setup),
                    Optional.of("package.json has no test script; no test command offered"));
        }
        return new Build("npm", "package.json", Optional.of("npm test"), Optional.of(setup), Optional.empty());
    }

    /** The file that says the project tests with pytest, if one does. */
    private static Optional<String> pytestMarker(Path repository) {
        if (Files.isRegularFile(repository.resolve("pytest.ini"))) {
            return Optional.of("pytest.ini");
        }
        if (Files.isRegularFile(repository.resolve("conftest.py"))) {
            return Optional.of("conftest.py");
        }
        for (String[] section : new String[][] {{"pyproject.toml", "[tool.pytest"}, {"setup.cfg", "[tool:pytest]"},
                {"tox.ini", "[pytest]"}}) {
            Path file = repository.resolve(section[0]);
            try {
                if (Files.isRegularFile(file) && Files.readString(file).contains(section[1])) {
                    return Optional.of(section[0]);
                }
            } catch (IOException e) {
                // an unreadable file says nothing about pytest
            }
        }
        Path tests = repository.resolve("tests");
        if (Files.isDirectory(tests)) {
            try (Stream<Path> files = Files.list(tests)) {
                Optional<Path> test = files.filter(f -> f.getFileName().toString().matches("test_.*\\.py|.*_test\\.py"))
                        .findFirst();
                if (test.isPresent()) {
                    return Optional.of("tests/" + test.get().getFileName());
                }
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
