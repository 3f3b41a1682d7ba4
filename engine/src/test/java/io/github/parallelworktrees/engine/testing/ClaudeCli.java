package io.github.parallelworktrees.engine.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The pinned Claude Code CLI that tools/install-claude-cli puts into tools/claude-cli (the build runs it). */
public final class ClaudeCli {

    private ClaudeCli() {
    }

    /** The CLI's path; fails the test, never skips it, when the CLI is not installed. */
    public static Path binary() {
        return binary(Path.of(System.getProperty("user.dir")).toAbsolutePath());
    }

    /** The CLI of the project that holds {@code start}. */
    public static Path binary(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path tools = dir.resolve("tools").resolve("claude-cli");
            if (Files.isRegularFile(tools.resolve("package.json"))) {
                Path claude = tools.resolve("node_modules").resolve(".bin").resolve("claude");
                if (!Files.isExecutable(claude)) {
                    throw new AssertionError("The Claude Code CLI is not installed at " + claude
                            + ": run tools/install-claude-cli (the maven build runs it before the tests unless"
                            + " -DskipTests is given)");
                }
                return claude;
            }
        }
        throw new AssertionError("Cannot find tools/claude-cli above " + start + ": run the tests inside the"
                + " project, then run tools/install-claude-cli");
    }
}
