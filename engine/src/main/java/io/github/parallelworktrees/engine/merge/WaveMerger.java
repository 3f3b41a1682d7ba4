package io.github.parallelworktrees.engine.merge;

import io.github.parallelworktrees.engine.bisection.Bisection;
import io.github.parallelworktrees.engine.bisection.Candidate;
import io.github.parallelworktrees.engine.bisection.Gate;
import io.github.parallelworktrees.engine.bisection.GateOutcome;
import io.github.parallelworktrees.engine.bisection.Outcome;
import io.github.parallelworktrees.engine.brief.TasksFile;
import io.github.parallelworktrees.engine.claude.Rehearsals;
import io.github.parallelworktrees.engine.claude.ScriptedRehearsals;
import io.github.parallelworktrees.engine.gate.GateException;
import io.github.parallelworktrees.engine.gate.QualityGate;
import io.github.parallelworktrees.engine.gate.Verdict;
import io.github.parallelworktrees.engine.gate.VerdictReport;
import io.github.parallelworktrees.engine.git.Exclusions;
import io.github.parallelworktrees.engine.git.Git;
import io.github.parallelworktrees.engine.git.StaleLocks;
import io.github.parallelworktrees.engine.git.Worktrees;
import io.github.parallelworktrees.engine.plan.Bases;
import io.github.parallelworktrees.engine.plan.MergeMode;
import io.github.parallelworktrees.engine.plan.Plan;
import io.github.parallelworktrees.engine.plan.Wave;
import io.github.parallelworktrees.engine.plan.Workstream;
import io.github.parallelworktrees.engine.process.ProcessResult;
import io.github.parallelworktrees.engine.ledger.RunListener;
import io.github.parallelworktrees.engine.ledger.Event;
import io.github.parallelworktrees.engine.ledger.Json;
import io.github.parallelworktrees.engine.ledger.Landings;
import io.github.parallelworktrees.engine.ledger.Ledger;
import io.github.parallelworktrees.engine.ledger.RunView;
import io.github.parallelworktrees.engine.ledger.WaveResult;
import io.github.parallelworktrees.engine.process.ProcessTree;
import io.github.parallelworktrees.engine.ledger.RunLayout;
import io.github.parallelworktrees.engine.ledger.RunState;
import io.github.parallelworktrees.engine.ledger.WorkerStatus;
import io.github.parallelworktrees.engine.ledger.WorkerRecord;
import io.github.parallelworktrees.engine.worker.WorkerResults;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Merges a wave's branches into the integration branch so that the branch only ever points at a commit whose
 * gate passed. Merges are computed off-tree; the gate runs on the merged tree in a dedicated integration
 * worktree; when it fails, the culprits are found by bisecting the wave (as bors and the merge queues do), and
 * the largest passing set lands when the wave is {@code partial}. The ref moves with a compare-and-swap, so a
 * concurrent change is detected, never overwritten. Worker branches are never rewritten or deleted.
 */
public final class WaveMerger {

    private final Plan plan;
    private final Git git;
    private final RunLayout layout;
    private final RunListener listener;
    private final Optional<RunState> state;
    private final Rehearsals rehearsals;

    /**
     * @param state the run's live state, where the merge is recorded (run.json); empty outside a run
     */
    public WaveMerger(Plan plan, RunLayout layout, RunListener listener, Optional<RunState> state) {
        this(plan, layout, listener, state, new ScriptedRehearsals());
    }

    /**
     * @param state the run's live state, where the merge is recorded (run.json); empty outside a run
     * @param rehearsals where a Claude conflict resolver's requests go (the real API with the caller's key, or a
     *     scripted model for a rehearsal), as for the run's workers
     */
    public WaveMerger(Plan plan, RunLayout layout, RunListener listener, Optional<RunState> state,
            Rehearsals rehearsals) {
        if (!layout.feature().equals(plan.feature())) {
            throw new IllegalArgumentException("the layout of feature '" + layout.feature() + "' is not the plan's ('"
                    + plan.feature() + "')");
        }
        this.plan = plan;
        this.git = layout.git();
        this.layout = layout;
        this.listener = listener;
        this.state = state;
        this.rehearsals = rehearsals;
    }

    /** The wave's own gate from the plan (its command, reports and thresholds), run on the merged tree. */
    public WaveGate planGate(int wave) {
        Wave w = wave(wave);
        if (w.gateSpec().isEmpty()) {
            return (tree, commit, run) -> WaveGate.Judgement.of(true, "ungated", "wave " + wave + " has no gate");
        }
        // every merge of the wave keeps its gate runs' output: a later merge never overwrites an earlier record
        int attempt = (int) view().merges().stream().filter(m -> m.result().wave() == wave).count() + 1;
        WaveGate gate = (tree, commit, run) -> {
            Path out = layout.root().resolve("merges").resolve("wave-" + wave).resolve("merge-" + attempt)
                    .resolve("gate-" + run);
            String key = "wave " + wave + ", merge " + attempt + ", gate run " + run;
            List<Long> started = new ArrayList<>();
            try {
                Files.createDirectories(out);
                Verdict verdict = new QualityGate(layout.environment(), Duration.ofHours(1), p -> {
                    started.add(p.pid());
                    note(new Event.ProcessStarted(java.time.Instant.now(), "gate", key, p.pid(),
                            p.info().startInstant().orElse(null)));
                }).evaluate(w.gateSpec().get(), tree, out);
                VerdictReport.write(verdict, out);
                return WaveGate.Judgement.of(verdict.status().allowsMerge(), VerdictReport.id(verdict.status()),
                        String.join("; ", verdict.failures()));
            } catch (GateException e) {
                return new WaveGate.Judgement(false, "error", "the gate could not run: " + e.getMessage(), true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                started.forEach(pid -> note(new Event.ProcessEnded(java.time.Instant.now(), pid)));
            }
        };
        // every run has its own output folder and checkout, so a plan's gate may judge candidates at once
        return new WaveGate() {
            @Override
            public Judgement judge(Path tree, String commit, int run) throws InterruptedException {
                return gate.judge(tree, commit, run);
            }

            @Override
            public boolean concurrent() {
                return true;
            }
        };
    }

    /**
     * Why {@code ws}'s branch, at {@code tip}, holds none of its work: the run recorded its worker unfinished and
     * the branch has no commit beyond the run's base. Empty when its worker finished, or the run has no record of it.
     */
    private Optional<String> unfinishedWithoutWork(Workstream ws, String tip) {
        WorkerRecord record = view().workers().get(ws.name());
        if (record == null || record.status() == WorkerStatus.DONE || !git.isAncestor(tip, baseCommit())) {
            return Optional.empty();
        }
        return Optional.of("its worker has not finished (" + record.status().id() + ") and its branch "
                + plan.branchOf(ws) + " has no commit of its own yet; resume the run, or retry it");
    }

    /**
     * Merges wave {@code number}: its workstreams from the plan, or {@code only} these.
     *
     * @throws MergeException for a wave that cannot be merged (no branches, a dirty integration worktree, an
     *     integration branch checked out elsewhere, a concurrent change of the integration branch)
     */
    public WaveResult merge(int number, Optional<List<String>> only, WaveGate gate) throws InterruptedException {
        StaleLocks.recover(git, layout.repository(), layout.root(), plan.branches(), listener::info);
        Wave wave = wave(number);
        List<Workstream> members = members(wave, only);
        String integration = plan.integration();
        String ref = "refs/heads/" + integration;
        checkNotCheckedOut(integration);
        Exclusions.ensure(git, TasksFile.EXCLUDED);
        stopLeftOverGates();
        Optional<String> existing = git.resolveCommit(ref);
        String before = existing.orElseGet(this::baseCommit);

        // one snapshot of the branch tips: what is checked is what is merged, even if a branch moves meanwhile
        Map<String, String> tips = new HashMap<>();
        List<WaveResult.LeftOut> leftOut = new ArrayList<>();
        List<String> alreadyMerged = new ArrayList<>();
        List<Workstream> candidates = new ArrayList<>();
        for (Workstream ws : members) {
            String branch = plan.branchOf(ws);
            Optional<String> tip = git.resolveCommit("refs/heads/" + branch);
            if (tip.isEmpty()) {
                leftOut.add(new WaveResult.LeftOut(ws.name(), "branch " + branch + " does not exist (has its"
                        + " worker run?)", null));
            } else if (git.isAncestor(tip.get(), before)) {
                Optional<String> unfinished = unfinishedWithoutWork(ws, tip.get());
                if (unfinished.isPresent()) {
                    // a worker stopped or failed before its first commit: its branch is the base, already on the
                    // integration branch, but nothing of its work is; not "already merged"
                    leftOut.add(new WaveResult.LeftOut(ws.name(), unfinished.get(), null));
                } else {
                    alreadyMerged.add(ws.name());
                    listener.info("wave " + number + ": " + ws.name() + " is already merged into " + integration
                            + "; skipped");
                }
            } else {
                tips.put(ws.name(), tip.get());
                candidates.add(ws);
            }
        }
        if (candidates.isEmpty() && alreadyMerged.isEmpty()) {
            throw new MergeException("wave " + number + " has no branches to merge"
                    + (leftOut.isEmpty() ? "" : ": " + describe(leftOut)));
        }
        // recorded so that a dashboard in another process can say what is merging while the gates run
        note(new Event.MergeStarted(java.time.Instant.now(), number, members.stream().map(Workstream::name)
                .toList()));
        try {
            return land(number, integration, ref, existing, before, candidates, leftOut, alreadyMerged, tips, gate);
        } catch (RuntimeException | InterruptedException e) {
            note(new Event.MergeFailed(java.time.Instant.now(), number, String.valueOf(e.getMessage())));
            throw e;
        }
    }

    /** The merge once it has begun: the integration branch made if need be, the candidates gated and landed. */
    private WaveResult land(int number, String integration, String ref, Optional<String> existing, String before,
            List<Workstream> candidates, List<WaveResult.LeftOut> leftOut, List<String> alreadyMerged,
            Map<String, String> tips, WaveGate gate) throws InterruptedException {
        if (existing.isEmpty()) {
            git.withMetadataLock(() -> createIntegrationBranch(ref, before));
        }
        Landing landing = new Landing(number, gate, leftOut, tips);
        // conflicts first, like the merge queues: a branch that cannot merge is split out before any gate run
        List<Workstream> mergeable = new ArrayList<>();
        String probe = before;
        for (Workstream ws : candidates) {
            Optional<String> merged = landing.mergeOne(probe, ws);
            if (merged.isPresent()) {
                probe = merged.get();
                mergeable.add(ws);
            }
        }
        String after = landing.land(before, mergeable);
        if (!after.equals(before)) {
            ProcessResult moved = git.withMetadataLock(() -> git.tryRun("update-ref", "-m",
                    "pwt: merge wave " + number, ref, after, before));
            if (!moved.succeeded()) {
                String now = git.resolveCommit(ref).orElse("(deleted)");
                throw new MergeException("the integration branch " + integration + " moved from "
                        + before.substring(0, 12) + " to " + now.substring(0, Math.min(12, now.length()))
                        + " while wave " + number + " was being merged; nothing was changed: run the merge again");
            }
        }
        WaveResult result = new WaveResult(number, integration, before, after, landing.landed, leftOut,
                alreadyMerged, landing.runs);
        record(result);
        return result;
    }

    /**
     * Moves the integration branch back to where it was before wave {@code number}'s latest landing that still
     * stands. When later landings (another wave's, a commit made by hand) stand on it, they would be undone too:
     * refused, naming them, unless {@code undoLater}. Recorded in the ledger; nothing is deleted (the workstream
     * branches keep their commits).
     */
    public Rollback rollback(int number, boolean undoLater) {
        StaleLocks.recover(git, layout.repository(), layout.root(), plan.branches(), listener::info);
        wave(number);
        String integration = plan.integration();
        String ref = "refs/heads/" + integration;
        checkNotCheckedOut(integration);
        RunView view = view();
        RunView.Merge standing = view.standingMerge(number).orElseThrow(() -> new MergeException("wave " + number
                + " has no landing on " + integration + " to roll back"
                + (view.merges().stream().anyMatch(m -> m.result().wave() == number)
                        ? " (its merges landed nothing, or were rolled back already)" : " (it was never merged)")
                + "; nothing was changed"));
        String current = git.resolveCommit(ref).orElseThrow(() -> new MergeException("the integration branch "
                + integration + " does not exist; nothing to roll back"));
        WaveResult landed = standing.result();
        if (!git.isAncestor(landed.after(), current)) {
            throw new MergeException(integration + " no longer holds wave " + number + "'s landing ("
                    + short12(landed.after()) + "): it was moved by other means since; nothing was changed. Look at"
                    + " 'git reflog " + integration + "' and move it yourself if you must");
        }
        List<RunView.Merge> later = view.merges().stream().filter(m -> m.seq() > standing.seq() && m.stands())
                .toList();
        int handCommits = Integer.parseInt(git.run("rev-list", "--count", "--first-parent",
                (later.isEmpty() ? landed.after() : later.get(later.size() - 1).result().after()) + ".." + current)
                .strip());
        List<String> undone = undoneBetween(landed.before(), current);
        if (!current.equals(landed.after()) && !undoLater) {
            List<String> what = new ArrayList<>();
            for (RunView.Merge m : later) {
                what.add("wave " + m.result().wave() + " (" + String.join(", ", m.result().landed()) + ")");
            }
            if (handCommits > 0) {
                what.add(handCommits + " commit(s) made on " + integration + " by other means");
            }
            if (what.isEmpty()) {
                what.add("commits made on " + integration + " since (" + short12(landed.after()) + ".."
                        + short12(current) + ")");
            }
            throw new MergeException("rolling back wave " + number + " would also undo what landed after it: "
                    + String.join("; ", what) + ". Nothing was changed. Roll back the later wave(s) first, or undo"
                    + " all of it (" + String.join(", ", undone) + ") with: pwt merge " + plan.source() + " --wave "
                    + number + " --rollback --undo-later");
        }
        ProcessResult moved = git.withMetadataLock(() -> git.tryRun("update-ref", "-m", "pwt: roll back wave "
                + number, ref, landed.before(), current));
        if (!moved.succeeded()) {
            throw new MergeException("the integration branch " + integration + " moved while it was being rolled"
                    + " back; nothing was changed: run the rollback again");
        }
        List<Integer> seqs = new ArrayList<>();
        seqs.add(standing.seq());
        later.forEach(m -> seqs.add(m.seq()));
        note(new Event.RolledBack(java.time.Instant.now(), number, integration, current, landed.before(), undone,
                seqs));
        listener.info("rolled " + integration + " back from " + short12(current) + " to " + short12(landed.before())
                + " (before wave " + number + "'s landing), undoing " + (undone.isEmpty() ? "nothing"
                : String.join(", ", undone)) + "; their commits stay on the workstream branches");
        return new Rollback(number, current, landed.before(), undone);
    }

    /** What a rollback did: the integration branch moved {@code from} back {@code to}, undoing those workstreams. */
    public record Rollback(int wave, String from, String to, List<String> undone) {
    }

    /** The workstreams whose branch {@code to} holds and {@code from} does not: what moving back undoes. */
    private List<String> undoneBetween(String from, String to) {
        Landings now = Landings.read(git, plan.feature(), plan.integration(), baseCommit());
        List<String> undone = new ArrayList<>();
        for (Workstream ws : plan.workstreams()) {
            Optional<String> tip = now.tip(plan.branchOf(ws));
            if (tip.isPresent() && git.isAncestor(tip.get(), to) && !git.isAncestor(tip.get(), from)) {
                undone.add(ws.name());
            }
        }
        return undone;
    }

    /** The feature's ledger folded: this run's live view, or the file's. */
    private RunView view() {
        return state.map(RunState::view).orElseGet(() -> RunState.view(layout));
    }

    /** Appends to the ledger: through the live run when there is one, so that its view sees it at once. */
    private void note(Event event) {
        if (state.isPresent()) {
            state.get().record(event);
        } else {
            Ledger.of(layout).append(event);
        }
    }

    /**
     * A gate started by a pwt that was killed may still run, and would write its reports into the integration
     * worktree after the next merge's clean: stop every one the ledger still has as running.
     */
    private void stopLeftOverGates() {
        for (Event.ProcessStarted p : view().openProcesses()) {
            if (!p.role().equals("gate")) {
                continue;
            }
            if (ProcessTree.destroyIfSame(p.pid(), p.processStart(), Duration.ofSeconds(5))) {
                listener.warning("stopped a gate process (pid " + p.pid() + ", " + p.key() + ") left running by an"
                        + " earlier pwt that was killed");
            }
            note(new Event.ProcessEnded(java.time.Instant.now(), p.pid()));
        }
    }

    private static String short12(String commit) {
        return commit.substring(0, Math.min(12, commit.length()));
    }

    /** The bisection and its bookkeeping for one wave. */
    private final class Landing {
        private final int wave;
        private final WaveGate gate;
        private final List<WaveResult.LeftOut> leftOut;
        private final List<String> landed = new ArrayList<>();
        private final List<WaveResult.GateRun> runs = new ArrayList<>();
        private final Map<String, String> mergeCache = new HashMap<>();
        private final OffTreeMerge merger;
        private boolean gateCouldNotRun;
        private int rounds;
        private final Map<String, String> tips;

        Landing(int wave, WaveGate gate, List<WaveResult.LeftOut> leftOut, Map<String, String> tips) {
            this.tips = tips;
            this.wave = wave;
            this.gate = gate;
            this.leftOut = leftOut;
            this.merger = new OffTreeMerge(git, plan.mergePolicies(), layout.root().resolve("merges").resolve(
                    "scratch"));
        }

        /** Merges one branch on top of {@code into}, or leaves it out with the conflict. */
        Optional<String> mergeOne(String into, Workstream ws) {
            String key = into + "|" + ws.name();
            String cached = mergeCache.get(key);
            if (cached != null) {
                return Optional.of(cached);
            }
            String tip = tips.get(ws.name());
            OffTreeMerge.Result result = merger.merge(into, tip, ws.name(), message(ws));
            if (result.commit().isEmpty() && plan.conflictResolver().isPresent()) {
                listener.info("wave " + wave + ": " + ws.name() + ": conflict in "
                        + String.join(", ", result.unresolved()) + "; handing it to the resolver");
                ConflictResolver.Resolution resolution = resolve(into, tip, ws, result.unresolved());
                listener.info("wave " + wave + ": " + ws.name() + ": " + resolution.explanation());
                if (resolution.commit().isPresent()) {
                    mergeCache.put(key, resolution.commit().get());
                    return resolution.commit();
                }
                String reason = "conflict in " + String.join(", ", result.unresolved()) + " with "
                        + owners(into, result.unresolved()) + "; " + resolution.explanation();
                leftOut.add(WaveResult.LeftOut.conflict(ws.name(), reason, tip));
                listener.warning("wave " + wave + ": " + ws.name() + " left out: " + reason);
                return Optional.empty();
            }
            if (result.commit().isEmpty()) {
                String reason = "conflict in " + String.join(", ", result.unresolved()) + " with "
                        + owners(into, result.unresolved()) + "; no merge policy resolves it";
                leftOut.add(WaveResult.LeftOut.conflict(ws.name(), reason, tip));
                listener.warning("wave " + wave + ": " + ws.name() + " left out: " + reason);
                return Optional.empty();
            }
            if (!result.resolvedByPolicy().isEmpty()) {
                listener.info("wave " + wave + ": " + ws.name() + ": conflicts in "
                        + String.join(", ", result.resolvedByPolicy()) + " resolved by the plan's merge policies");
            }
            mergeCache.put(key, result.commit().get());
            return result.commit();
        }

        private ConflictResolver.Resolution resolve(String into, String tip, Workstream ws, List<String> files) {
            try {
                return new ConflictResolver(git, layout, plan.conflictResolver().get(), rehearsals)
                        .resolve(wave, into, tip, ws, files, message(ws));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new ConflictResolver.Resolution(Optional.empty(), "interrupted");
            }
        }

        /**
         * Lands what of {@code list} passes on top of {@code good}: the whole list when its gate passes; else, when
         * the wave is partial, the culprits are found by {@link Bisection} (group testing over any subsets, with the
         * plan's gate slots at once) and every branch that passes lands.
         */
        String land(String good, List<Workstream> list) throws InterruptedException {
            if (list.isEmpty()) {
                return good;
            }
            Map<String, Workstream> byName = new LinkedHashMap<>();
            list.forEach(ws -> byName.put(ws.name(), ws));
            int slots = gate.concurrent() ? plan.gateSlots() : 1;
            // the commit each landed list stands at: a candidate merges its branches on top of one of these
            Map<List<String>, String> goodAt = new HashMap<>();
            goodAt.put(List.of(), good);
            // In the queue every wave is partial: branches land one by one as their workers finish, so which of them
            // share a batch is an accident of timing, and an innocent branch must not stay out because a culprit
            // finished in the same minute (found trying commons-cli). All or nothing per wave is what waves mode is for.
            boolean partial = wave(wave).partial() || plan.autoMerge() && plan.mergeMode() == MergeMode.QUEUE;
            Gate judge = round -> {
                List<GateOutcome> outcomes = judgeRound(round, goodAt, byName, slots);
                for (int i = 0; i < round.size(); i++) {
                    if (outcomes.get(i) == GateOutcome.PASSED) {
                        // the first candidate of a round that passes is the one that lands (Bisection's rule)
                        Candidate landedNow = round.get(i);
                        List<String> now = new ArrayList<>(landedNow.onTopOf());
                        now.addAll(landedNow.items());
                        goodAt.put(now, runs.get(runs.size() - round.size() + i).commit());
                        break;
                    }
                }
                return outcomes;
            };
            List<String> names = List.copyOf(byName.keySet());
            if (!partial) {
                // a wave that is not partial lands all or nothing: one gate run, no bisection
                GateOutcome whole = judge.judge(List.of(new Candidate(List.of(), names))).get(0);
                if (whole == GateOutcome.PASSED) {
                    landed.addAll(names);
                    return goodAt.get(names);
                }
                String why = runs.get(runs.size() - 1).summary();
                for (String name : names) {
                    if (whole == GateOutcome.COULD_NOT_RUN) {
                        leftOut.add(new WaveResult.LeftOut(name, why + "; no branch is blamed, nothing lands: fix"
                                + " the gate and merge again", tips.get(name)));
                    } else if (names.size() == 1) {
                        // one branch on top of a passing commit: the failure is its own, and its worker can repair it
                        leftOut.add(WaveResult.LeftOut.culprit(name, "culprit: the gate fails with it (" + why
                                + ")", tips.get(name)));
                    } else {
                        leftOut.add(new WaveResult.LeftOut(name, "the wave's gate failed (" + why + ") and the"
                                + " wave is not partial: nothing lands", tips.get(name)));
                    }
                }
                return good;
            }
            Outcome outcome = Bisection.run(names, slots, judge);
            outcome.landed().forEach(landed::add);
            for (Outcome.Culprit culprit : outcome.culprits()) {
                WaveResult.GateRun failed = runOf(culprit.failed());
                leftOut.add(WaveResult.LeftOut.culprit(culprit.item(), "culprit: the gate fails with it ("
                        + failed.summary() + "; gate run " + failed.number() + " on " + String.join(" + ",
                        failed.workstreams()) + (culprit.failed().onTopOf().isEmpty() ? "" : ", on top of "
                        + String.join(" + ", culprit.failed().onTopOf())) + ")", tips.get(culprit.item())));
                listener.warning("wave " + wave + ": " + culprit.item() + " breaks the gate; left out");
            }
            if (!outcome.unjudged().isEmpty()) {
                String why = runs.get(runs.size() - 1).summary() + "; no branch is blamed, nothing "
                        + (outcome.landed().isEmpty() ? "" : "more ") + "lands: fix the gate and merge again";
                for (String name : outcome.unjudged()) {
                    leftOut.add(new WaveResult.LeftOut(name, why, tips.get(name)));
                }
            }
            List<String> landedOrder = outcome.landed();
            return goodAt.getOrDefault(landedOrder, good);
        }

        /** The recorded gate run of {@code candidate} (the latest, should it have been judged twice). */
        private WaveResult.GateRun runOf(Candidate candidate) {
            for (int i = runs.size() - 1; i >= 0; i--) {
                if (runs.get(i).workstreams().equals(candidate.items())) {
                    return runs.get(i);
                }
            }
            throw new IllegalStateException("no gate run of " + candidate.items());
        }

        /**
         * Judges a round: each candidate's branches merged on top of the commit its landed list stands at, then its
         * gate, all at once when there are several (each in its own checkout). A candidate whose branches do not
         * merge cleanly without the others fails without a gate run.
         */
        private List<GateOutcome> judgeRound(List<Candidate> round, Map<List<String>, String> goodAt,
                Map<String, Workstream> byName, int slots) throws InterruptedException {
            int roundNumber = ++rounds;
            List<String> commits = new ArrayList<>();
            List<String> conflicts = new ArrayList<>();
            for (Candidate candidate : round) {
                String tip = goodAt.get(candidate.onTopOf());
                String conflict = null;
                for (String name : candidate.items()) {
                    Optional<String> merged = mergeQuietly(tip, byName.get(name));
                    if (merged.isEmpty()) {
                        conflict = name + " does not merge cleanly without the branches left out of this candidate";
                        break;
                    }
                    tip = merged.get();
                }
                commits.add(tip);
                conflicts.add(conflict);
            }
            List<WaveGate.Judgement> judgements = new ArrayList<>();
            if (round.size() == 1 || slots == 1) {
                for (int i = 0; i < round.size(); i++) {
                    judgements.add(conflicts.get(i) != null ? conflictJudgement(conflicts.get(i))
                            : gate.judge(checkOut(commits.get(i), 0), commits.get(i), runs.size() + i + 1));
                }
            } else {
                judgements.addAll(judgeAtOnce(commits, conflicts));
            }
            List<GateOutcome> outcomes = new ArrayList<>();
            for (int i = 0; i < round.size(); i++) {
                WaveGate.Judgement judgement = judgements.get(i);
                Candidate candidate = round.get(i);
                int number = runs.size() + 1;
                runs.add(new WaveResult.GateRun(number, commits.get(i), candidate.items(), judgement.passed(),
                        judgement.status(), judgement.summary(), roundNumber));
                listener.info("wave " + wave + ": gate run " + number + " (round " + roundNumber + ") on "
                        + String.join(" + ", candidate.items()) + (candidate.onTopOf().isEmpty() ? ""
                        : " on top of " + String.join(" + ", candidate.onTopOf())) + ": " + judgement.status()
                        + (judgement.passed() || judgement.summary().isEmpty() ? "" : " (" + judgement.summary()
                        + ")"));
                if (judgement.couldNotRun()) {
                    gateCouldNotRun = true;
                    outcomes.add(GateOutcome.COULD_NOT_RUN);
                } else {
                    outcomes.add(judgement.passed() ? GateOutcome.PASSED : GateOutcome.FAILED);
                }
            }
            return outcomes;
        }

        /** The round's candidates judged at once, each in its own integration checkout. */
        private List<WaveGate.Judgement> judgeAtOnce(List<String> commits, List<String> conflicts)
                throws InterruptedException {
            int first = runs.size() + 1;
            List<Path> trees = new ArrayList<>();
            for (int i = 0; i < commits.size(); i++) {
                trees.add(conflicts.get(i) != null ? null : checkOut(commits.get(i), i));
            }
            ExecutorService pool = Executors.newFixedThreadPool(commits.size(), r -> {
                Thread thread = new Thread(r, "pwt-gate");
                thread.setDaemon(true);
                return thread;
            });
            try {
                List<Future<WaveGate.Judgement>> futures = new ArrayList<>();
                for (int i = 0; i < commits.size(); i++) {
                    int index = i;
                    futures.add(pool.submit(() -> conflicts.get(index) != null
                            ? conflictJudgement(conflicts.get(index))
                            : gate.judge(trees.get(index), commits.get(index), first + index)));
                }
                List<WaveGate.Judgement> judgements = new ArrayList<>();
                for (Future<WaveGate.Judgement> future : futures) {
                    try {
                        judgements.add(future.get());
                    } catch (ExecutionException e) {
                        if (e.getCause() instanceof RuntimeException r) {
                            throw r;
                        }
                        throw new IllegalStateException(e.getCause());
                    }
                }
                return judgements;
            } finally {
                pool.shutdownNow();
            }
        }

        private WaveGate.Judgement conflictJudgement(String why) {
            return WaveGate.Judgement.of(false, "conflict", why);
        }

        /** As {@link #mergeOne}, for a candidate: a conflict fails the candidate, it does not leave a branch out. */
        private Optional<String> mergeQuietly(String into, Workstream ws) {
            String key = into + "|" + ws.name();
            String cached = mergeCache.get(key);
            if (cached != null) {
                return Optional.of(cached);
            }
            OffTreeMerge.Result result = merger.merge(into, tips.get(ws.name()), ws.name(), message(ws));
            result.commit().ifPresent(c -> mergeCache.put(key, c));
            return result.commit();
        }
    }

    /**
     * The integration worktree of gate slot {@code slot} ({@link RunLayout#integrationTree}), detached at
     * {@code commit}, cleaned of the last gate run's outputs.
     */
    private Path checkOut(String commit, int slot) {
        Path tree = layout.integrationTree(slot);
        Worktrees worktrees = new Worktrees(git);
        boolean created = git.withMetadataLock(() -> {
            if (worktrees.at(tree).isEmpty()) {
                if (Files.exists(tree)) {
                    throw new MergeException(tree + " exists but is not the integration worktree; move it away");
                }
                git.run("worktree", "add", "--detach", tree.toString(), commit);
                return true;
            }
            return false;
        });
        Git wt = git.at(tree);
        if (created) {
            return tree;
        }
        String dirty = wt.run("status", "--porcelain", "--untracked-files=no");
        if (!dirty.isEmpty()) {
            throw new MergeException("the integration worktree " + tree + " has uncommitted changes to tracked files ("
                    + dirty.lines().limit(3).map(l -> l.substring(3)).reduce((a, b) -> a + ", " + b).orElse("")
                    + "); it is pwt's scratch checkout: commit those changes elsewhere or run 'git -C " + tree
                    + " checkout -- .'");
        }
        wt.run("checkout", "--quiet", "--detach", commit);
        // a gate must see only the candidate: no reports or builds left by the previous run
        wt.run("clean", "-fdxq");
        return tree;
    }

    private String createIntegrationBranch(String ref, String base) {
        git.run("update-ref", "-m", "pwt: create the integration branch", ref, base,
                "0000000000000000000000000000000000000000");
        listener.info("created the integration branch " + plan.integration() + " at " + base.substring(0, 12));
        return base;
    }

    private void checkNotCheckedOut(String branch) {
        new Worktrees(git).holding(branch).ifPresent(e -> {
            throw new MergeException("the integration branch " + branch + " is checked out at " + e.path()
                    + "; switch that checkout to another branch, so that pwt can move the branch without leaving"
                    + " that checkout out of step");
        });
    }

    private Wave wave(int number) {
        return plan.waves().stream().filter(w -> w.number() == number).findFirst().orElseThrow(() ->
                new MergeException("the plan has no wave " + number + "; its waves are "
                        + plan.waves().stream().map(w -> String.valueOf(w.number())).toList()));
    }

    /** The workstreams to merge, in dependency order (plan order within that). */
    private List<Workstream> members(Wave wave, Optional<List<String>> only) {
        List<String> names = only.orElse(wave.workstreams());
        for (String name : names) {
            if (plan.workstream(name).isEmpty()) {
                throw new MergeException("'" + name + "' is not a workstream of the plan"
                        + io.github.parallelworktrees.engine.plan.Suggestions.didYouMean(name,
                        plan.workstreams().stream().map(Workstream::name).toList()));
            }
        }
        if (names.isEmpty()) {
            throw new MergeException("wave " + wave.number() + " has no branches to merge");
        }
        Set<String> ordered = new LinkedHashSet<>();
        for (String name : names) {
            addInOrder(name, names, ordered);
        }
        return ordered.stream().map(n -> plan.workstream(n).orElseThrow()).toList();
    }

    private void addInOrder(String name, List<String> wanted, Set<String> ordered) {
        if (ordered.contains(name)) {
            return;
        }
        for (String dep : plan.workstream(name).orElseThrow().dependsOn()) {
            if (wanted.contains(dep)) {
                addInOrder(dep, wanted, ordered);
            }
        }
        ordered.add(name);
    }

    /** "Merge workstream api: <the first line of its RESULTS.md>" */
    private String message(Workstream ws) {
        Path results = layout.resultsDir(ws.name()).resolve("RESULTS.md");
        String summary = "";
        try {
            if (Files.isRegularFile(results)) {
                summary = WorkerResults.summaryLine(Files.readString(results)).orElse("");
            }
        } catch (IOException e) {
            summary = "";
        }
        return "Merge workstream " + ws.name() + " (" + plan.branchOf(ws) + ")" + (summary.isEmpty() ? ""
                : "\n\n" + summary);
    }

    /** The workstreams already in the integration that changed these files: who the conflict is with. */
    private String owners(String into, List<String> files) {
        Set<String> owners = new LinkedHashSet<>();
        for (Workstream other : plan.workstreams()) {
            Optional<String> tip = git.resolveCommit("refs/heads/" + plan.branchOf(other));
            if (tip.isEmpty() || !git.isAncestor(tip.get(), into)) {
                continue;
            }
            String base = git.run("merge-base", tip.get(), baseCommit());
            List<String> changed = new ArrayList<>();
            changed.add("diff");
            changed.add("--name-only");
            changed.add(base);
            changed.add(tip.get());
            changed.add("--");
            changed.addAll(files);
            if (!git.run(changed).isEmpty()) {
                owners.add(other.name());
            }
        }
        return owners.isEmpty() ? "the integration branch" : "workstream " + String.join(", ", owners);
    }

    /** The commit the run branched the workstreams from. */
    private String baseCommit() {
        return state.or(() -> RunState.load(layout)).map(s -> s.info().baseCommit())
                .orElseGet(() -> Bases.commit(git, plan.base().orElse(null)));
    }

    private static String describe(List<WaveResult.LeftOut> leftOut) {
        return String.join("; ", leftOut.stream().map(l -> l.workstream() + ": " + l.reason()).toList());
    }

    /**
     * Records the wave's merge in the ledger (and so in run.json), then beside the run as merges/wave-N.json (the
     * wave's latest merge, a copy for readers).
     */
    private void record(WaveResult result) {
        note(new Event.WaveMerged(java.time.Instant.now(), result));
        Json.writeAtomically(layout.root().resolve("merges").resolve("wave-" + result.wave() + ".json"), result);
    }
}
