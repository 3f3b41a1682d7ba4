package io.jenkins.plugins.parallelworktrees;

import io.github.parallelworktrees.engine.gate.GateStatus;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * A merge candidate that a mergeWave body is judging. The body receives it as a context object; each qualityGate
 * step in the body reports its verdict to it instead of setting the build result (a failing candidate during
 * bisection is expected, not a broken build); when the body ends, the candidate's judgement goes back to the
 * engine's bisection. Verdicts wait in the controller's memory, keyed by the candidate.
 */
final class MergeCandidate implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Map<String, Pending> PENDING = new ConcurrentHashMap<>();

    private final String key;
    private final int wave;
    private final int run;
    private final String commit;

    private MergeCandidate(String key, int wave, int run, String commit) {
        this.key = key;
        this.wave = wave;
        this.run = run;
        this.commit = commit;
    }

    /**
     * A gate's verdict as a qualityGate step reported it.
     *
     * @param report the archive path of the step's gate.md ({@code gates/<node>/gate.md}), or null when it archived
     *     none (the gate could not run)
     */
    record Verdict(GateStatus status, List<String> failures, boolean couldNotRun, String report)
            implements Serializable {
        Verdict {
            failures = List.copyOf(failures);
        }

        Verdict(GateStatus status, List<String> failures, boolean couldNotRun) {
            this(status, failures, couldNotRun, null);
        }
    }

    /**
     * What the body made of the candidate, for the engine's WaveGate.Judgement; crosses the remoting channel back
     * to the agent that runs the merge.
     *
     * @param reports the archive paths of the gate.md files of the body's qualityGate steps, for the build's page
     */
    record Judgement(boolean passed, String status, String summary, boolean couldNotRun, List<String> reports)
            implements Serializable {
        Judgement {
            // an ArrayList: the record crosses Remoting, whose class filter takes the JDK's named collections
            reports = new ArrayList<>(reports);
        }

        Judgement(boolean passed, String status, String summary, boolean couldNotRun) {
            this(passed, status, summary, couldNotRun, List.of());
        }
    }

    private static final class Pending {
        final List<Verdict> verdicts = new ArrayList<>();
        final CompletableFuture<Throwable> bodyEnded = new CompletableFuture<>();
    }

    /** A new candidate, waiting for its body. */
    static MergeCandidate open(int wave, int run, String commit) {
        MergeCandidate candidate = new MergeCandidate(UUID.randomUUID().toString(), wave, run, commit);
        PENDING.put(candidate.key, new Pending());
        return candidate;
    }

    int wave() {
        return wave;
    }

    int run() {
        return run;
    }

    String commit() {
        return commit;
    }

    String key() {
        return key;
    }

    /** A qualityGate step in the body judged the candidate. */
    void report(Verdict verdict) {
        Pending pending = PENDING.get(key);
        if (pending != null) {
            synchronized (pending.verdicts) {
                pending.verdicts.add(verdict);
            }
        }
    }

    /** The body ended, with the exception it failed with, or null. A candidate no one waits for is ignored. */
    static void bodyEnded(String key, Throwable failure) {
        Pending pending = PENDING.get(key);
        if (pending != null) {
            pending.bodyEnded.complete(failure);
        }
    }

    /** Waits for the body to end, and judges the candidate by how it ended and what its gates reported. */
    Judgement await() throws InterruptedException {
        Pending pending = PENDING.get(key);
        try {
            Throwable failure = pending.bodyEnded.get();
            synchronized (pending.verdicts) {
                return judge(pending.verdicts, failure);
            }
        } catch (ExecutionException e) {
            return judge(List.of(), e.getCause());
        } finally {
            PENDING.remove(key);
        }
    }

    /**
     * The candidate passes when its body completed and every gate in it allows a merge (PASSED, NOTE or INACTIVE,
     * as for the plan's own wave gates). A gate that could not run (a report glob that matched nothing) blames no
     * branch.
     */
    static Judgement judge(List<Verdict> verdicts, Throwable bodyFailure) {
        GateStatus worst = verdicts.stream().map(Verdict::status).reduce(GateStatus.INACTIVE, GateStatus::worst);
        List<String> reasons = new ArrayList<>();
        verdicts.forEach(v -> reasons.addAll(v.failures()));
        boolean couldNotRun = verdicts.stream().anyMatch(Verdict::couldNotRun);
        List<String> reports = verdicts.stream().map(Verdict::report).filter(java.util.Objects::nonNull).toList();
        if (bodyFailure != null) {
            String message = bodyFailure.getMessage() == null ? bodyFailure.toString() : bodyFailure.getMessage();
            reasons.add(0, "the gate body failed: " + message);
            return new Judgement(false, verdicts.isEmpty() ? "failed" : id(worst.worst(GateStatus.FAILED)),
                    String.join("; ", reasons), couldNotRun, reports);
        }
        boolean passed = verdicts.stream().allMatch(v -> v.status().allowsMerge());
        String status = verdicts.isEmpty() ? "passed" : id(worst == GateStatus.INACTIVE ? GateStatus.PASSED : worst);
        return new Judgement(passed, status, String.join("; ", reasons), couldNotRun, reports);
    }

    private static String id(GateStatus status) {
        return status.name().toLowerCase(java.util.Locale.ROOT);
    }
}
