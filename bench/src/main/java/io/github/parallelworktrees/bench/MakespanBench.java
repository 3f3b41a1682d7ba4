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
import java.util.Locale;
import java.util.Optional;

/**
 * How long a plan of simulated workers takes with autoMerge, wave by wave against the queue, as a multiple of its
 * lower bound max(critical path, work / maxParallel). The DAG: 8 command workers that sleep 1-6 units, at most 4
 * at once, critical path 7 units (d 3 then g 4), work 24 units; gates that take no time (the wave's gate is a
 * command that exits 0). Waves need 11 units (wave 1 waits for its slowest, 6; wave 2 for its 4; then h):
 * 1.57 x the bound. pwt's own costs (worktrees, merges, git) are in the measured figure.
 *
 * <p>Usage: {@code bench/run makespan [unit-seconds]} (default 2).
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
        double unitSeconds = args.length > 0 ? Double.parseDouble(args[0]) : 2.0;
        int unitMs = (int) Math.round(unitSeconds * 1000);
        double bound = Math.max(CRITICAL_PATH_UNITS, (double) WORK_UNITS / PARALLEL) * unitSeconds;
        System.out.printf(Locale.ROOT, "Makespan of 8 simulated workers (p = %d, unit %.1f s, critical path %d units,"
                + " work %d units), gates that take no time; lower bound %.1f s%n", PARALLEL, unitSeconds,
                CRITICAL_PATH_UNITS, WORK_UNITS, bound);
        for (String mode : new String[] {"waves", "queue"}) {
            double seconds = run(mode, unitMs);
            System.out.printf(Locale.ROOT, "RESULT %-5s makespan %.1f s = %.2f x the lower bound%n", mode, seconds,
                    seconds / bound);
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
        return seconds;
    }
}
