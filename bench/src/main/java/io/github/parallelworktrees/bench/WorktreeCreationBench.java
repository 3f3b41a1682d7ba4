package io.github.parallelworktrees.bench;

import static io.github.parallelworktrees.bench.BenchSupport.BASE;
import static io.github.parallelworktrees.bench.BenchSupport.PLAN_DIR;
import static io.github.parallelworktrees.bench.BenchSupport.deleteQuietly;
import static io.github.parallelworktrees.bench.BenchSupport.deleteRefs;
import static io.github.parallelworktrees.bench.BenchSupport.generateRepository;
import static io.github.parallelworktrees.bench.BenchSupport.git;
import static io.github.parallelworktrees.bench.BenchSupport.median;
import static io.github.parallelworktrees.bench.BenchSupport.millis;
import static io.github.parallelworktrees.bench.BenchSupport.min;
import static io.github.parallelworktrees.bench.BenchSupport.options;
import static io.github.parallelworktrees.bench.BenchSupport.positive;
import static io.github.parallelworktrees.bench.BenchSupport.relativeFile;
import static io.github.parallelworktrees.bench.BenchSupport.removeWorktrees;
import static io.github.parallelworktrees.bench.BenchSupport.runOrExit;
import static io.github.parallelworktrees.bench.BenchSupport.settle;
import static io.github.parallelworktrees.bench.BenchSupport.tempBase;
import static io.github.parallelworktrees.bench.BenchSupport.value;

import io.github.parallelworktrees.engine.git.Git;
import io.github.parallelworktrees.engine.git.Worktrees;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.plan.PlanParser;
import io.github.parallelworktrees.engine.process.Environment;
import io.github.parallelworktrees.engine.run.PlanRunner;
import io.github.parallelworktrees.engine.ledger.RunListener;
import io.github.parallelworktrees.engine.run.RunSummary;
import io.github.parallelworktrees.engine.ledger.WorkerRecord;
import io.github.parallelworktrees.engine.ledger.WorkerStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * How long it takes to create a feature's worktrees in a large repository: by hand (one {@code git worktree add}
 * after the other, as the seed workflow does), through the engine's {@link Worktrees#add} from a thread pool (as
 * {@link PlanRunner} does), and as a whole {@link PlanRunner#run()} of a plan whose workers do nothing.
 *
 * <p>Prints figures; it is not a test. Every scenario starts from the same state: only the main checkout, no
 * branch but {@code main}. What a scenario made (worktrees, branches, run files) is removed afterwards, untimed.
 * Run it with {@code bench/run --help}.
 */
public final class WorktreeCreationBench {

    private static final String MARKER = "pwt-bench-repo";
    private static final String RUN_FEATURE = "benchrun";
    private static final String BY_HAND_FEATURE = "byhand";
    private static final String WARM_UP_FEATURE = "benchwarmup";

    /** Command line options. */
    record Options(int repetitions, Optional<Path> dir, int dirs, int filesPerDir, int workstreams,
            List<Integer> pools, boolean keep, boolean moveAside) {
    }

    /** One thing that is timed: it creates the worktrees of {@code feature}. */
    private record Scenario(String label, String feature, Body body) {
    }

    @FunctionalInterface
    private interface Body {
        void run() throws Exception;
    }

    private final Options options;
    private Path repo;
    private String baseCommit;
    private Path probeFile;
    private int fileCount;
    private int trashed;

    private WorktreeCreationBench(Options options) {
        this.options = options;
    }

    public static void main(String[] args) {
        options(args, WorktreeCreationBench::parse, usage())
                .ifPresent(options -> runOrExit(() -> new WorktreeCreationBench(options).run()));
    }

    private void run() throws Exception {
        Path temp = null;
        if (options.dir().isPresent()) {
            repo = options.dir().get().toAbsolutePath().normalize();
        } else {
            temp = Files.createTempDirectory(tempBase(), "pwt-bench-");
            repo = temp.resolve("repo");
        }
        boolean finished = false;
        try {
            long t0 = System.nanoTime();
            boolean reused = prepareRepository();
            long setupMs = millis(System.nanoTime() - t0);
            baseCommit = git(repo, "rev-parse", "refs/heads/" + BASE).strip();
            fileCount = (int) git(repo, "ls-files").lines().count();
            long bytes = checkedOutBytes();
            Path planFile = writePlan("plan.yaml", RUN_FEATURE, options.workstreams());
            Path warmUpPlan = writePlan("warmup.yaml", WARM_UP_FEATURE, 1);

            System.out.println("Parallel Worktrees: worktree creation benchmark");
            System.out.printf(Locale.ROOT, "repository   %s (%s file system; %s)%n", repo, Files.getFileStore(repo).type(),
                    reused ? "reused, generated earlier" : "generated in " + setupMs + " ms");
            System.out.printf(Locale.ROOT, "files        %,d tracked files, %,.1f MB per checkout, 1 commit, packed%n",
                    fileCount, bytes / 1e6);
            System.out.printf(Locale.ROOT, "git          %s%n", git(repo, "--version").strip());
            System.out.printf(Locale.ROOT, "cores        %d (%s %s, Java %s)%n", Runtime.getRuntime().availableProcessors(),
                    System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"));
            System.out.printf(Locale.ROOT, "worktrees    %d per scenario, from %s (%s)%n", options.workstreams(), BASE,
                    baseCommit.substring(0, 12));
            System.out.printf(Locale.ROOT, "repetitions  %d per scenario (order rotated each repetition; cleanup and"
                    + " sync between runs, untimed)%n", options.repetitions());
            System.out.printf(Locale.ROOT, "warm-up      one untimed pwt run of a 1-workstream plan first, so class"
                    + " loading and JIT are not measured%n");
            System.out.printf(Locale.ROOT, "cleanup      %s%n%n", options.moveAside()
                    ? "worktrees moved aside (deleted at the end) + git worktree prune + git branch -D between runs"
                    : "git worktree remove --force + git branch -D between runs");

            List<Scenario> scenarios = new ArrayList<>();
            scenarios.add(new Scenario("by hand (git worktree add x" + options.workstreams() + ", in sequence)",
                    BY_HAND_FEATURE, () -> byHand(BY_HAND_FEATURE)));
            for (int pool : options.pools()) {
                String feature = "engine" + pool;
                scenarios.add(new Scenario("pwt engine Worktrees.add, P=" + pool, feature, () -> engine(feature, pool)));
            }
            int runParallel = options.workstreams();
            scenarios.add(new Scenario("pwt run (PlanRunner.run, maxParallel " + runParallel + ")", RUN_FEATURE,
                    () -> pwtRun(planFile, options.workstreams())));

            warmUp(planFile, warmUpPlan);
            Map<String, List<Long>> timings = new LinkedHashMap<>();
            scenarios.forEach(s -> timings.put(s.label(), new ArrayList<>()));
            for (int rep = 0; rep < options.repetitions(); rep++) {
                for (int k = 0; k < scenarios.size(); k++) {
                    Scenario s = scenarios.get((k + rep) % scenarios.size());
                    cleanup(s.feature());
                    settle();
                    long start = System.nanoTime();
                    s.body().run();
                    long elapsed = System.nanoTime() - start;
                    verify(s.feature());
                    timings.get(s.label()).add(elapsed);
                    System.out.printf(Locale.ROOT, "  repetition %d/%d  %-48s %,8d ms%n", rep + 1,
                            options.repetitions(), s.label(), millis(elapsed));
                    cleanup(s.feature());
                }
            }
            printTable(scenarios, timings);
            finished = true;
        } finally {
            Path trash = trashDir();
            if (Files.exists(trash)) {
                long start = System.nanoTime();
                deleteQuietly(trash);
                System.out.printf(Locale.ROOT, "%ndeleted the %d feature folders (worktrees and run files) moved aside"
                        + " during the runs in %,d ms%n", trashed, millis(System.nanoTime() - start));
            }
            if (temp != null && !options.keep() && finished) {
                deleteQuietly(temp);
            } else if (Files.isDirectory(repo.resolve(".git"))) {
                System.out.println();
                System.out.println("repository kept at " + repo + (finished ? "" : " (to see what failed)")
                        + "; reuse it with --dir " + repo + ", delete it with rm -rf " + (temp != null ? temp : repo));
            }
        }
    }

    // ---------------------------------------------------------------- scenarios

    /** The seed workflow: one {@code git worktree add -b} after the other. */
    private void byHand(String feature) {
        for (int i = 1; i <= options.workstreams(); i++) {
            git(repo, "worktree", "add", "-b", branch(feature, i), worktree(feature, i).toString(), BASE);
        }
    }

    /** What PlanRunner's workstream tasks do first: {@link Worktrees#add} from a pool of {@code pool} threads. */
    private void engine(String feature, int pool) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(pool);
        try {
            List<Future<Worktrees.Added>> added = new ArrayList<>();
            for (int i = 1; i <= options.workstreams(); i++) {
                Path path = worktree(feature, i);
                String branch = branch(feature, i);
                added.add(executor.submit(() -> new Worktrees(Git.in(repo, Environment.ofThisProcess())).add(path, branch, baseCommit)));
            }
            for (Future<Worktrees.Added> f : added) {
                Worktrees.Added result = f.get();
                if (result != Worktrees.Added.NEW_BRANCH) {
                    throw new AssertionError("Worktrees.add answered " + result + " instead of NEW_BRANCH: the"
                            + " cleanup between runs left something behind");
                }
            }
        } finally {
            executor.shutdownNow();
        }
    }

    /** A whole run of the generated plan: worktrees, briefs, state files, workers, handover. */
    private void pwtRun(Path planFile, int workstreams) {
        Plan plan = PlanParser.read(planFile);
        RunSummary summary = new PlanRunner(plan, repo, Environment.ofThisProcess(), Optional.empty(), RunListener.silent()).run();
        List<WorkerRecord> notDone = summary.workers().stream().filter(w -> w.status() != WorkerStatus.DONE).toList();
        if (!notDone.isEmpty() || summary.workers().size() != workstreams) {
            throw new AssertionError("pwt run did not finish every workstream: " + summary.workers().stream()
                    .map(w -> w.workstream() + "=" + w.status().id() + (w.reason() == null ? "" : " (" + w.reason() + ")"))
                    .collect(Collectors.joining(", ")) + "; logs under " + summary.layout().root());
        }
    }

    // ---------------------------------------------------------------- repository

    /** Generates the repository, or reuses one this benchmark generated earlier with the same shape. */
    private boolean prepareRepository() throws IOException {
        String shape = "dirs=" + options.dirs() + " filesPerDir=" + options.filesPerDir();
        Path marker = repo.resolve(".git").resolve(MARKER);
        if (Files.isRegularFile(marker)) {
            if (!Files.readString(marker).strip().equals(shape)) {
                throw new IllegalStateException(repo + " holds a benchmark repository of another shape ("
                        + Files.readString(marker).strip() + "); use another --dir");
            }
            List<String> features = new ArrayList<>(List.of(BY_HAND_FEATURE, RUN_FEATURE, WARM_UP_FEATURE));
            options.pools().forEach(p -> features.add("engine" + p));
            for (String feature : features) {
                cleanup(feature);
            }
            deleteQuietly(trashDir());
            probeFile = Path.of(relativeFile(options.dirs() - 1, options.filesPerDir() - 1));
            return true;
        }
        if (Files.exists(repo)) {
            try (Stream<Path> children = Files.list(repo)) {
                if (children.findAny().isPresent()) {
                    throw new IllegalStateException(repo + " exists and is not an empty directory nor a repository"
                            + " this benchmark generated; give an empty or missing directory");
                }
            }
        }
        System.out.printf(Locale.ROOT, "generating %,d files in %s ...%n", options.dirs() * options.filesPerDir(), repo);
        generateRepository(repo, options.dirs(), options.filesPerDir());
        // a cloned repository is packed: benchmark checkouts from a pack, not from 20,000 loose objects
        git(repo, "repack", "-a", "-d", "-q");
        Files.writeString(marker, shape + "\n");
        probeFile = Path.of(relativeFile(options.dirs() - 1, options.filesPerDir() - 1));
        return false;
    }

    private long checkedOutBytes() throws IOException {
        long[] total = {0};
        Files.walkFileTree(repo, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String name = dir.getFileName().toString();
                return dir.equals(repo) || !name.startsWith(".") ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                total[0] += attrs.size();
                return FileVisitResult.CONTINUE;
            }
        });
        return total[0];
    }

    /** A plan for the "pwt run" scenario, kept out of git by the repository's info/exclude. */
    private Path writePlan(String fileName, String feature, int workstreams) throws IOException {
        Path planFile = repo.resolve(PLAN_DIR).resolve(fileName);
        Files.createDirectories(planFile.getParent());
        StringBuilder yaml = new StringBuilder();
        yaml.append("# generated by pwt-bench: ").append(workstreams)
                .append(" workstream(s) whose worker only writes RESULTS.md\n");
        yaml.append("feature: ").append(feature).append('\n');
        yaml.append("base: ").append(BASE).append('\n');
        yaml.append("maxParallel: ").append(workstreams).append('\n');
        yaml.append("worker:\n  type: command\n  run: \"echo done > RESULTS.md\"\n");
        yaml.append("workstreams:\n");
        for (int i = 1; i <= workstreams; i++) {
            yaml.append("  - name: ws").append(i).append('\n');
            yaml.append("    prompt: \"benchmark workstream ").append(i).append("\"\n");
        }
        Files.writeString(planFile, yaml, StandardCharsets.UTF_8);
        return planFile;
    }

    /**
     * Loads and compiles what the timed code uses (Jackson, the engine) with one whole run of a one-workstream
     * plan, so that no scenario pays that once-per-JVM cost (a {@code pwt run} from the command line does).
     */
    private void warmUp(Path planFile, Path warmUpPlan) throws IOException {
        PlanParser.read(planFile);
        cleanup(WARM_UP_FEATURE);
        pwtRun(warmUpPlan, 1);
        cleanup(WARM_UP_FEATURE);
        git(repo, "status", "--porcelain");
    }

    private Path worktree(String feature, int i) {
        return repo.resolve(".worktrees").resolve(feature).resolve("ws" + i);
    }

    private static String branch(String feature, int i) {
        return feature + "/ws" + i;
    }

    /** Each worktree exists, is on its branch at the base commit, and has its files checked out. */
    private void verify(String feature) {
        for (int i = 1; i <= options.workstreams(); i++) {
            Path wt = worktree(feature, i);
            String head = git(wt, "symbolic-ref", "--short", "HEAD").strip();
            if (!head.equals(branch(feature, i))) {
                throw new AssertionError(wt + " is on " + head + ", expected " + branch(feature, i));
            }
            if (!Files.isRegularFile(wt.resolve(probeFile)) || !Files.isRegularFile(wt.resolve("README.md"))) {
                throw new AssertionError(wt + " has no checked-out files (" + probeFile + " is missing)");
            }
        }
    }

    /**
     * Removes the worktrees, branches and run files of {@code feature}: this is the benchmark's own repository.
     *
     * <p>With {@code --cleanup move-aside} the feature's folder is moved aside instead (a rename, deleted at the
     * end) and git forgets its worktrees with {@code git worktree prune}: on an ext4 file system without a journal
     * the kernel skips inodes freed in the last minutes when it allocates new ones ({@code recently_deleted()} in
     * fs/ext4/ialloc.c), so a run that follows the deletion of 8 x 20,000 files creates its own files several times
     * slower, and that would be measured.
     */
    private void cleanup(String feature) throws IOException {
        Path featureDir = repo.resolve(".worktrees").resolve(feature);
        if (options.moveAside()) {
            if (Files.exists(featureDir)) {
                Files.createDirectories(trashDir());
                Files.move(featureDir, trashDir().resolve(feature + "-" + (++trashed)));
            }
            git(repo, "worktree", "prune");
            deleteBranches(feature);
            return;
        }
        List<Path> worktrees = new ArrayList<>();
        for (int i = 1; i <= options.workstreams(); i++) {
            worktrees.add(worktree(feature, i));
        }
        removeWorktrees(repo, worktrees);
        git(repo, "worktree", "prune");
        deleteBranches(feature);
        deleteQuietly(featureDir);
        if (Files.exists(featureDir)) {
            throw new IllegalStateException("could not remove " + featureDir);
        }
    }

    private void deleteBranches(String feature) {
        deleteRefs(repo, List.of("refs/heads/" + feature + "/"), "branch", "-D", "--quiet");
    }

    /** Where cleanup moves checkouts aside: inside the repository (same file system), ignored by git. */
    private Path trashDir() {
        return repo.resolve(PLAN_DIR).resolve("trash");
    }

    // ---------------------------------------------------------------- output

    private void printTable(List<Scenario> scenarios, Map<String, List<Long>> timings) {
        double handMedian = median(timings.get(scenarios.get(0).label()));
        System.out.println();
        System.out.printf(Locale.ROOT, "%d worktrees of a %,d-file repository; git %s; %d cores; %d repetitions%n",
                options.workstreams(), fileCount,
                git(repo, "--version").strip().replace("git version ", ""), Runtime.getRuntime().availableProcessors(),
                options.repetitions());
        String header = String.format(Locale.ROOT, "%-50s %10s %10s %12s   %s", "scenario", "median ms", "min ms",
                "ratio", "runs (ms)");
        System.out.println(header);
        System.out.println("-".repeat(header.length() + 10));
        for (Scenario s : scenarios) {
            List<Long> runs = timings.get(s.label());
            double median = median(runs);
            System.out.printf(Locale.ROOT, "%-50s %,10.0f %,10d %12.2f   %s%n", s.label(), median / 1e6,
                    millis(min(runs)), median / handMedian,
                    runs.stream().map(n -> String.format(Locale.ROOT, "%,d", millis(n))).collect(Collectors.joining(" ")));
        }
        System.out.println("(ratio = scenario median / by-hand median; below 1 means pwt is faster than by hand)");
        System.out.println();
        int firstPool = options.pools().get(0);
        double engine = median(timings.get(scenarios.get(1).label()));
        System.out.printf(Locale.ROOT, "RESULT worktree-creation ratio (pwt engine P=%d / by hand) = %.2f%n", firstPool,
                engine / handMedian);
    }

    // ---------------------------------------------------------------- options

    static Options parse(String[] args) {
        int repetitions = 3;
        Optional<Path> dir = Optional.empty();
        int dirs = 200;
        int filesPerDir = 100;
        int workstreams = 8;
        List<Integer> pools = List.of(8, 2);
        boolean keep = false;
        boolean moveAside = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "-h", "--help" -> {
                    return null;
                }
                case "-n", "--repetitions" -> repetitions = positive(arg, value(args, ++i, arg));
                case "--dir" -> dir = Optional.of(Path.of(value(args, ++i, arg)));
                case "--dirs" -> dirs = positive(arg, value(args, ++i, arg));
                case "--files-per-dir" -> filesPerDir = positive(arg, value(args, ++i, arg));
                case "--worktrees" -> workstreams = positive(arg, value(args, ++i, arg));
                case "--pools" -> pools = Arrays.stream(value(args, ++i, arg).split(","))
                        .map(s -> positive(arg, s.strip())).toList();
                case "--keep" -> keep = true;
                case "--cleanup" -> {
                    String mode = value(args, ++i, arg);
                    if (!mode.equals("remove") && !mode.equals("move-aside")) {
                        throw new IllegalArgumentException("--cleanup is 'remove' or 'move-aside', not '" + mode + "'");
                    }
                    moveAside = mode.equals("move-aside");
                }
                default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
            }
        }
        if (pools.isEmpty()) {
            throw new IllegalArgumentException("--pools needs at least one pool size");
        }
        return new Options(repetitions, dir, dirs, filesPerDir, workstreams, pools, keep, moveAside);
    }

    private static String usage() {
        return String.join("\n",
                "usage: bench/run [options]",
                "  -n, --repetitions N   timed runs of each scenario (default 3); median and min are reported",
                "  --dir DIR             generate the repository in DIR (empty or missing), or reuse the one this",
                "                        benchmark generated there before; default: a temporary directory in",
                "                        /dev/shm (tmpfs) when it has room, else in java.io.tmpdir",
                "  --dirs N              directories in the generated repository (default 200)",
                "  --files-per-dir N     files per directory (default 100)",
                "  --worktrees N         worktrees (workstreams) per scenario (default 8)",
                "  --pools P,Q,...       thread-pool sizes for the engine scenario (default 8,2)",
                "  --keep                keep the temporary repository at the end",
                "  --cleanup MODE        between runs: 'remove' (default: git worktree remove --force) or",
                "                        'move-aside' (rename them away, delete them all at the end; see README)");
    }
}
