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
import io.github.parallelworktrees.engine.merge.WaveGate;
import io.github.parallelworktrees.engine.merge.WaveMerger;
import io.github.parallelworktrees.engine.ledger.WaveResult;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.plan.PlanParser;
import io.github.parallelworktrees.engine.process.Environment;
import io.github.parallelworktrees.engine.ledger.RunListener;
import io.github.parallelworktrees.engine.ledger.RunLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How long it takes to merge a wave of branches into an integration branch in a large repository: through the
 * engine's {@link WaveMerger} (off-tree {@code git merge-tree --write-tree} + {@code commit-tree} per branch, one
 * checkout of the candidate in the integration worktree for the gate, then {@code update-ref}), and by hand as the
 * seed's merge-all script does ({@code git worktree add -b} then one {@code git merge --no-ff} per branch in that
 * worktree).
 *
 * <p>Prints figures; it is not a test. Every run starts from the same state (main checkout on {@code main}, the
 * workstream branches, no integration branch, tag or worktree); what a run made is removed afterwards, untimed.
 * Both ways must end at the same tree, or the benchmark fails. Run it with {@code --help}.
 */
public final class MergeBench {

    private static final String FEATURE = "bench";
    private static final String BY_HAND_BRANCH = FEATURE + "/integration-by-hand";
    /** A merged commit kept for the checkout replay; not removed between runs. */
    private static final String RESULT_REF = "refs/pwt-bench/result";
    private static final String CHECKOUT_REPLAY = "pwt's gate checkout alone (replay, new worktree)";

    /** Command line options. */
    record Options(int repetitions, int dirs, int filesPerDir, int branches, int filesPerBranch, boolean keep) {
    }

    /**
     * What a run left, checked after the timing: the ref of the merged commit (the integration branch), the checkout
     * that must be at it, the commit the engine reported (pwt only), and when the gate was called (pwt only, else 0).
     */
    private record Outcome(String ref, Path checkout, Optional<String> reported, long gateCalledAt) {
    }

    /** One thing that is timed, with its untimed preparation. */
    private record Scenario(String label, Step prepare, Body body) {
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    @FunctionalInterface
    private interface Body {
        Outcome run() throws Exception;
    }

    private final Options options;
    private Path repo;
    private Path planFile;
    private Path integrationTree;
    private Path byHandTree;
    private String baseCommit;
    private int fileCount;
    private String expectedTree;

    private MergeBench(Options options) {
        this.options = options;
    }

    public static void main(String[] args) {
        options(args, MergeBench::parse, usage()).ifPresent(options -> runOrExit(() -> new MergeBench(options).run()));
    }

    private void run() throws Exception {
        Path temp = Files.createTempDirectory(tempBase(), "pwt-merge-bench-");
        repo = temp.resolve("repo");
        boolean finished = false;
        try {
            long t0 = System.nanoTime();
            // the same repository as WorktreeCreationBench's; packed once the branches are made
            System.out.printf(Locale.ROOT, "generating %,d files and %d branches in %s ...%n",
                    options.dirs() * options.filesPerDir(), options.branches(), repo);
            generateRepository(repo, options.dirs(), options.filesPerDir());
            long generatedMs = millis(System.nanoTime() - t0);
            t0 = System.nanoTime();
            createBranches();
            long branchesMs = millis(System.nanoTime() - t0);
            baseCommit = git(repo, "rev-parse", "refs/heads/" + BASE).strip();
            fileCount = (int) git(repo, "ls-files").lines().count();
            planFile = writePlan();
            Plan plan = PlanParser.read(planFile);
            integrationTree = new RunLayout(repo, plan.feature(), Environment.ofThisProcess()).root().resolve("integration");
            byHandTree = repo.resolve(".worktrees").resolve("by-hand-integration");
            if (!plan.integration().equals(FEATURE + "/integration")) {
                throw new AssertionError("the plan's integration branch is " + plan.integration() + ", expected "
                        + FEATURE + "/integration");
            }

            System.out.println("Parallel Worktrees: wave merge benchmark");
            System.out.printf(Locale.ROOT, "repository   %s (%s file system; generated in %,d ms, branches in %,d ms)%n",
                    repo, Files.getFileStore(repo).type(), generatedMs, branchesMs);
            System.out.printf(Locale.ROOT, "files        %,d tracked files on %s (1 commit), packed%n", fileCount, BASE);
            System.out.printf(Locale.ROOT, "branches     %d: %s/ws1..ws%d, each changes %d files of its own directory"
                    + " and adds 1 (disjoint: no conflicts)%n", options.branches(), FEATURE, options.branches(),
                    options.filesPerBranch());
            System.out.printf(Locale.ROOT, "git          %s%n", git(repo, "--version").strip());
            System.out.printf(Locale.ROOT, "cores        %d (%s %s, Java %s)%n", Runtime.getRuntime().availableProcessors(),
                    System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"));
            System.out.printf(Locale.ROOT, "repetitions  %d per scenario after 1 untimed warm-up round (order rotated;"
                    + " reset and sync between runs, untimed)%n%n", options.repetitions());

            List<Scenario> scenarios = List.of(
                    new Scenario("pwt WaveMerger.merge (gate checkout creates worktree)", () -> { },
                            () -> pwt(plan)),
                    new Scenario("by hand: worktree add -b + " + options.branches() + " x merge --no-ff", () -> { },
                            this::byHand),
                    new Scenario("pwt WaveMerger.merge (integration worktree exists)", this::addIntegrationTree,
                            () -> pwt(plan)),
                    new Scenario("by hand: " + options.branches() + " x merge --no-ff (worktree exists)",
                            this::addByHandTree, this::byHandMerges),
                    new Scenario(CHECKOUT_REPLAY, () -> { }, this::checkoutReplay));

            Map<String, List<Long>> timings = new LinkedHashMap<>();
            Map<String, List<Long>> toGate = new LinkedHashMap<>();
            scenarios.forEach(s -> {
                timings.put(s.label(), new ArrayList<>());
                toGate.put(s.label(), new ArrayList<>());
            });
            for (int rep = 0; rep <= options.repetitions(); rep++) {
                boolean warmUp = rep == 0;
                for (int k = 0; k < scenarios.size(); k++) {
                    Scenario s = scenarios.get((k + rep) % scenarios.size());
                    reset();
                    s.prepare().run();
                    settle();
                    long start = System.nanoTime();
                    Outcome outcome = s.body().run();
                    long elapsed = System.nanoTime() - start;
                    verify(s.label(), outcome);
                    String gatePart = "";
                    if (outcome.gateCalledAt() > 0) {
                        long gateNanos = outcome.gateCalledAt() - start;
                        gatePart = String.format(Locale.ROOT, "  (gate called after %,d ms)", millis(gateNanos));
                        if (!warmUp) {
                            toGate.get(s.label()).add(gateNanos);
                        }
                    }
                    if (!warmUp) {
                        timings.get(s.label()).add(elapsed);
                    }
                    System.out.printf(Locale.ROOT, "  %-11s %-58s %,8d ms%s%n", warmUp ? "warm-up"
                            : "rep " + rep + "/" + options.repetitions(), s.label(), millis(elapsed), gatePart);
                }
            }
            reset();
            printTable(scenarios, timings, toGate);
            finished = true;
        } finally {
            if (!options.keep() && finished) {
                deleteQuietly(temp);
            } else if (Files.isDirectory(repo.resolve(".git"))) {
                System.out.println();
                System.out.println("repository kept at " + repo + (finished ? "" : " (to see what failed)")
                        + "; delete it with rm -rf " + temp);
            }
        }
    }

    // ---------------------------------------------------------------- scenarios

    /**
     * The engine: a wave of {@code branches} workstreams merged by {@link WaveMerger#merge} with a gate that passes
     * at once. WaveMerger still checks the candidate out in the integration worktree before calling the gate (and
     * creates that worktree, a checkout of every file, when it does not exist yet).
     */
    private Outcome pwt(Plan plan) throws InterruptedException {
        long[] gateCalledAt = {0};
        WaveGate gate = (tree, commit, run) -> {
            gateCalledAt[0] = System.nanoTime();
            return WaveGate.Judgement.of(true, "passed", "");
        };
        WaveResult result = new WaveMerger(plan, new RunLayout(repo, plan.feature(), Environment.ofThisProcess()),
                RunListener.silent(), Optional.empty())
                .merge(1, Optional.empty(), gate);
        if (result.landed().size() != options.branches() || !result.leftOut().isEmpty()
                || !result.alreadyMerged().isEmpty() || result.gateRuns().size() != 1) {
            throw new AssertionError("WaveMerger did not land the whole wave in one gate run: landed "
                    + result.landed() + ", left out " + result.leftOut() + ", already merged "
                    + result.alreadyMerged() + ", gate runs " + result.gateRuns());
        }
        return new Outcome("refs/heads/" + plan.integration(), integrationTree, Optional.of(result.after()),
                gateCalledAt[0]);
    }

    /** The seed's merge-all script: a worktree on a new integration branch, then one merge after the other. */
    private Outcome byHand() {
        addByHandTree();
        return byHandMerges();
    }

    private void addByHandTree() {
        git(repo, "worktree", "add", "--quiet", "-b", BY_HAND_BRANCH, byHandTree.toString(), BASE);
    }

    private Outcome byHandMerges() {
        for (int i = 1; i <= options.branches(); i++) {
            git(byHandTree, "merge", "--quiet", "--no-ff", "-m", "Merge ws" + i, branch(i));
        }
        return new Outcome("refs/heads/" + BY_HAND_BRANCH, byHandTree, Optional.empty(), 0);
    }

    /**
     * What WaveMerger's gate checkout costs on its own: the git commands of its {@code checkOut} (a copy: keep it in
     * step with WaveMerger), through the engine's {@link Git} (same environment, GIT_OPTIONAL_LOCKS=0), for a wave
     * result made earlier, when the integration worktree does not exist yet.
     */
    private Outcome checkoutReplay() {
        String commit = git(repo, "rev-parse", RESULT_REF).strip();
        Git main = Git.in(repo, Environment.ofThisProcess());
        main.run("worktree", "list", "--porcelain");
        main.run("worktree", "add", "--detach", integrationTree.toString(), commit);
        Git wt = Git.in(integrationTree, Environment.ofThisProcess());
        wt.run("status", "--porcelain", "--untracked-files=no");
        wt.run("checkout", "--quiet", "--detach", commit);
        wt.run("clean", "-fdxq");
        return new Outcome(RESULT_REF, integrationTree, Optional.empty(), 0);
    }

    /** As an earlier wave would leave it: the integration worktree, detached at the base commit. */
    private void addIntegrationTree() {
        git(repo, "worktree", "add", "--quiet", "--detach", integrationTree.toString(), baseCommit);
    }

    // ---------------------------------------------------------------- checks and reset

    /**
     * The integration branch is where the engine said and checked out where it was made; it has one merge commit per
     * branch on top of main, changes exactly the branches' files, and has the same tree as every other run (pwt and
     * by hand alike).
     */
    private void verify(String label, Outcome outcome) {
        String commit = git(repo, "rev-parse", outcome.ref()).strip();
        if (outcome.reported().isPresent() && !outcome.reported().get().equals(commit)) {
            throw new AssertionError(label + ": " + outcome.ref() + " is at " + commit + ", WaveMerger said "
                    + outcome.reported().get());
        }
        String checkedOut = git(outcome.checkout(), "rev-parse", "HEAD").strip();
        if (!checkedOut.equals(commit)) {
            throw new AssertionError(label + ": " + outcome.checkout() + " is at " + checkedOut + ", not at "
                    + outcome.ref() + " (" + commit + ")");
        }
        String tree = git(repo, "rev-parse", commit + "^{tree}").strip();
        int merges = Integer.parseInt(git(repo, "rev-list", "--count", "--merges", BASE + ".." + commit).strip());
        long changed = git(repo, "diff", "--name-only", BASE, commit).lines().filter(l -> !l.isBlank()).count();
        int expectedChanged = options.branches() * (options.filesPerBranch() + 1);
        if (merges != options.branches() || changed != expectedChanged) {
            throw new AssertionError(label + ": " + commit + " has " + merges + " merge commits and changes " + changed
                    + " files on top of " + BASE + "; expected " + options.branches() + " and " + expectedChanged);
        }
        if (expectedTree == null) {
            expectedTree = tree;
            git(repo, "update-ref", RESULT_REF, commit);
        } else if (!expectedTree.equals(tree)) {
            throw new AssertionError("TREES DIFFER: " + label + " produced " + commit + " with tree " + tree
                    + ", an earlier run produced tree " + expectedTree + "; pwt and the by-hand merge disagree");
        }
    }

    /** Removes what the runs make: this is the benchmark's own throwaway repository. */
    private void reset() throws IOException {
        removeWorktrees(repo, List.of(integrationTree, byHandTree));
        git(repo, "worktree", "prune");
        // for-each-ref patterns match whole names or a prefix up to a slash
        deleteRefs(repo, List.of("refs/heads/" + FEATURE + "/integration", "refs/heads/" + BY_HAND_BRANCH), "branch",
                "-D");
        deleteRefs(repo, List.of("refs/tags/pw/" + FEATURE), "tag", "-d");
        deleteQuietly(repo.resolve(".worktrees"));
        if (Files.exists(repo.resolve(".worktrees"))) {
            throw new IllegalStateException("could not remove " + repo.resolve(".worktrees"));
        }
    }

    // ---------------------------------------------------------------- repository

    /**
     * Branch {@code bench/wsI} changes the first {@code filesPerBranch} files of directory {@code dirOf(I)} (appends a
     * line) and adds one file there, one commit from main; no two branches share a directory, so none conflicts.
     */
    private void createBranches() throws IOException {
        for (int i = 1; i <= options.branches(); i++) {
            git(repo, "switch", "--quiet", "-c", branch(i), BASE);
            int d = (i - 1) * options.dirs() / options.branches();
            List<String> changed = new ArrayList<>(List.of("add", "--"));
            for (int f = 0; f < options.filesPerBranch(); f++) {
                Files.writeString(repo.resolve(relativeFile(d, f)), "changed by ws" + i + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.APPEND);
                changed.add(relativeFile(d, f));
            }
            String added = String.format(Locale.ROOT, "module-%03d/added-by-ws%d.txt", d, i);
            Files.writeString(repo.resolve(added), "added by ws" + i + "\n", StandardCharsets.UTF_8);
            changed.add(added);
            git(repo, changed.toArray(String[]::new));
            git(repo, "commit", "--quiet", "--no-verify", "-m", "ws" + i + ": change " + options.filesPerBranch()
                    + " files, add " + added);
        }
        git(repo, "switch", "--quiet", BASE);
        // a cloned (or fetched) repository is packed
        git(repo, "repack", "-a", "-d", "-q");
    }

    /** The wave's plan, kept out of git by the repository's info/exclude. */
    private Path writePlan() throws IOException {
        Path file = repo.resolve(PLAN_DIR).resolve("merge-plan.yaml");
        Files.createDirectories(file.getParent());
        StringBuilder yaml = new StringBuilder();
        yaml.append("# generated by pwt-bench MergeBench: one wave of ").append(options.branches())
                .append(" workstreams whose branches exist already\n");
        yaml.append("feature: ").append(FEATURE).append('\n');
        yaml.append("base: ").append(BASE).append('\n');
        yaml.append("worker:\n  type: command\n  run: \"true\"\n");
        yaml.append("workstreams:\n");
        for (int i = 1; i <= options.branches(); i++) {
            yaml.append("  - name: ws").append(i).append('\n');
            yaml.append("    prompt: \"benchmark workstream ").append(i).append("\"\n");
            yaml.append("    wave: 1\n");
        }
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }

    private static String branch(int i) {
        return FEATURE + "/ws" + i;
    }

    // ---------------------------------------------------------------- output

    private void printTable(List<Scenario> scenarios, Map<String, List<Long>> timings, Map<String, List<Long>> toGate) {
        System.out.println();
        System.out.printf(Locale.ROOT, "merge %d branches into a new integration branch of a %,d-file repository; git %s;"
                + " %d cores; %d repetitions%n", options.branches(), fileCount,
                git(repo, "--version").strip().replace("git version ", ""), Runtime.getRuntime().availableProcessors(),
                options.repetitions());
        String header = String.format(Locale.ROOT, "%-58s %10s %10s   %s", "scenario", "median ms", "min ms",
                "runs (ms)");
        System.out.println(header);
        System.out.println("-".repeat(header.length() + 16));
        for (Scenario s : scenarios) {
            List<Long> runs = timings.get(s.label());
            System.out.printf(Locale.ROOT, "%-58s %,10.0f %,10d   %s%n", s.label(), median(runs) / 1e6,
                    millis(min(runs)), runs.stream().map(n -> String.format(Locale.ROOT, "%,d", millis(n)))
                            .collect(Collectors.joining(" ")));
            List<Long> gate = toGate.get(s.label());
            if (!gate.isEmpty()) {
                System.out.printf(Locale.ROOT, "  %-56s %,10.0f %,10d   %s%n", "of which until the gate is called",
                        median(gate) / 1e6, millis(min(gate)), gate.stream().map(n -> String.format(Locale.ROOT,
                                "%,d", millis(n))).collect(Collectors.joining(" ")));
            }
        }
        double pwt = median(timings.get(scenarios.get(0).label()));
        double byHand = median(timings.get(scenarios.get(1).label()));
        double pwtWarm = median(timings.get(scenarios.get(2).label()));
        double byHandWarm = median(timings.get(scenarios.get(3).label()));
        double checkout = median(timings.get(CHECKOUT_REPLAY));
        double untilGate = median(toGate.get(scenarios.get(0).label()));
        System.out.println();
        System.out.printf(Locale.ROOT, "pwt: of its %,.0f ms, the gate checkout that creates the integration worktree is"
                + " about %,.0f ms (replayed alone);%n     the rest, about %,.0f ms, is the off-tree merging of %d"
                + " branches and its checks (until the gate %,.0f ms - checkout), plus update-ref%n", pwt / 1e6,
                checkout / 1e6, (pwt - checkout) / 1e6, options.branches(), untilGate / 1e6);
        System.out.printf(Locale.ROOT, "both checkouts already there: pwt %,.0f ms vs by hand %,.0f ms, ratio %.2f%n",
                pwtWarm / 1e6, byHandWarm / 1e6, pwtWarm / byHandWarm);
        System.out.printf(Locale.ROOT, "all %d runs ended at the same tree %s%n%n", (options.repetitions() + 1)
                * scenarios.size(), expectedTree.substring(0, 12));
        System.out.printf(Locale.ROOT, "RESULT merge %d branches of a %,d-file repo: pwt off-tree %.0f ms vs"
                + " checkout-based %.0f ms, ratio pwt/checkout = %.2f%n", options.branches(), fileCount, pwt / 1e6,
                byHand / 1e6, pwt / byHand);
    }

    // ---------------------------------------------------------------- options

    static Options parse(String[] args) {
        int repetitions = 3;
        int dirs = 200;
        int filesPerDir = 100;
        int branches = 32;
        int filesPerBranch = 3;
        boolean keep = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "-h", "--help" -> {
                    return null;
                }
                case "-n", "--repetitions" -> repetitions = positive(arg, value(args, ++i, arg));
                case "--dirs" -> dirs = positive(arg, value(args, ++i, arg));
                case "--files-per-dir" -> filesPerDir = positive(arg, value(args, ++i, arg));
                case "--branches" -> branches = positive(arg, value(args, ++i, arg));
                case "--files-per-branch" -> filesPerBranch = positive(arg, value(args, ++i, arg));
                case "--keep" -> keep = true;
                default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
            }
        }
        if (branches > dirs) {
            throw new IllegalArgumentException("--branches (" + branches + ") must not exceed --dirs (" + dirs
                    + "): each branch changes a directory of its own");
        }
        if (filesPerBranch > filesPerDir) {
            throw new IllegalArgumentException("--files-per-branch (" + filesPerBranch + ") must not exceed"
                    + " --files-per-dir (" + filesPerDir + ")");
        }
        return new Options(repetitions, dirs, filesPerDir, branches, filesPerBranch, keep);
    }

    private static String usage() {
        return String.join("\n",
                "usage: bench/run merge [options]",
                "  -n, --repetitions N     timed runs of each scenario (default 3), after one untimed warm-up round;",
                "                          median and min are reported",
                "  --dirs N                directories in the generated repository (default 200)",
                "  --files-per-dir N       files per directory (default 100)",
                "  --branches N            workstream branches merged in the wave (default 32)",
                "  --files-per-branch N    existing files each branch changes (default 3; it also adds one)",
                "  --keep                  keep the temporary repository (in /dev/shm when it has room)");
    }
}
