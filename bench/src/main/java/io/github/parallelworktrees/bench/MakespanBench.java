package io.github.parallelworktrees.bench;

import io.github.parallelworktrees.engine.git.Git;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.plan.PlanParser;
import io.github.parallelworktrees.engine.process.Environment;
import io.github.parallelworktrees.engine.run.PlanRunner;
import io.github.parallelworktrees.engine.ledger.RunListener;
import io.github.parallelworktrees.engine.run.RunSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How long a plan of simulated workers takes with autoMerge, wave by wave against the queue, as a multiple of its
 * lower bound max(critical path, work / maxParallel). The DAG: 8 command workers that sleep 1-6 units, at most 4
 * at once, critical path 7 units (d 3 then g 4), work 24 units; gates that take no time (the wave's gate is a
 * command that exits 0). Waves need 11 units (wave 1 waits for its slowest, 6; wave 2 for its 4; then h):
 * 1.57 x the bound. pwt's own costs (worktrees, merges, git) are in the measured figure.
 *
 * <p>Usage: {@code bench/run makespan [unit-seconds] [-n repetitions]} (default 2 s, 3 repetitions). The median
 * and the fastest run of each mode are printed; one untimed run first warms the JVM.
 */
public final class MakespanBench {

    private static final String PLAN = """
            feature: dag
            autoMerge: true
            maxParallel: 4
            merge: {mode: %s}
            waves: [{wave: 1, gate: {command: 'true'}}, {wave: 2, gate: {command: 'true'}}, {wave: 3, gate: {command: 'true'}}]
            worker: {type: command, run: 'case $PWT_WORKSTREAM in a) u=6;; b|h) u=1;; c) u=2;; d|e) u=3;; *) u=4;; esac; ms=$((u * UNIT_MS)); sleep $((ms / 1000)).$(printf %%03d $((ms %% 1000))) && echo $PWT_WORKSTREAM > $PWT_WORKSTREAM.txt && echo "# R" > RESULTS.md'}
            env: {UNIT_MS: '%d'}
            workstreams:
              - {name: a, prompt: x}
              - {name: b, prompt: x}
              - {name: c, prompt: x}
              - {name: d, prompt: x}
              - {name: e, prompt: x, dependsOn: [b]}
              - {name: f, prompt: x, dependsOn: [c]}
              - {name: g, prompt: x, dependsOn: [d]}
              - {name: h, prompt: x, dependsOn: [e]}
            """;
    private static final int CRITICAL_PATH_UNITS = 7;
    private static final int WORK_UNITS = 24;
    private static final int PARALLEL = 4;

    private MakespanBench() {
    }

    public static void main(String[] args) throws Exception {
        double unitSeconds = 2.0;
        int repetitions = 3;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("-n") && i + 1 < args.length) {
                repetitions = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--help")) {
                System.out.println("usage: bench/run makespan [UNIT_SECONDS (default 2)] [-n REPETITIONS (default 3)]");
                return;
            } else {
                unitSeconds = Double.parseDouble(args[i]);
            }
        }
        int unitMs = (int) Math.round(unitSeconds * 1000);
        double bound = Math.max(CRITICAL_PATH_UNITS, (double) WORK_UNITS / PARALLEL) * unitSeconds;
        System.out.printf(Locale.ROOT, "Makespan of 8 simulated workers (p = %d, unit %.1f s, critical path %d units,"
                + " work %d units), gates that take no time; lower bound %.1f s%n", PARALLEL, unitSeconds,
                CRITICAL_PATH_UNITS, WORK_UNITS, bound);
        // untimed: loads and compiles the engine (Jackson, the runner), which a JVM pays once, as the other
        // benchmarks do; what is timed is a run in a warm JVM
        run("queue", 20);
        for (String mode : new String[] {"waves", "queue"}) {
            List<Double> times = new ArrayList<>();
            for (int r = 0; r < repetitions; r++) {
                double seconds = run(mode, unitMs);
                times.add(seconds);
                System.out.printf(Locale.ROOT, "  %-5s run %d: %.2f s = %.3f x the lower bound%n", mode, r + 1,
                        seconds, seconds / bound);
            }
            Collections.sort(times);
            double median = times.get(times.size() / 2);
            System.out.printf(Locale.ROOT, "RESULT %-5s makespan median %.1f s (min %.1f s) = %.2f x the lower bound"
                    + " (min %.2f)%n", mode, median, times.get(0), median / bound, times.get(0) / bound);
        }
    }

    private static double run(String mode, int unitMs) throws Exception {
        Path repo = Files.createTempDirectory("pwt-makespan-" + mode + "-");
        Environment env = Environment.ofThisProcess();
        Git git = Git.in(repo, env);
        git.run("init", "-q", "-b", "main");
        git.run("config", "user.name", "Bench");
        git.run("config", "user.email", "bench@example.invalid");
        Files.writeString(repo.resolve("README.md"), "# dag\n");
        Path planFile = repo.resolve("plan.yaml");
        Files.writeString(planFile, PLAN.formatted(mode, unitMs));
        git.run("add", "-A");
        git.run("commit", "-qm", "initial");
        Plan plan = PlanParser.read(planFile);
        long start = System.nanoTime();
        RunSummary summary = new PlanRunner(plan, repo, env, Optional.empty(), RunListener.silent()).run();
        double seconds = (System.nanoTime() - start) / 1e9;
        BenchSupport.check(summary.landed().size() == 8, mode + ": not every workstream landed: "
                + summary.landed() + " " + summary.workers());
        BenchSupport.deleteQuietly(repo);
        return seconds;
    }
}
