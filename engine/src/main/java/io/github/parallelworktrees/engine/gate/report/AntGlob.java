package io.github.parallelworktrees.engine.gate.report;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An Ant-style glob over the files under a directory: {@code **} is any number of directories (none included),
 * {@code *} any characters within one name, {@code ?} one character; a trailing {@code /} means {@code /**}.
 *
 * <p>Only regular files match. Symbolic links are not followed and do not match, so nothing outside the directory
 * is read; {@code .git} (a directory, or in a worktree a file) is never entered or listed.
 */
final class AntGlob {

    private static final String ANY_DIRS = "**";

    private final Path dir;
    private final String glob;
    /** The glob's names as written, "." and empty ones dropped. */
    private final List<String> names;
    /** One pattern per name; null stands for {@code **}. */
    private final List<Pattern> segments;
    /** How many leading names are plain directory names, where the walk can start. */
    private final int literalPrefix;

    private AntGlob(Path dir, String glob, List<String> names, List<Pattern> segments, int literalPrefix) {
        this.dir = dir;
        this.glob = glob;
        this.names = names;
        this.segments = segments;
        this.literalPrefix = literalPrefix;
    }

    static List<Path> glob(Path dir, String antGlob) {
        return compile(dir, antGlob).files();
    }

    static AntGlob compile(Path dir, String antGlob) {
        String glob = antGlob == null ? "" : antGlob.strip().replace('\\', '/');
        if (glob.isEmpty()) {
            throw refused(dir, antGlob, "is empty; give a glob such as **/surefire-reports/*.xml");
        }
        if (glob.startsWith("/") || glob.matches("^[A-Za-z]:.*") || glob.startsWith("~")) {
            throw refused(dir, antGlob, "is absolute; write it relative to " + dir);
        }
        if (glob.endsWith("/")) {
            glob = glob + ANY_DIRS;
        }
        List<Pattern> segments = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (String segment : glob.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                throw refused(dir, antGlob, "leads outside " + dir + " with '..'; report globs stay inside the"
                        + " worktree: write it relative to " + dir + ", without '..'");
            }
            if (segment.equals(ANY_DIRS) && !texts.isEmpty() && texts.get(texts.size() - 1).equals(ANY_DIRS)) {
                continue; // "**/**" is "**"
            }
            texts.add(segment);
            segments.add(segment.equals(ANY_DIRS) ? null : Pattern.compile(regex(segment)));
        }
        if (segments.isEmpty()) {
            throw refused(dir, antGlob, "names no file; give a glob such as **/surefire-reports/*.xml");
        }
        int literal = 0;
        while (literal < texts.size() - 1 && !hasWildcard(texts.get(literal))) {
            literal++;
        }
        return new AntGlob(dir, glob, texts, segments, literal);
    }

    List<Path> files() {
        if (!Files.isDirectory(dir)) {
            throw new ReportException(dir, 0, "is not a directory; report globs are matched in the worktree");
        }
        Path base = dir;
        for (String name : names.subList(0, literalPrefix)) {
            if (name.equals(".git")) {
                return List.of();
            }
            base = base.resolve(name);
            // The walk starts where the glob stops being literal; a missing directory matches nothing, and a
            // linked one is not followed, like any other link.
            if (!Files.isDirectory(base, LinkOption.NOFOLLOW_LINKS)) {
                return List.of();
            }
        }
        List<Pattern> rest = segments.subList(literalPrefix, segments.size());
        int maxDepth = rest.contains(null) ? Integer.MAX_VALUE : rest.size();
        List<Path> found = new ArrayList<>();
        Path start = base;
        try {
            Files.walkFileTree(start, EnumSet.noneOf(java.nio.file.FileVisitOption.class), maxDepth,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path path, BasicFileAttributes attrs) {
                            // pwt's own run folder holds other checkouts: their reports are not this tree's
                            return !path.equals(start) && (isGit(path) || isRunFolder(path))
                                    ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path path, BasicFileAttributes attrs) {
                            if (attrs.isRegularFile() && !isGit(path) && matches(rest, start.relativize(path))) {
                                found.add(path);
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path path, IOException e) throws IOException {
                            throw e;
                        }
                    });
        } catch (IOException e) {
            throw new ReportException(dir, 0, "cannot list the files matching '" + glob + "': " + e, e);
        }
        found.sort(null);
        return List.copyOf(found);
    }

    /** Whether the names of {@code relative} match {@code patterns}, where null ({@code **}) matches 0..n names. */
    static boolean matches(List<Pattern> patterns, Path relative) {
        int n = relative.getNameCount();
        int m = patterns.size();
        // can[i][j]: the first i patterns match the first j names
        boolean[][] can = new boolean[m + 1][n + 1];
        can[0][0] = true;
        for (int i = 1; i <= m; i++) {
            Pattern pattern = patterns.get(i - 1);
            for (int j = 0; j <= n; j++) {
                if (pattern == null) {
                    can[i][j] = can[i - 1][j] || j > 0 && can[i][j - 1];
                } else {
                    can[i][j] = j > 0 && can[i - 1][j - 1]
                            && pattern.matcher(relative.getName(j - 1).toString()).matches();
                }
            }
        }
        return can[m][n];
    }

    private static boolean isRunFolder(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().equals(".worktrees");
    }

    private static boolean isGit(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().equals(".git");
    }

    private static boolean hasWildcard(String segment) {
        return segment.indexOf('*') >= 0 || segment.indexOf('?') >= 0;
    }

    private static String regex(String segment) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : segment.toCharArray()) {
            if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? "[^/]*" : "[^/]");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return regex.toString();
    }

    private static ReportException refused(Path dir, String glob, String why) {
        return new ReportException(dir, 0, "report glob '" + glob + "' " + why);
    }
}
