package io.github.parallelworktrees.engine.gate.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The checked-in reports under src/test/resources/gate/ (see its README for how each was made). */
final class Fixtures {

    private Fixtures() {
    }

    /** {@code gate/<relative>} on the test classpath, as a file. */
    static Path path(String relative) {
        URL url = Fixtures.class.getResource("/gate/" + relative);
        if (url == null) {
            throw new IllegalArgumentException("no test resource gate/" + relative);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String read(String relative) {
        try {
            return Files.readString(path(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code text} to {@code dir/name} (creating directories) and returns the file. */
    static Path write(Path dir, String name, String text) {
        Path file = dir.resolve(name);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** The {@link ReportException} {@code action} throws; fails the test when it throws none. */
    static ReportException refusal(Runnable action) {
        try {
            action.run();
        } catch (ReportException e) {
            return e;
        }
        throw new AssertionError("expected a ReportException");
    }
}
