package io.github.parallelworktrees.bench;

import io.github.parallelworktrees.engine.git.Worktrees;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * What the benchmarks share: the git runner, temporary folders and their deletion, the pause between runs,
 * statistics, command line helpers, and the generated repository of WorktreeCreationBench and MergeBench.
 */
final class BenchSupport {

    /** The branch of the generated repository. */
    static final String BASE = "main";
    /** Where benchmarks put their plans (and moved-aside checkouts): ignored by the generated repository. */
    static final String PLAN_DIR = ".pwt-bench";

    private BenchSupport() {
    }

    // ---------------------------------------------------------------- command line

    /** The body of a benchmark's {@code main}, once its options are read. */
    @FunctionalInterface
    interface Body {
        void run() throws Exception;
    }

    /**
     * Reads the options with {@code parse}, which answers {@code null} for {@code --help}: then prints
     * {@code usage} and answers empty. On a bad command line prints the problem and {@code usage} and exits 2.
     */
    static <T> Optional<T> options(String[] args, Function<String[], T> parse, String usage) {
        T options;
        try {
            options = parse.apply(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.println(usage);
            System.exit(2);
            return Optional.empty();
        }
        if (options == null) {
            System.out.println(usage);
        }
        return Optional.ofNullable(options);
    }

    /** Runs the benchmark; when it fails, prints why with the stack trace and exits 1. */
    static void runOrExit(Body body) {
        try {
            body.run();
        } catch (Exception | AssertionError e) {
            System.err.println();
            System.err.println("bench FAILED: " + e.getMessage());
            e.printStackTrace(System.err);
            System.exit(1);
        }
    }

    /** The value after {@code option} at {@code args[i]}. */
    static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    static int positive(String option, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number of at least 1, got '" + value + "'");
        }
    }

    static void check(boolean ok, String problem) {
        if (!ok) {
            throw new AssertionError(problem);
        }
    }

    // ---------------------------------------------------------------- statistics

    static double median(List<Long> values) {
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    static long min(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).min().orElse(0);
    }

    static long millis(long nanos) {
        return Math.round(nanos / 1e6);
    }

    // ---------------------------------------------------------------- processes and files

    /** Runs git with an argument list (never a shell string); returns stdout, throws with git's output on failure. */
    static String git(Path dir, String... args) {
        List<String> command = new ArrayList<>(args.length + 1);
        command.add("git");
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("GIT_TERMINAL_PROMPT", "0");
        builder.environment().put("LC_ALL", "C");
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = process.waitFor();
            if (exit != 0) {
                throw new IllegalStateException("'" + String.join(" ", command) + "' failed in " + dir + " (exit "
                        + exit + "): " + output.strip());
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run git in " + dir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running git", e);
        }
    }

    /** Removes those of {@code worktrees} that git lists in {@code repo}, with their changes. */
    static void removeWorktrees(Path repo, List<Path> worktrees) {
        List<Path> listed = git(repo, "worktree", "list", "--porcelain").lines()
                .filter(l -> l.startsWith("worktree ")).map(l -> Path.of(l.substring("worktree ".length()))).toList();
        for (Path wt : worktrees) {
            if (listed.stream().anyMatch(p -> Worktrees.samePath(p, wt))) {
                git(repo, "worktree", "remove", "--force", "--force", wt.toString());
            }
        }
    }

    /**
     * Deletes the branches or tags that match {@code patterns} (for-each-ref patterns: whole names, or a prefix up
     * to a slash) with {@code git <command...> <names>}.
     */
    static void deleteRefs(Path repo, List<String> patterns, String... command) {
        List<String> query = new ArrayList<>(List.of("for-each-ref", "--format=%(refname)"));
        query.addAll(patterns);
        List<String> names = git(repo, query.toArray(String[]::new)).lines().filter(s -> !s.isBlank())
                .map(r -> r.replaceFirst("^refs/(heads|tags)/", "")).toList();
        if (!names.isEmpty()) {
            List<String> args = new ArrayList<>(List.of(command));
            args.addAll(names);
            git(repo, args.toArray(String[]::new));
        }
    }

    /** Lets the previous run's writes reach the disk, so that they are not paid for by the next one. */
    static void settle() throws IOException, InterruptedException {
        Process sync = new ProcessBuilder("sync").inheritIO().start();
        sync.waitFor(60, TimeUnit.SECONDS);
        Thread.sleep(200);
    }

    /**
     * Where the temporary repository goes: tmpfs when there is one with room, so that figures measure git and pwt
     * rather than one disk's quirks (see the README); java.io.tmpdir otherwise.
     */
    static Path tempBase() throws IOException {
        Path shm = Path.of("/dev/shm");
        if (Files.isDirectory(shm) && Files.isWritable(shm) && Files.getFileStore(shm).getUsableSpace() > (4L << 30)) {
            return shm;
        }
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    /** Deletes {@code root} and all below it, if it exists; says on stderr what it could not delete. */
    static void deleteQuietly(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            System.err.println("bench: could not delete " + root + ": " + e.getMessage());
        }
    }

    // ---------------------------------------------------------------- generated repository

    private static final String[] EXTENSIONS = {".java", ".md", ".txt", ".json", ".yaml", ".py", ".ts", ".xml"};
    private static final String[] WORDS = ("the of and to in is that for it as with was on be by this are from or"
            + " have an they which one you were all we can her has there been if more when will would who so no"
            + " worktree branch commit merge rebase plan wave agent worker result status feature config build test"
            + " request response handler service client server cache index queue stream buffer parser token model"
            + " value error retry timeout session record schema table column query filter order limit offset page"
            + " alpha beta gamma delta epsilon zeta theta lambda sigma omega").split(" ");

    /**
     * Creates the repository {@code repo}: {@code dirs} x {@code filesPerDir} small text files ({@link #relativeFile})
     * and a README, one commit on {@link #BASE}, {@link #PLAN_DIR} and {@code .worktrees} ignored through
     * {@code .git/info/exclude}. The contents are the same for the same shape. Not packed: the caller repacks once
     * it has made all its commits.
     */
    static void generateRepository(Path repo, int dirs, int filesPerDir) throws IOException {
        Files.createDirectories(repo);
        git(repo, "init", "--quiet", "--initial-branch=" + BASE);
        git(repo, "config", "user.name", "pwt bench");
        git(repo, "config", "user.email", "bench@localhost");
        git(repo, "config", "gc.auto", "0");
        git(repo, "config", "maintenance.auto", "false");
        Files.writeString(repo.resolve(".git").resolve("info").resolve("exclude"),
                "/" + PLAN_DIR + "/\n/.worktrees/\n", StandardCharsets.UTF_8);
        SplittableRandom random = new SplittableRandom(20_000L);
        for (int d = 0; d < dirs; d++) {
            Files.createDirectories(repo.resolve(relativeFile(d, 0)).getParent());
            for (int f = 0; f < filesPerDir; f++) {
                String name = relativeFile(d, f);
                Files.writeString(repo.resolve(name), content(name, random), StandardCharsets.UTF_8);
            }
        }
        Files.writeString(repo.resolve("README.md"), "# Benchmark repository\n\nGenerated by pwt-bench.\n");
        git(repo, "add", "-A");
        git(repo, "commit", "--quiet", "--no-verify", "-m", "generated benchmark repository");
    }

    /** The path of file {@code file} of directory {@code dir} in the generated repository. */
    static String relativeFile(int dir, int file) {
        return String.format(Locale.ROOT, "module-%03d/file-%03d%s", dir, file, EXTENSIONS[(dir + file) % EXTENSIONS.length]);
    }

    /** Small text files of varied length and content (about 100 bytes to 2.5 KB). */
    private static String content(String name, SplittableRandom random) {
        StringBuilder text = new StringBuilder(2048);
        text.append("// ").append(name).append('\n');
        int lines = 2 + random.nextInt(40);
        for (int l = 0; l < lines; l++) {
            int words = 2 + random.nextInt(10);
            for (int w = 0; w < words; w++) {
                text.append(w == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
            }
            if (random.nextInt(4) == 0) {
                text.append(' ').append(random.nextLong());
            }
            text.append('\n');
        }
        return text.toString();
    }
}
