package io.github.parallelworktrees.engine.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the run's own files out of {@code git status} and out of workers' commits, through the repository's
 * {@code info/exclude} (shared by all worktrees and never committed), not the user's .gitignore.
 */
public final class Exclusions {

    private static final String MARK = "# parallel-worktrees: run files, worker briefs and local env";

    private Exclusions() {
    }

    /** Appends whichever of {@code patterns} are missing, under one marked block. */
    public static void ensure(Git repository, List<String> patterns) {
        repository.withMetadataLock(() -> {
            Path exclude = repository.commonDir().resolve("info").resolve("exclude");
            try {
                Files.createDirectories(exclude.getParent());
                List<String> present = Files.exists(exclude) ? Files.readAllLines(exclude) : List.of();
                List<String> missing = new ArrayList<>();
                for (String pattern : patterns) {
                    if (!present.contains(pattern)) {
                        missing.add(pattern);
                    }
                }
                if (!missing.isEmpty()) {
                    StringBuilder text = new StringBuilder();
                    String existing = Files.exists(exclude) ? Files.readString(exclude) : "";
                    if (!existing.isEmpty() && !existing.endsWith("\n")) {
                        text.append('\n');
                    }
                    if (!present.contains(MARK)) {
                        text.append(MARK).append('\n');
                    }
                    missing.forEach(p -> text.append(p).append('\n'));
                    Files.writeString(exclude, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND);
                }
                return null;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot update " + exclude, e);
            }
        });
    }
}
